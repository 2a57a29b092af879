import { useEffect, useRef, useState } from 'react';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { GridMatchSummary } from '../../../shared/domain/design/grid-match';
import type { DesignPoints } from '../../../shared/domain/design/design-units';
import { buildMatchInput, datasetsOfSettings } from './design-actions';
import { loadOtherDatasets, otherDatasetChoices } from './design-extras';
import { DesignWorkerClient } from './design-worker-client';
import { DesignResult } from './DesignResult';
import { MatchOptions } from './MatchOptions';
import type { DesignController } from './use-design-workbench';

/**
 * Step 2: matching settings (unit, covariates incl. other datasets, read here first), "Match" (run in a Web Worker with progress text and Cancel, so the
 * panel and the map stay responsive on a large pool), and the design's balance, plots and save.
 */
export function MatchSection({ c }: { c: DesignController }) {
  const { settings: s, data, current } = c;
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  // The summary belongs to the design it came with (an opened saved design has none).
  const [summary, setSummary] = useState<{ doc: DesignDoc; summary: GridMatchSummary } | null>(null);
  const client = useRef<DesignWorkerClient | null>(null);
  useEffect(() => () => client.current?.cancel(), []);
  if (!data) return null;

  const match = async () => {
    setError(null);
    const t0 = performance.now();
    let others: { datasets: { name: string; points: DesignPoints }[]; available: string[] } = { datasets: [], available: [] };
    const otherIds = datasetsOfSettings(s);
    if (otherIds.length) {
      setProgress('Reading the other datasets…');
      try {
        others = { datasets: await loadOtherDatasets(await c.engine, c.state.project.createdAt, otherIds, data.crs), available: otherDatasetChoices(c.state.project.createdAt, data.dataset).map((d) => d.id) };
      } catch (e) {
        setProgress(null);
        return setError(e instanceof Error ? e.message : String(e));
      }
    }
    const input = buildMatchInput(data, c.targets, s, c.pre, c.state.project.layers, others);
    if (!input.ok) {
      setProgress(null);
      return setError(input.error);
    }
    setProgress('Starting…');
    void (client.current ??= new DesignWorkerClient()).run(input.value, setProgress).then((r) => {
      if (!r) return;
      setProgress(null);
      if (!r.ok) return setError(r.error);
      setSummary({ doc: r.doc, summary: r.summary });
      c.setCurrent(r.doc);
      setError(null);
      console.info(`design matching: ${Math.round(r.ms)} ms in the worker, ${Math.round(performance.now() - t0)} ms in all`);
    });
  };
  const cancel = () => {
    client.current?.cancel();
    setProgress(null);
  };

  return (
    <section className="panel design-section">
      <h3>Matched comparison areas</h3>
      <p className="note">
        {c.targets.length} target{c.targets.length === 1 ? '' : 's'}, pre period {s.preFrom || '?'} to {s.preTo || '?'}, buffer {s.bufferM} m (set in step 1).{' '}
        {s.unitKind === 'grid' || s.unitKind === 'hex'
          ? `Each target is one unit; the pool is every ${s.unitKind === 'hex' ? 'hexagon' : 'grid cell'} at least max(2 × buffer, minimum distance) from every target.`
          : `The target units are the ${s.unitKind === 'segments' ? 'street segments whose midpoint' : s.unitKind === 'polygons' ? 'polygons whose centroid (or that hold a target)' : 'circles whose centre'} lies in a target; the pool is every other unit at least max(2 × buffer, minimum distance) from every target and target unit.`}
      </p>
      <MatchOptions c={c} />
      <p className="button-row">
        <button type="button" className="primary" data-testid="run-match" disabled={progress !== null || c.targets.length === 0} onClick={() => void match()}>
          {progress !== null ? 'Matching…' : 'Match'}
        </button>
        {progress !== null && (
          <>
            {' '}
            <button type="button" data-testid="cancel-match" onClick={cancel}>Cancel</button>
          </>
        )}
      </p>
      {progress !== null && <p className="progress" role="status" data-testid="match-progress">{progress}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {current && <DesignResult c={c} design={current} summary={summary?.doc === current ? summary.summary : null} />}
    </section>
  );
}
