import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { HostApi } from '../../../shared/contract/host-api';
import { formatAppError } from '../../../shared/base/errors';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { LOG_KINDS, filterTimeline, noteEntry, toTimeline, type LogKind } from '../../../shared/domain/session/decision-log';
import { describeAction, formatLogTime, formatMethodsAppendixHtml, formatMethodsAppendixMarkdown, formatParameterValue } from '../../../shared/domain/session/methods-appendix';
import type { Store } from '../../state/store';
import './decision-log.css';

/**
 * The project log as a timeline: filter by kind, add a "why" note to any step, export the shown
 * steps as a methods appendix (Markdown or HTML).
 */
export function LogTimeline(props: { log: readonly LogEntry[]; title: string; store: Store; host: HostApi; author: string; onClose: () => void }) {
  const { log, title, store, host, author, onClose } = props;
  const [kinds, setKinds] = useState<ReadonlySet<LogKind>>(new Set(LOG_KINDS));
  const [noting, setNoting] = useState<LogEntry | null>(null);
  const [text, setText] = useState('');
  const timeline = useMemo(() => toTimeline(log), [log]);
  const present = useMemo(() => new Set(timeline.map((t) => t.kind)), [timeline]);
  const shown = useMemo(() => filterTimeline(timeline, kinds).reverse(), [timeline, kinds]);

  const toggle = (k: LogKind) => {
    const next = new Set(kinds);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setKinds(next);
  };
  const exportAs = async (format: 'md' | 'html') => {
    const options = { title, kinds };
    const text = format === 'md' ? formatMethodsAppendixMarkdown(log, options) : formatMethodsAppendixHtml(log, options);
    const saved = await host.saveFile({
      suggestedName: `${title.replace(/[^A-Za-z0-9 ._-]+/g, '_')} methods.${format}`,
      bytes: new TextEncoder().encode(text),
      filters: [format === 'md' ? { name: 'Markdown', extensions: ['md'] } : { name: 'HTML', extensions: ['html'] }],
    });
    if (!saved.ok) store.dispatch({ type: 'failed', message: formatAppError(saved.error) });
  };
  const saveNote = () => {
    const entry = noting && noteEntry(noting, text, author);
    if (entry) store.dispatch({ type: 'append-log', entry });
    setNoting(null);
    setText('');
  };

  // A portal: the side panel is a scroll container and the map paints above later siblings.
  return createPortal(
    <div className="modal-backdrop log-timeline-backdrop" onClick={onClose}>
      <div className="modal log-timeline" role="dialog" aria-label="Project log" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2>Project log</h2>
        <fieldset className="log-kinds">
          <legend>Show</legend>
          {LOG_KINDS.filter((k) => present.has(k)).map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.has(k)} onChange={() => toggle(k)} /> {k}
            </label>
          ))}
        </fieldset>
        <ol className="log-list" aria-label="Timeline" reversed>
          {shown.map(({ entry, kind, notes }) => (
            <li key={`${entry.at}|${entry.action}`} className={`log-kind-${kind}`} data-testid="log-item">
              <div className="log-head">
                <strong>{describeAction(entry.action)}</strong>
                <span className="log-when">
                  {formatLogTime(entry.at)} · {entry.by}
                </span>
              </div>
              {Object.keys(entry.parameters).length > 0 && (
                <div className="log-params">
                  {Object.entries(entry.parameters)
                    .map(([k, v]) => `${k}: ${formatParameterValue(v)}`)
                    .join(' · ')}
                </div>
              )}
              {notes.map((n, i) => (
                <div key={i} className="log-note">
                  Why: {n.text} <span className="log-when">({n.by})</span>
                </div>
              ))}
              {noting === entry ? (
                <form
                  className="log-note-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    saveNote();
                  }}
                >
                  <input autoFocus aria-label="Why" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
                  <button type="submit" disabled={!text.trim()}>
                    Add
                  </button>
                </form>
              ) : (
                <button type="button" className="link" onClick={() => setNoting(entry)}>
                  Add a note
                </button>
              )}
            </li>
          ))}
        </ol>
        <div className="log-actions">
          <button type="button" onClick={() => void exportAs('md')}>
            Methods appendix (Markdown)…
          </button>
          <button type="button" onClick={() => void exportAs('html')}>
            Methods appendix (HTML)…
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
