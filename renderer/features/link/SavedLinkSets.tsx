import { useState } from 'react';
import type { LinkDocument } from '../../../shared/domain/link/document';
import { isLinkDocument, savedDecisions, tallyDecisions, withReviewDecisions, type ReviewDecision } from '../../../shared/domain/link/review';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { LinkCounts } from './LinkCounts';
import { ReviewList } from './ReviewList';

const fmt = (n: number) => n.toLocaleString('en-US');
const when = (iso: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? iso.slice(0, 16).replace('T', ' ') : iso);

/** The saved link sets of the project: every `links/<name>` document that is a link set, by name. */
export function savedLinkSets(documents: Readonly<Record<string, unknown>>): { path: string; doc: LinkDocument }[] {
  return Object.entries(documents)
    .filter(([path, v]) => path.startsWith('links/') && isLinkDocument(v))
    .map(([path, v]) => ({ path, doc: v as LinkDocument }))
    .sort((x, y) => x.path.localeCompare(y.path));
}

/**
 * "Saved link sets": one row per `links/<name>` document (name, rule, links, review rows, when
 * it was made, the decisions tally) with "Show"; the chosen one shows its counts and its review
 * list again, and "Save decisions" writes them back into the document (a `set-document`, so Undo
 * takes it back) with a `link.review` log entry.
 */
export function SavedLinkSets(props: { documents: Readonly<Record<string, unknown>>; store: Store; readOnly: boolean }) {
  const { documents, store, readOnly } = props;
  const sets = savedLinkSets(documents);
  const [chosen, setChosen] = useState<string | null>(null);
  if (sets.length === 0) return null;
  const shown = sets.find((s) => s.path === chosen) ?? null;
  return (
    <div className="link-saved-sets" data-testid="link-saved-sets">
      <h4>Saved link sets</h4>
      <ul className="link-sets">
        {sets.map(({ path, doc }) => {
          const t = tallyDecisions(savedDecisions(doc));
          return (
            <li key={path} className={path === chosen ? 'chosen' : undefined} data-testid="link-set-row">
              <div className="link-set-head">
                <strong className="link-ids">{doc.name}</strong>
                <button type="button" aria-pressed={path === chosen} aria-label={`Show ${doc.name}`} onClick={() => setChosen(path === chosen ? null : path)}>
                  {path === chosen ? 'Hide' : 'Show'}
                </button>
              </div>
              <div>
                <code>{doc.rule}</code> {doc.a.source} → {doc.b.source}
              </div>
              <div>
                {fmt(doc.counts.links)} links, {fmt(doc.counts.review)} to review: {fmt(t.accepted)} accepted, {fmt(t.rejected)} rejected, {fmt(t.pending)} pending
              </div>
              <div className="link-when">made {when(doc.createdAt)}</div>
            </li>
          );
        })}
      </ul>
      {shown && <SavedLinkSet key={shown.path} path={shown.path} doc={shown.doc} store={store} readOnly={readOnly} />}
    </div>
  );
}

/** One saved link set shown again: its counts and its review list, decisions editable and saved back. */
function SavedLinkSet(props: { path: string; doc: LinkDocument; store: Store; readOnly: boolean }) {
  const { path, doc, store, readOnly } = props;
  const [base, setBase] = useState(doc);
  const [decisions, setDecisions] = useState<ReviewDecision[]>(() => savedDecisions(doc));
  const [note, setNote] = useState<string | null>(null);
  if (base !== doc) {
    // The document changed under us (saved, undone, redone): show what it holds now.
    setBase(doc);
    setDecisions(savedDecisions(doc));
  }
  const stored = savedDecisions(doc);
  const changed = decisions.filter((d, i) => d !== stored[i]).length;
  const save = () => {
    const next = withReviewDecisions(doc, decisions);
    const log = logEntry('link.review', { name: doc.name, rule: doc.rule, a: doc.a, b: doc.b, changed, decided: next.decided }, `${path}: ${next.decided.accepted} accepted, ${next.decided.rejected} rejected, ${next.decided.pending} pending`);
    store.dispatch({ type: 'set-document', path, value: next, log });
    setNote(`Saved ${changed} changed decision${changed === 1 ? '' : 's'} in ${path}, logged as "link.review".`);
  };
  return (
    <div className="link-result" data-testid="link-saved-set">
      <h4>
        {doc.name} <span className="link-when">made {when(doc.createdAt)}</span>
      </h4>
      <LinkCounts doc={doc} />
      {doc.review.length > 0 && <ReviewList rows={doc.review} decisions={decisions} onChange={(d) => {
            setDecisions(d);
            setNote(null);
          }} readOnly={readOnly} />}
      <div className="link-save">
        <button type="button" disabled={readOnly || changed === 0} onClick={save}>
          Save decisions{changed ? ` (${fmt(changed)} changed)` : ''}
        </button>
        <button type="button" disabled={changed === 0} onClick={() => setDecisions(stored)}>
          Discard changes
        </button>
        {note && <span data-testid="link-set-saved">{note}</span>}
      </div>
    </div>
  );
}
