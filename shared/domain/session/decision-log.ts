/**
 * The decision log: which project-log entries are design choices that deserve a "why" note, how
 * such a note is recorded, and the log read back as a timeline.
 *
 * The project log is append-only (entries already saved in `log.jsonl` are never rewritten), so a
 * "why" note is recorded as a follow-up entry with action `note` whose parameters name the entry
 * it explains (`entryAt` + `entryAction`), and {@link toTimeline} folds it back onto that entry.
 * This works the same whether the entry was saved already or not, and keeps who wrote the note
 * and when. An entry's own `note` field (written at the time of the action) is shown too.
 */
import type { LogEntry } from '../project/manifest';

/** Action of a follow-up note entry. */
export const NOTE_ACTION = 'note';

/** How the timeline groups entries (for its filter). */
export type LogKind = 'data' | 'analysis' | 'design' | 'evaluation' | 'session' | 'project' | 'other';

/** Every kind, in the order the timeline's filter lists them. */
export const LOG_KINDS: readonly LogKind[] = ['data', 'analysis', 'design', 'evaluation', 'session', 'project', 'other'];

/** The kind of a log action, by its prefix (`design.add-target` is a design entry). */
export function logKindOf(action: string): LogKind {
  const head = action.split('.')[0] ?? '';
  if (head.startsWith('randomiz') || head === 'design') return 'design';
  if (head === 'evaluate' || head === 'evaluation') return 'evaluation';
  if (['sample', 'dataset', 'import', 'ingest', 'layer'].includes(head)) return 'data';
  if (['analysis', 'analyze', 'explore', 'hotspot', 'kde', 'knox'].includes(head)) return 'analysis';
  if (['annotation', 'bookmark', 'note', 'session', 'live', 'presenter'].includes(head)) return 'session';
  if (head === 'project' || head === 'export') return 'project';
  return 'other';
}

/**
 * True when a just-logged entry is a design choice the app should offer a "why" note for: its
 * action starts with `design.`, `evaluate.` or `randomize`, or it came with a change to a project
 * document (`set-document` with a log) and is not one of the session's own bookkeeping entries
 * (annotations, bookmarks, notes) nor a project open/save.
 */
export function isDecisionEntry(entry: LogEntry, withDocumentChange: boolean): boolean {
  const a = entry.action;
  if (a.startsWith('design.') || a.startsWith('evaluate.') || a.startsWith('randomize')) return true;
  if (!withDocumentChange) return false;
  const kind = logKindOf(a);
  return kind !== 'session' && kind !== 'project';
}

/**
 * The follow-up entry that records `text` as the "why" of `target`. The text is trimmed, one line
 * (line breaks become spaces) and cut at 2000 characters; null when it is empty.
 */
export function noteEntry(target: Pick<LogEntry, 'at' | 'action'>, text: string, by: string, at = new Date().toISOString()): LogEntry | null {
  const note = text.replace(/\s*[\r\n]+\s*/g, ' ').trim().slice(0, 2000);
  if (!note) return null;
  return { at, by: by.trim().slice(0, 200) || 'analyst', action: NOTE_ACTION, parameters: { entryAt: target.at, entryAction: target.action }, dataHashes: {}, note };
}

/** One note on a timeline entry: what was written, by whom, when. */
export interface TimelineNote {
  text: string;
  by: string;
  at: string;
}

/** A log entry with its notes folded in. */
export interface TimelineEntry {
  entry: LogEntry;
  kind: LogKind;
  notes: TimelineNote[];
}

/**
 * The log as a timeline, in log order: every entry except follow-up notes, each with its notes
 * (its own `note` first, then follow-ups in the order written). A follow-up that names no entry in
 * the log (e.g. the entry was lost) stays visible as an entry of its own.
 */
export function toTimeline(log: readonly LogEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const byKey = new Map<string, TimelineEntry>();
  for (const entry of log) {
    if (entry.action === NOTE_ACTION) {
      const p = entry.parameters as { entryAt?: unknown; entryAction?: unknown };
      const target = byKey.get(`${String(p.entryAt)}|${String(p.entryAction)}`);
      if (target && entry.note) {
        target.notes.push({ text: entry.note, by: entry.by, at: entry.at });
        continue;
      }
    }
    const item: TimelineEntry = { entry, kind: logKindOf(entry.action), notes: entry.note ? [{ text: entry.note, by: entry.by, at: entry.at }] : [] };
    out.push(item);
    byKey.set(`${entry.at}|${entry.action}`, item);
  }
  return out;
}

/** The timeline entries whose kind is in `kinds` (all when `kinds` is null). */
export function filterTimeline(timeline: readonly TimelineEntry[], kinds: ReadonlySet<LogKind> | null): TimelineEntry[] {
  return kinds === null ? [...timeline] : timeline.filter((t) => kinds.has(t.kind));
}
