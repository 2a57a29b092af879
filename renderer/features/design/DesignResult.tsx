import { useMemo } from 'react';
import { designDocumentKey, type DesignDoc } from '../../../shared/domain/design/design-doc';
import type { GridMatchSummary } from '../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../shared/domain/design/period';
import { BalanceTable } from './BalanceTable';
import { toLovePlot } from './balance-view';
import { describeUnit } from './design-extras';
import { computePreSeries } from './design-series';
import { saveDesign } from './design-actions';
import { LineChart, LovePlot } from './plots';
import { SyntheticFitView } from './SyntheticFitView';
import type { DesignController } from './use-design-workbench';

const REASONS: Record<string, string> = {
  'no-comparison-in-category': 'no comparison cell in its category',
  'none-within-caliper': 'no comparison cell within the caliper',
  'pool-exhausted': 'every eligible cell was already used',
};

/** The method of a design in a few words ("mahalanobis, optimal 1:1", "synthetic control"). */
export function describeMethod(d: DesignDoc): string {
  const m = d.method;
  if (m.kind === 'randomized') return `randomized: ${m.algorithm}`;
  if (m.algorithm === 'synthetic') return 'synthetic control';
  return `${m.algorithm}, ${m.pairing ?? 'greedy'} 1:${m.ratio}${m.replace ? ' with replacement' : ''}${m.exact ? `, exact ${m.exact}` : ''}`;
}

/**
 * A built or opened design: balance table, Love plot, the parallel-trends series (or, for a
 * synthetic design, its weights and fit), unmatched targets, warnings, and Save.
 */
export function DesignResult({ c, design, summary }: { c: DesignController; design: DesignDoc; summary: GridMatchSummary | null }) {
  const { data } = c;
  const m = design.method;
  const synthetic = m.kind === 'matched' && m.algorithm === 'synthetic';
  const designPre = useMemo(() => {
    const p = parsePeriod('pre', `${design.pre.from}..${design.pre.to}`);
    return p.ok ? p.value : null;
  }, [design]);
  const series = useMemo(() => (!synthetic && data && designPre ? computePreSeries(design, data.points.x, data.points.y, data.points.days, designPre) : null), [design, data, designPre, synthetic]);
  if (!data) return null;
  const saved = c.state.doc.documents[designDocumentKey(design.name)];
  const isSaved = saved !== undefined && JSON.stringify(saved) === JSON.stringify(design);
  return (
    <div className="design-result" data-testid="design-result">
      <h3>
        {design.name} <span className="muted">({describeMethod(design)})</span>
      </h3>
      <p>
        {design.targets.length} targets, {design.comparisons.length} comparison areas (cyan on the map), buffer rings {design.targets[0]?.bufferM ?? 0} m.{' '}
        {m.kind === 'matched' && `Pool: ${design.balance.nControl.toLocaleString('en-US')} ${describeUnit(design.unit)}.`}
        {summary && summary.totalDistance !== null && ` Total distance ${summary.totalDistance.toFixed(3)}${summary.globalOptimum ? ' (exact optimum)' : ''}.`}
        {summary?.propensity && ` Propensity model ${summary.propensity.converged ? 'converged' : 'did NOT converge'} in ${summary.propensity.iterations} iterations.`}
      </p>
      {summary && summary.droppedCovariates.length > 0 && <p className="note">Left out of the distance (constant, or a sum of the other covariates; still in the balance table): {summary.droppedCovariates.join(', ')}.</p>}
      {design.unmatched.length > 0 && (
        <ul className="problems" data-testid="unmatched">
          {design.unmatched.map((u) => (
            <li key={u.targetId} className="warning">
              {u.targetId} unmatched: {summary?.unmatched.find((x) => x.target === u.targetId)?.explanation ?? REASONS[u.reason] ?? u.reason}
            </li>
          ))}
        </ul>
      )}
      {synthetic && <SyntheticFitView design={design} />}
      <BalanceTable design={design} />
      <LovePlot {...toLovePlot(design.balance)} />
      {series && (
        <LineChart
          title="Pre-period monthly counts per area: targets vs comparisons (parallel trends check)"
          yLabel="incidents per area"
          labels={series.labels}
          series={[{ label: 'Targets (mean per area)', values: series.targets, color: '#c80050' }, { label: 'Comparisons (mean per area)', values: series.comparisons, color: '#00a0b4', dashed: true }]}
          testId="pre-series"
        />
      )}
      {design.warnings.length > 0 && <ul className="problems">{design.warnings.map((w) => <li key={w} className="warning">{w}</li>)}</ul>}
      {m.kind === 'matched' && (
        <details className="design-more">
          <summary>Method as recorded</summary>
          <p className="small">{m.convention}</p>
        </details>
      )}
      <p>
        <button type="button" className="primary" data-testid="save-design" disabled={isSaved || c.state.project.readOnly} onClick={() => saveDesign(c.store, design, data)}>
          {isSaved ? 'Saved in the project' : saved !== undefined ? `Replace saved “${design.name}”` : `Save as designs/${design.name}`}
        </button>
      </p>
    </div>
  );
}
