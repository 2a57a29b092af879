import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { noteEntry } from '../../../shared/domain/session/decision-log';
import { describeAction } from '../../../shared/domain/session/methods-appendix';
import type { Store } from '../../state/store';
import './decision-log.css';

/**
 * The non-blocking "why" prompt: a one-line note for a design choice just logged, recorded as a
 * follow-up `note` entry (decision-log.ts). Skipping or ignoring it is fine; work goes on.
 */
export function DecisionPrompt({ entry, store, author, onDone }: { entry: LogEntry; store: Store; author: string; onDone: () => void }) {
  const [text, setText] = useState('');
  useEffect(() => setText(''), [entry]);
  const save = () => {
    const note = noteEntry(entry, text, author);
    if (note) store.dispatch({ type: 'append-log', entry: note });
    onDone();
  };
  return createPortal(
    <form
      className="decision-prompt"
      role="dialog"
      aria-label="Why this choice"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <label>
        <span className="decision-prompt-what">{describeAction(entry.action)}. Why?</span>
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder="One line for the decision log (optional)" aria-label="Why" />
      </label>
      <span className="decision-prompt-buttons">
        <button type="submit" disabled={!text.trim()}>
          Add note
        </button>
        <button type="button" className="link" onClick={onDone}>
          Skip
        </button>
      </span>
    </form>,
    document.body,
  );
}
