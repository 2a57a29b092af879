import { useState } from 'react';
import { LINK_NAME, toLinkLogEntry } from '../../../shared/domain/link/document';
import { withReviewDecisions, type ReviewDecision } from '../../../shared/domain/link/review';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { projectDatasets } from '../datasets/project-datasets';
import { LinkCounts } from './LinkCounts';
import { runLink, type LinkOutcome } from './link-task';
import { ReviewList } from './ReviewList';
import { SavedLinkSets } from './SavedLinkSets';
import './link.css';

type By = 'case' | 'person' | 'place' | 'address' | 'block' | 'cell100m';
const BY_LABELS: Record<By, string> = {
  case: 'Case number',
  person: 'Person id',
  place: 'Place and time (distance, days)',
  address: 'Same address, within days',
  block: 'Same hundred block, within days',
  cell100m: 'Same 100 m cell, within days',
};

/** The `--by` text of the form. */
export function byText(by: By, distance: string, window: string): string {
  if (by === 'case' || by === 'person') return by;
  return by === 'place' ? `place:${distance.trim()},${window.trim()}` : `place:${by},${window.trim()}`;
}

/**
 * "Link records": links two datasets of the project by case number, person id or place and
 * time, exactly as `spi link A B --by ...` (same shared code), shows the counts and the review
 * list of uncertain links to accept or reject (paged, see ReviewList), and saves the rule, the
 * links and the decisions as document `links/<name>` with a `link` log entry, as
 * `spi link --save NAME` does. Below, the saved link sets of the project (SavedLinkSets).
 */
export function LinkPanel(props: { state: AppState; store: Store; engine: Promise<SqlEngine> }) {
  const { state, store, engine } = props;
  const datasets = projectDatasets(state.project.createdAt).filter((d) => d.table);
  const [open, setOpen] = useState(false);
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const [by, setBy] = useState<By>('case');
  const [distance, setDistance] = useState('50m');
  const [window, setWindow] = useState('2d');
  const [filterA, setFilterA] = useState('');
  const [filterB, setFilterB] = useState('');
  const [name, setName] = useState('links-1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<LinkOutcome | null>(null);
  const [decisions, setDecisions] = useState<ReviewDecision[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  if (datasets.length < 2) return null;
  const idA = a ?? datasets.find((d) => d.meta.kind === 'calls')?.meta.id ?? datasets[1]!.meta.id;
  const idB = b ?? datasets.find((d) => d.meta.kind === 'incidents')?.meta.id ?? datasets[0]!.meta.id;
  const command = `spi link ${idA} ${idB} --project P.spiproj --by ${byText(by, distance, window)}${filterA.trim() ? ` --filter-a "${filterA.trim()}"` : ''}${filterB.trim() ? ` --filter-b "${filterB.trim()}"` : ''}`;

  const run = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const o = await runLink(await engine, state.project.createdAt, { a: idA, b: idB, by: byText(by, distance, window), filterA, filterB, name });
      setOutcome(o);
      setDecisions(o.doc.review.map(() => null));
    } catch (e) {
      setOutcome(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!outcome) return;
    if (!LINK_NAME.test(name.trim())) return setError(`Name: "${name}" is not valid (letters, digits, '.', '_', '-', up to 64)`);
    const doc = withReviewDecisions({ ...outcome.doc, name: name.trim() }, decisions);
    const log = toLinkLogEntry(doc, 'analyst', outcome.hashes);
    store.dispatch({ type: 'set-document', path: `links/${doc.name}`, value: doc, log: { ...log, parameters: { ...log.parameters, decided: doc.decided } } });
    setSaved(`links/${doc.name}`);
  };
  const options = datasets.map((d) => (
    <option key={d.meta.id} value={d.meta.id}>
      {d.meta.id} ({d.meta.kind})
    </option>
  ));
  return (
    <section className="panel link-panel" data-testid="link-panel">
      <button type="button" className="link-panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Link records {open ? '▾' : '▸'}
      </button>
      {open && (
        <div className="link-body">
          <div className="link-form">
            <label>
              A <select aria-label="Source A" value={idA} onChange={(e) => setA(e.target.value)}>{options}</select>
            </label>
            <label>
              B <select aria-label="Source B" value={idB} onChange={(e) => setB(e.target.value)}>{options}</select>
            </label>
            <label>
              By
              <select aria-label="Link by" value={by} onChange={(e) => setBy(e.target.value as By)}>
                {(Object.keys(BY_LABELS) as By[]).map((k) => (
                  <option key={k} value={k}>
                    {BY_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            {by === 'place' && (
              <label>
                Distance <input aria-label="Distance" size={6} value={distance} onChange={(e) => setDistance(e.target.value)} />
              </label>
            )}
            {by !== 'case' && by !== 'person' && (
              <label>
                Window <input aria-label="Window" size={4} value={window} onChange={(e) => setWindow(e.target.value)} />
              </label>
            )}
            <label className="link-wide">
              Filter A (SQL) <input aria-label="Filter A" value={filterA} onChange={(e) => setFilterA(e.target.value)} />
            </label>
            <label className="link-wide">
              Filter B (SQL) <input aria-label="Filter B" value={filterB} onChange={(e) => setFilterB(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
              {busy ? 'Linking…' : 'Link'}
            </button>
          </div>
          <p className="link-command">
            <code>{command}</code>
          </p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {outcome && (
            <div className="link-result" data-testid="link-result">
              <LinkCounts doc={outcome.doc} />
              {outcome.doc.review.length > 0 && <ReviewList key={outcome.doc.createdAt} rows={outcome.doc.review} decisions={decisions} onChange={setDecisions} />}
              <div className="link-save">
                <label>
                  Name <input aria-label="Link set name" value={name} onChange={(e) => setName(e.target.value)} />
                </label>
                <button type="button" disabled={state.project.readOnly} onClick={save}>
                  Save in project
                </button>
                {saved && <span data-testid="link-saved">Saved as {saved}, logged as "link".</span>}
              </div>
            </div>
          )}
          <SavedLinkSets documents={state.doc.documents} store={store} readOnly={state.project.readOnly} />
        </div>
      )}
    </section>
  );
}
