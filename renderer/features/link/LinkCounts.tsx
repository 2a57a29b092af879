import type { LinkDocument } from '../../../shared/domain/link/document';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The rule in words and the counts of a link set (fresh or saved): records, unusable, links, linked, to review. */
export function LinkCounts(props: { doc: LinkDocument }) {
  const { doc } = props;
  const c = doc.counts;
  return (
    <>
      <p>
        {doc.a.source} (A) to {doc.b.source} (B) by <code>{doc.rule}</code>: {doc.ruleWords}.
      </p>
      <ul className="link-counts" data-testid="link-counts">
        <li>A: {fmt(c.aRecords)} records{c.aUnusable ? `, ${fmt(c.aUnusable)} without what the rule needs` : ''}</li>
        <li>B: {fmt(c.bRecords)} records{c.bUnusable ? `, ${fmt(c.bUnusable)} without what the rule needs` : ''}</li>
        <li>
          <strong>{fmt(c.links)} links</strong>: {fmt(c.aLinked)} A records linked, {fmt(c.bLinked)} B records linked; <strong>{fmt(c.review)} to review</strong>
        </li>
      </ul>
    </>
  );
}
