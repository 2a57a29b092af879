import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/domain/project/manifest';
import { filterTimeline, isDecisionEntry, logKindOf, noteEntry, toTimeline } from '../../../../shared/domain/session/decision-log';

const entry = (action: string, at: string, extra: Partial<LogEntry> = {}): LogEntry => ({ at, by: 'analyst', action, parameters: {}, dataHashes: {}, ...extra });

describe('decision log', () => {
  it('offers a note for design, evaluation and randomization entries, and for document changes that are not bookkeeping', () => {
    expect(isDecisionEntry(entry('design.add-target', 't'), false)).toBe(true);
    expect(isDecisionEntry(entry('evaluate.wdd', 't'), false)).toBe(true);
    expect(isDecisionEntry(entry('randomize', 't'), false)).toBe(true);
    expect(isDecisionEntry(entry('layout.save', 't'), true)).toBe(true);
    expect(isDecisionEntry(entry('layout.save', 't'), false)).toBe(false);
    expect(isDecisionEntry(entry('annotation.add', 't'), true)).toBe(false);
    expect(isDecisionEntry(entry('bookmark.add', 't'), true)).toBe(false);
    expect(isDecisionEntry(entry('project.save', 't'), true)).toBe(false);
  });

  it('records a note as a one-line follow-up entry naming its entry', () => {
    const target = entry('design.set-threshold', '2024-05-01T10:00:00.000Z');
    const note = noteEntry(target, '  Matches the\nCOMPSTAT cut-off ', 'Dana', '2024-05-01T10:01:00.000Z')!;
    expect(note).toEqual({
      at: '2024-05-01T10:01:00.000Z',
      by: 'Dana',
      action: 'note',
      parameters: { entryAt: target.at, entryAction: target.action },
      dataHashes: {},
      note: 'Matches the COMPSTAT cut-off',
    });
    expect(noteEntry(target, '  \n ', 'Dana')).toBeNull();
  });

  it('folds notes onto their entries in the timeline, keeps orphans, and filters by kind', () => {
    const a = entry('sample.generate', '2024-05-01T09:00:00.000Z');
    const b = entry('design.add-target', '2024-05-01T10:00:00.000Z', { note: 'asked by the captain' });
    const log = [a, b, noteEntry(b, 'highest Gi* cell', 'Lee', '2024-05-01T10:05:00.000Z')!, noteEntry({ at: 'gone', action: 'x' }, 'orphan', 'Lee')!];
    const t = toTimeline(log);
    expect(t.map((x) => x.entry.action)).toEqual(['sample.generate', 'design.add-target', 'note']);
    expect(t[1]!.notes.map((n) => [n.text, n.by])).toEqual([['asked by the captain', 'analyst'], ['highest Gi* cell', 'Lee']]);
    expect(filterTimeline(t, new Set(['design'])).map((x) => x.entry.action)).toEqual(['design.add-target']);
    expect(filterTimeline(t, null)).toHaveLength(3);
    expect(logKindOf('evaluate.did')).toBe('evaluation');
    expect(logKindOf('dataset.import')).toBe('data');
  });
});
