import { useState } from 'react';
import type { ReviewRow } from '../../../shared/domain/link/document';
import { decideRows, reviewPage, reviewPageWords, tallyDecisions, REVIEW_PAGE_SIZE, type ReviewDecision } from '../../../shared/domain/link/review';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The review list of a link set, a page at a time ({@link REVIEW_PAGE_SIZE} rows): ✓/✗ per
 * row, "Accept all on this page"/"Reject all on this page", Previous/Next with "rows 41–80 of
 * 312", and the accepted/rejected/pending tallies of the whole list above it. `decisions` has one
 * entry per review row; every change calls `onChange` with the whole new list, so decisions made
 * on other pages are kept. Give it a `key` per link set so a new set starts on page 1.
 */
export function ReviewList(props: { rows: readonly ReviewRow[]; decisions: readonly ReviewDecision[]; onChange: (d: ReviewDecision[]) => void; readOnly?: boolean }) {
  const { rows, decisions, onChange, readOnly } = props;
  const [wanted, setPage] = useState(0);
  const p = reviewPage(rows.length, wanted);
  const t = tallyDecisions(decisions);
  const pageWords = reviewPageWords(p, rows.length);
  const nav = (where: 'top' | 'bottom') => (
    <div className="link-pager" role="navigation" aria-label={`Review pages (${where})`}>
      <button type="button" disabled={p.page === 0} onClick={() => setPage(p.page - 1)}>
        ‹ Previous
      </button>
      <span data-testid={where === 'top' ? 'link-review-page' : undefined}>
        {pageWords} (page {fmt(p.page + 1)} of {fmt(p.pages)})
      </span>
      <button type="button" disabled={p.page >= p.pages - 1} onClick={() => setPage(p.page + 1)}>
        Next ›
      </button>
    </div>
  );
  return (
    <div className="link-review-list">
      <h4 data-testid="link-review-tally">
        Review list: {fmt(t.accepted)} accepted, {fmt(t.rejected)} rejected, {fmt(t.pending)} pending of {fmt(rows.length)}
      </h4>
      {nav('top')}
      <div className="link-page-actions">
        <button type="button" disabled={readOnly} onClick={() => onChange(decideRows(decisions, p.start, p.end, 'accept'))}>
          Accept all on this page
        </button>
        <button type="button" disabled={readOnly} onClick={() => onChange(decideRows(decisions, p.start, p.end, 'reject'))}>
          Reject all on this page
        </button>
        <button type="button" disabled={readOnly} onClick={() => onChange(decideRows(decisions, p.start, p.end, null))}>
          Clear this page
        </button>
      </div>
      <table className="link-review" data-testid="link-review">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">A → B, why</th>
            <th scope="col">Apart</th>
            <th scope="col">Keep?</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(p.start, p.end).map((r, k) => {
            const i = p.start + k;
            const d = decisions[i] ?? null;
            return (
              <tr key={i} className={d ? `decided-${d}` : undefined}>
                <td className="num link-rowno">{fmt(i + 1)}</td>
                <td>
                  <span className="link-ids">
                    {r.a} → {r.b}
                  </span>
                  <span className="link-why">
                    {r.reasons.join('; ')}
                    {r.candidates > 1 ? ` (${r.candidates} candidates)` : ''}
                  </span>
                </td>
                <td className="num">
                  {r.distanceM === null ? '–' : `${r.distanceM} m`}
                  <br />
                  {r.days === null ? '' : `${r.days} d`}
                </td>
                <td className="link-decide">
                  <button type="button" disabled={readOnly} aria-pressed={d === 'accept'} aria-label={`Accept ${r.a} to ${r.b}`} onClick={() => onChange(decideRows(decisions, i, i + 1, 'accept', true))}>
                    ✓
                  </button>
                  <button type="button" disabled={readOnly} aria-pressed={d === 'reject'} aria-label={`Reject ${r.a} to ${r.b}`} onClick={() => onChange(decideRows(decisions, i, i + 1, 'reject', true))}>
                    ✗
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.pages > 1 && nav('bottom')}
    </div>
  );
}
