import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { applyProfileToPeopleRows, describePeopleProfile, maskSaltOf, MASK_DOCUMENT, PEOPLE_BY, toMaskDocument, toPeopleCsv, toUnmaskLogEntry, type PeopleBy } from '../../../shared/domain/people/list';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';
import { listProfileNames, readProfileDocument } from '../../../shared/domain/privacy/profile';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { projectDatasets } from '../datasets/project-datasets';
import { newMaskSalt, runPeople, type PeopleList, type PeopleRequest } from './people-task';
import './people.css';

const BY_LABELS: Record<PeopleBy, string> = { arrests: 'Arrests', contacts: 'Field contacts', victimizations: 'Victimizations (violent injuries)' };

/**
 * "Repeat people": persons ranked by arrests, field contacts or victimizations in a period with
 * their places, as `spi people` (same shared code). Ids are masked by default with the project's
 * secret salt (document people/mask, made on first use); "Show ids…" asks for a reason and logs
 * it (`people.unmask`). The method and its inputs are always shown in plain words. "Export CSV…"
 * writes the list under a privacy profile and logs it (`export.csv`).
 */
export function PeoplePanel(props: { state: AppState; store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  const { state, store, host, engine } = props;
  const kinds = new Set(projectDatasets(state.project.createdAt).map((d) => d.meta.kind));
  const offered = (Object.keys(PEOPLE_BY) as PeopleBy[]).filter((b) => kinds.has(PEOPLE_BY[b].kind));
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState<PeopleBy | null>(null);
  const [period, setPeriod] = useState('');
  const [top, setTop] = useState('20');
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [list, setList] = useState<(PeopleList & { request: PeopleRequest }) | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [profile, setProfile] = useState('public');
  const [exported, setExported] = useState<string | null>(null);
  if (offered.length === 0) return null;
  const chosen = by ?? offered[0]!;

  const salt = () => {
    const have = maskSaltOf(state.doc.documents);
    if (have) return have;
    const made = newMaskSalt();
    store.dispatch({ type: 'set-document', path: MASK_DOCUMENT, value: toMaskDocument(made, new Date().toISOString()) });
    return made;
  };
  const run = async (unmaskReason: string | null) => {
    setBusy(true);
    setError(null);
    setExported(null);
    try {
      const request = { by: chosen, period, top: Number(top), filter };
      const l = await runPeople(await engine, state.project.createdAt, request, salt(), unmaskReason !== null);
      if (unmaskReason !== null) {
        store.dispatch({ type: 'append-log', entry: toUnmaskLogEntry({ dataset: l.dataset, by: chosen, period: period.trim() || null, top: request.top, filter: filter.trim() || null }, l.rows.length, unmaskReason, 'analyst') });
      }
      setList({ ...l, request });
      setAsking(false);
      setReason('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async () => {
    if (!list) return;
    const p = readProfileDocument(state.doc.documents, profile);
    if (!p.ok) return setError(formatAppError(p.error));
    const rows = applyProfileToPeopleRows(list.rows, p.value);
    const text = toPeopleCsv(rows, [...list.statement, describePeopleProfile(p.value), list.masked ? 'Ids masked.' : 'Ids UNMASKED (logged as people.unmask).']);
    const bytes = new TextEncoder().encode(text);
    const suggestedName = `repeat-people-${list.request.by}${list.masked ? '' : '-unmasked'}.csv`;
    const saved = await host.saveFile({ suggestedName, bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    if (!saved.ok) return setError(formatAppError(saved.error));
    if (!saved.value.saved) return;
    const file = saved.value.path ?? suggestedName;
    const entry = await toExportLogEntry({
      kind: 'csv',
      format: 'csv',
      file,
      bytes,
      rows: rows.length,
      privacy: p.value.name,
      includeSensitive: !list.masked,
      by: 'analyst',
      extra: { list: 'people', dataset: list.dataset, peopleBy: list.request.by, period: list.request.period.trim() || null, top: list.request.top, masked: list.masked },
    });
    store.dispatch({ type: 'append-log', entry });
    setExported(`${file}. ${describePeopleProfile(p.value)} Logged as export.csv`);
  };

  return (
    <section className="panel people-panel" data-testid="people-panel">
      <button type="button" className="people-panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Repeat people {open ? '▾' : '▸'}
      </button>
      {open && (
        <div className="people-body">
          <div className="people-form">
            <label>
              Rank by
              <select aria-label="Rank by" value={chosen} onChange={(e) => setBy(e.target.value as PeopleBy)}>
                {offered.map((b) => (
                  <option key={b} value={b}>
                    {BY_LABELS[b]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Top <input aria-label="Top" size={4} value={top} onChange={(e) => setTop(e.target.value)} />
            </label>
            <label className="people-wide">
              Period <input aria-label="Period" placeholder="YYYY-MM-DD..YYYY-MM-DD (empty: every record)" value={period} onChange={(e) => setPeriod(e.target.value)} />
            </label>
            <label className="people-wide">
              Filter (SQL) <input aria-label="People filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={busy} onClick={() => void run(null)}>
              {busy ? 'Ranking…' : 'Rank (masked)'}
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {list && (
            <div className="people-result" data-testid="people-result">
              <p className={list.masked ? 'people-masked' : 'people-unmasked'} data-testid="people-mask-state">
                {list.masked ? 'Ids masked' : 'Ids UNMASKED — this use is in the project log'}
              </p>
              <ul className="people-method" data-testid="people-method" aria-label="Ranking method and inputs">
                {list.statement.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
              <ol className="people-list" data-testid="people-list">
                {list.rows.map((r) => (
                  <li key={r.rank}>
                    <span className="people-id">{r.person}</span> <strong>{r.count}</strong> record{r.count === 1 ? '' : 's'}, {r.first} .. {r.last}
                    {(r.places.length > 0 || r.linkedPlaces.length > 0) && (
                      <ul className="people-places">
                        {r.places.map((p) => (
                          <li key={`p${p.address}`}>
                            {p.address} ({p.count})
                          </li>
                        ))}
                        {r.linkedPlaces.map((l) => (
                          <li key={`l${l.source}${l.address}`} className="people-linked">
                            {l.source}: {l.address}
                            {l.count > 1 ? ` (${l.count})` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
              <div className="people-actions">
                {list.masked && !asking && (
                  <button type="button" onClick={() => setAsking(true)}>
                    Show ids…
                  </button>
                )}
                {asking && (
                  <span className="people-reason">
                    <input aria-label="Reason for showing ids" placeholder="Why are the ids needed?" value={reason} onChange={(e) => setReason(e.target.value)} />
                    <button type="button" disabled={!reason.trim() || busy} onClick={() => void run(reason.trim())}>
                      Show ids (logged)
                    </button>
                    <button type="button" onClick={() => setAsking(false)}>
                      Cancel
                    </button>
                  </span>
                )}
                {!list.masked && (
                  <button type="button" onClick={() => void run(null)}>
                    Mask again
                  </button>
                )}
                <label>
                  Privacy profile
                  <select aria-label="Export privacy profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
                    {listProfileNames(state.doc.documents).map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" onClick={() => void exportCsv()}>
                  Export CSV…
                </button>
              </div>
              {exported && <p data-testid="people-exported">Exported {exported}.</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
