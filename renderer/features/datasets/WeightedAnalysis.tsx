import { useEffect, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import { topIndices, type AnalysisRun } from '../../../shared/domain/analysis/result';
import { checkFilterPredicate } from '../../../shared/domain/analysis/points';
import type { CombinationDocument } from '../../../shared/domain/sources/combination';
import { queryCombinedPoints, runWeightedAnalysis, weightedCliCommand, type SourceCount, type WeightedMethod } from '../../../shared/domain/sources/weighted-run';
import { parseWeightsSpec } from '../../../shared/domain/stats/hotspots';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { combinationParts } from './combine-sources';
import { projectDatasets } from './project-datasets';

type Kind = WeightedMethod['kind'];
const LABELS: Record<Kind, string> = { grid: 'Grid counts', hotspots: 'Hot spots (Gi*)', concentration: 'Concentration', kde: 'Kernel density' };
const MAIN: Record<Kind, string> = { grid: 'count', hotspots: 'z', concentration: 'count', kde: 'density' };
const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) : String(v));

function methodOf(kind: Kind, cell: string, radius: string, neighbours: string): WeightedMethod | string {
  const c = Number(cell);
  if (!(c > 0)) return `Cell: "${cell}" is not a size in metres > 0`;
  if (kind === 'grid') return { kind, cell: c };
  if (kind === 'concentration') return { kind, cell: c, top: null };
  if (kind === 'kde') {
    const r = Number(radius);
    return r > 0 ? { kind, cell: c, radius: r } : `Radius: "${radius}" is not a distance in metres > 0`;
  }
  const w = parseWeightsSpec(neighbours);
  return w.ok ? { kind, cell: c, weights: w.value } : `Neighbours: "${neighbours}" is not valid (expected ${w.error.expected})`;
}

/**
 * The shown combination's weighted analyses: the points are read and counted by the same
 * shared code as `spi grid|hotspots|concentration|kde --source A=w,B=v` (each record counts its
 * source's weight), and the panel prints that command so the result can be re-run and checked.
 */
export function WeightedAnalysis(props: { doc: CombinationDocument; createdAt: string; engine: Promise<SqlEngine> }) {
  const { doc, createdAt, engine } = props;
  const [kind, setKind] = useState<Kind>('grid');
  const [cell, setCell] = useState('250');
  const [radius, setRadius] = useState('400');
  const [neighbours, setNeighbours] = useState('queen');
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ run: AnalysisRun; bySource: readonly SourceCount[]; command: string; used: number } | null>(null);
  useEffect(() => setResult(null), [doc]);
  const kinds = new Map(projectDatasets(createdAt).map((d) => [d.meta.id, d.meta.kind]));

  const run = async () => {
    setError(null);
    const method = methodOf(kind, cell, radius, neighbours);
    if (typeof method === 'string') return setError(method);
    if (filter.trim()) {
      const f = checkFilterPredicate(filter);
      if (!f.ok) return setError(formatAppError(f.error));
    }
    setBusy(true);
    try {
      const e = await engine;
      const parts = await combinationParts(e, createdAt, doc);
      const points = await queryCombinedPoints(e, parts, filter.trim() || undefined);
      if (!points.ok) throw new Error(formatAppError(points.error));
      const crs = projectDatasets(createdAt).find((d) => d.meta.id === doc.sources[0]?.dataset)?.meta.crs.analysis ?? null;
      const r = runWeightedAnalysis(points.value.points, crs, method);
      if (!r.ok) throw new Error(formatAppError(r.error));
      setResult({ run: r.value, bySource: points.value.bySource, command: weightedCliCommand(parts, method, filter), used: points.value.points.x.length });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const main = result?.run.table.columns.find((c) => c.name === MAIN[kind]);
  const top = result && main ? topIndices(main.values as Float64Array, 5) : [];
  const summary = result ? Object.entries(result.run.summary).filter(([, v]) => typeof v === 'number' || typeof v === 'string').slice(0, 8) : [];
  return (
    <div className="weighted-analysis" data-testid="weighted-analysis">
      <h4>Weighted analysis</h4>
      <p className="weighted-note">Each record counts its source&apos;s weight; results are weighted sums, computed as the CLI computes them.</p>
      <div className="weighted-form">
        <label>
          Method
          <select aria-label="Weighted method" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(Object.keys(LABELS) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cell (m) <input aria-label="Cell size" size={5} value={cell} onChange={(e) => setCell(e.target.value)} />
        </label>
        {kind === 'kde' && (
          <label>
            Radius (m) <input aria-label="Radius" size={5} value={radius} onChange={(e) => setRadius(e.target.value)} />
          </label>
        )}
        {kind === 'hotspots' && (
          <label>
            Neighbours <input aria-label="Neighbours" size={8} value={neighbours} onChange={(e) => setNeighbours(e.target.value)} />
          </label>
        )}
        <label className="weighted-filter">
          Filter (SQL, every source) <input aria-label="Weighted filter" value={filter} placeholder="e.g. occurred_from >= DATE '2024-01-01'" onChange={(e) => setFilter(e.target.value)} />
        </label>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          {busy ? 'Running…' : 'Run weighted'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="weighted-result" data-testid="weighted-result">
          <p>
            <strong>{result.run.method}</strong> on {result.used.toLocaleString('en-US')} points:{' '}
            {result.bySource.map((s) => `${s.dataset} (${kinds.get(s.dataset) ?? 'dataset'}) ${s.points.toLocaleString('en-US')} × ${s.weight} = ${fmt(s.weighted)}`).join('; ')}.
          </p>
          <table className="weighted-summary">
            <tbody>
              {summary.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{fmt(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {main && top.length > 0 && (
            <p className="weighted-top">
              Highest {MAIN[kind]}: {Array.from(top, (i) => fmt((main.values as Float64Array)[i])).join(', ')}
            </p>
          )}
          <p className="weighted-command">
            Same result: <code>{result.command}</code>
          </p>
        </div>
      )}
    </div>
  );
}
