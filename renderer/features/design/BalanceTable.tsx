import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { toBalanceView } from './balance-view';

/**
 * The balance table as published: means (targets, pool, matched), s*, SMD before/after, variance
 * ratios; cells flagged when |SMD| reaches the threshold or the variance ratio leaves 0.5-2.
 */
export function BalanceTable({ design }: { design: DesignDoc }) {
  const matched = design.method.kind === 'matched';
  const v = toBalanceView(design.balance, matched ? 'matched' : 'randomized');
  return (
    <figure className="balance">
      <figcaption>
        <strong>Balance.</strong> {v.summary}.
      </figcaption>
      <div className="table-scroll">
        <table className="design-table balance-table" data-testid="balance-table">
          <thead>
            <tr>
              <th>Covariate</th>
              <th title="Mean over the targets (treatment places)">{matched ? 'Targets' : 'Treat.'}</th>
              <th title={matched ? 'Mean over the whole comparison pool' : 'Mean over the control places'}>{matched ? 'Pool' : 'Control'}</th>
              {matched && <th title="Weighted mean over the matched comparisons">Matched</th>}
              <th title={`The SMD denominator: ${v.denominator}`}>s*</th>
              <th title="Standardized mean difference before matching">SMD {matched ? 'before' : ''}</th>
              {matched && <th title="Standardized mean difference after matching, same s*">SMD after</th>}
              <th title="Variance ratio s_t² / s_c² before matching">VR {matched ? 'before' : ''}</th>
              {matched && <th title="Variance ratio after matching">VR after</th>}
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td className="num">{r.meanTargets}</td>
                <td className="num">{r.meanPool}</td>
                {matched && <td className="num">{r.meanMatched}</td>}
                <td className="num">{r.sStar}</td>
                <td className={`num${r.flagBefore ? ' flag' : ''}`}>{r.smdBefore}</td>
                {matched && <td className={`num${r.flagAfter ? ' flag' : ' good'}`} data-testid="smd-after">{r.smdAfter}</td>}
                <td className="num">{r.vrBefore}</td>
                {matched && <td className={`num${r.vrFlagAfter ? ' flag' : ''}`}>{r.vrAfter}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="note">
        SMD = (mean targets − mean comparisons) / s*, {v.denominator}, so before and after share one denominator (Austin 2009).
        Flagged (red) when |SMD| ≥ {v.threshold} or the variance ratio is outside 0.5–2.
      </p>
    </figure>
  );
}
