import { useEffect, useState } from 'react';
import { isDecisionEntry } from '../../../shared/domain/session/decision-log';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';

/**
 * Watches the project log for design choices (see isDecisionEntry) and returns the newest one
 * still waiting for a "why" note, with a function to dismiss it. A log replaced wholesale (a
 * project opened) offers nothing.
 */
export function useDecisionPrompt(store: Store): { entry: LogEntry | null; dismiss: () => void } {
  const [entry, setEntry] = useState<LogEntry | null>(null);
  useEffect(() => {
    let prev: AppState = store.getState();
    return store.subscribe(() => {
      const next = store.getState();
      const before = prev.project.log;
      const after = next.project.log;
      const docChanged = next.doc.documents !== prev.doc.documents;
      prev = next;
      if (after.length <= before.length || (before.length > 0 && after[before.length - 1] !== before[before.length - 1])) return;
      const added = after.slice(before.length);
      const decision = [...added].reverse().find((e) => isDecisionEntry(e, docChanged));
      if (decision) setEntry(decision);
    });
  }, [store]);
  return { entry, dismiss: () => setEntry(null) };
}
