import { useMemo, useState } from 'react';
import { parsePeriod } from '../../../shared/domain/design/period';
import { designDocumentKey } from '../../../shared/domain/design/design-doc';
import { BalanceTable } from './BalanceTable';
import { toLovePlot } from './balance-view';
import { computePreSeries } from './design-series';
import { runMatching, saveDesign } from './design-actions';
import { LineChart, LovePlot } from './plots';
import type { DesignController } from './use-design-workbench';

const REASONS: Record<string, string> = {
  'no-comparison-in-category': 'no comparison cell in its category',
  'none-within-caliper': 'no comparison cell within the caliper',
  'pool-exhausted': 'every eligible cell was already used',
};

/** Step 2: matching settings, "Match", and the design's balance, plots and save. */
export function MatchSection({ c }: { c: DesignController }) {
  const { settings: s, data, current } = c;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const designPre = useMemo(() => {
    if (!current) return null;
    const p = parsePeriod('pre', `${current.pre.from}..${current.pre.to}`);
    return p.ok ? p.value : null;
  }, [current]);
  const series = useMemo(() => (current && data && designPre ? computePreSeries(current, data.points.x, data.points.y, data.points.days, designPre) : null), [current, data, designPre]);
  if (!data) return null;
  const saved = current ? c.state.doc.documents[designDocumentKey(current.name)] : undefined;
  const isSaved = saved !== undefined && JSON.stringify(saved) === JSON.stringify(current);

  const match = () => {
    setBusy(true);
    setError(null);
    // Let the "Matching…" status paint before the synchronous work.
    setTimeout(() => {
      const r = runMatching(data, c.targets, s, c.pre);
      setBusy(false);
      if (r.ok) c.setCurrent(r.value);
      else setError(r.error);
    }, 20);
  };
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback);

  return (
    <section className="panel design-section">
      <h3>Matched comparison areas</h3>
      <p className="note">
        {c.targets.length} target{c.targets.length === 1 ? '' : 's'}, pre period {s.preFrom || '?'} to {s.preTo || '?'}, buffer {s.bufferM} m (set in step 1). The pool is every grid cell at least max(2 × buffer, minimum distance) from every target.
      </p>
      <div className="field-grid">
        <label className="field">
          Design name
          <input data-testid="design-name" value={s.name} onChange={(e) => c.setSettings({ name: e.target.value })} />
        </label>
        <label className="field">
          Unit: grid cells of, m
          <input type="number" data-testid="cell-size" min={50} max={2000} step={10} value={s.cellSizeM} onChange={(e) => c.setSettings({ cellSizeM: num(e.target.value, s.cellSizeM) })} />
        </label>
        <label className="field">
          Method
          <select data-testid="match-method" value={s.method} onChange={(e) => c.setSettings({ method: e.target.value as 'mahalanobis' | 'propensity' })}>
            <option value="mahalanobis">Mahalanobis distance</option>
            <option value="propensity">Propensity score (logistic)</option>
          </select>
        </label>
        <label className="field">
          Comparisons per target (1:k)
          <input type="number" min={1} max={10} value={s.ratio} onChange={(e) => c.setSettings({ ratio: Math.max(1, Math.round(num(e.target.value, 1))) })} />
        </label>
        <label className="field">
          Caliper, SD (blank = none)
          <input type="number" min={0} step={0.05} value={s.caliper ?? ''} onChange={(e) => c.setSettings({ caliper: e.target.value === '' ? null : Math.max(0.01, num(e.target.value, 0.2)) })} />
        </label>
        <label className="field">
          Minimum distance, m
          <input type="number" min={0} step={50} value={s.minDistanceM} onChange={(e) => c.setSettings({ minDistanceM: Math.max(0, num(e.target.value, 0)) })} />
        </label>
        <label className="field">
          Seed (recorded)
          <input type="number" min={0} value={s.seed} onChange={(e) => c.setSettings({ seed: Math.max(0, Math.round(num(e.target.value, 1))) })} />
        </label>
      </div>
      <fieldset className="covariates">
        <legend>Covariates (pre period)</legend>
        <label><input type="checkbox" checked={s.counts} onChange={(e) => c.setSettings({ counts: e.target.checked, history: e.target.checked ? false : s.history })} /> Counts by offense group</label>
        <label><input type="checkbox" checked={s.history} onChange={(e) => c.setSettings({ history: e.target.checked, counts: e.target.checked ? false : s.counts, trend: e.target.checked ? false : s.trend })} /> Monthly history (trajectory; alone)</label>
        <label><input type="checkbox" checked={s.trend} onChange={(e) => c.setSettings({ trend: e.target.checked, history: e.target.checked ? false : s.history })} /> Trend (slope per month)</label>
      </fieldset>
      <button type="button" className="primary" data-testid="run-match" disabled={busy || c.targets.length === 0} onClick={match}>
        {busy ? 'Matching…' : 'Match'}
      </button>
      {error && <p className="error" role="alert">{error}</p>}
      {current && (
        <div className="design-result" data-testid="design-result">
          <h3>{current.name} <span className="muted">({current.method.kind === 'matched' ? `${current.method.algorithm}, 1:${current.method.ratio}` : `randomized: ${current.method.algorithm}`})</span></h3>
          <p>
            {current.targets.length} targets, {current.comparisons.length} comparison areas (cyan on the map), buffer rings {current.targets[0]?.bufferM ?? 0} m.{' '}
            {current.method.kind === 'matched' && `Pool: ${current.balance.nControl.toLocaleString('en-US')} cells of ${current.unit.sizeM} m.`}
          </p>
          {current.unmatched.length > 0 && (
            <ul className="problems" data-testid="unmatched">
              {current.unmatched.map((u) => <li key={u.targetId} className="warning">{u.targetId} unmatched: {REASONS[u.reason] ?? u.reason}</li>)}
            </ul>
          )}
          <BalanceTable design={current} />
          <LovePlot {...toLovePlot(current.balance)} />
          {series && (
            <LineChart
              title="Pre-period monthly counts per area: targets vs comparisons (parallel trends check)"
              yLabel="incidents per area"
              labels={series.labels}
              series={[{ label: 'Targets (mean per area)', values: series.targets, color: '#c80050' }, { label: 'Comparisons (mean per area)', values: series.comparisons, color: '#00a0b4', dashed: true }]}
              testId="pre-series"
            />
          )}
          {current.warnings.length > 0 && <ul className="problems">{current.warnings.map((w) => <li key={w} className="warning">{w}</li>)}</ul>}
          {current.method.kind === 'matched' && <details className="design-more"><summary>Method as recorded</summary><p className="small">{current.method.convention}</p></details>}
          <p>
            <button type="button" className="primary" data-testid="save-design" disabled={isSaved || c.state.project.readOnly} onClick={() => saveDesign(c.store, current, data)}>
              {isSaved ? 'Saved in the project' : saved !== undefined ? `Replace saved “${current.name}”` : `Save as designs/${current.name}`}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
