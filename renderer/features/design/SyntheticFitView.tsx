import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { formatFixed } from './balance-view';
import { LineChart } from './plots';

const SHOWN = 12;

/**
 * A synthetic-control design's fit: the weighted comparison cells (largest first), the
 * pre-period RMSE of the mean target and of each target, and the mean target's monthly series
 * against its synthetic counterpart (sum of w_j x the cell's monthly counts).
 */
export function SyntheticFitView({ design }: { design: DesignDoc }) {
  const m = design.method;
  if (m.kind !== 'matched' || m.algorithm !== 'synthetic' || !m.fit) return null;
  const fit = m.fit;
  const weighted = [...design.comparisons].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  return (
    <div className="synthetic-fit" data-testid="synthetic-fit">
      <p>
        Synthetic control: <strong>{design.comparisons.length}</strong> weighted cells of a pool of {fit.donors.toLocaleString('en-US')}; pre-period fit RMSE{' '}
        <strong data-testid="synthetic-rmse">{formatFixed(fit.rmse, 2)}</strong> incidents a month (mean of the {design.targets.length} target{design.targets.length === 1 ? '' : 's'}).
        {fit.perTarget.length > 1 && <span className="muted"> Each target on its own: {fit.perTarget.map((t) => `${t.targetId} ${formatFixed(t.rmse, 2)}`).join(', ')}.</span>}
      </p>
      <table className="design-table weights-table" data-testid="synthetic-weights">
        <caption>Weights (non-negative, summing to 1): the synthetic target is Σ w × the cell's counts</caption>
        <thead>
          <tr>
            <th>Comparison</th>
            <th>Grid cell</th>
            <th>Weight</th>
          </tr>
        </thead>
        <tbody>
          {weighted.slice(0, SHOWN).map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td className="num">{c.cellId}</td>
              <td className="num">{formatFixed(c.weight ?? 0, 3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {weighted.length > SHOWN && <p className="muted">…and {weighted.length - SHOWN} more cells with smaller weights.</p>}
      <LineChart
        title="Pre-period monthly counts: mean target vs synthetic control (the fit)"
        yLabel="incidents per target"
        labels={fit.labels}
        series={[{ label: 'Targets (mean)', values: fit.target, color: '#c80050' }, { label: 'Synthetic control', values: fit.synthetic, color: '#00a0b4', dashed: true }]}
        testId="synthetic-series"
      />
      <p className="note">{fit.convention}. Evaluation (Evaluate tab, or “spi evaluate”) follows the gap after the intervention and ranks it among placebo fits of the weighted cells.</p>
    </div>
  );
}
