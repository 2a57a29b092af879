import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/domain/project/manifest';
import { noteEntry } from '../../../../shared/domain/session/decision-log';
import {
  describeAction,
  formatLogTime,
  formatMethodsAppendixHtml,
  formatMethodsAppendixMarkdown,
  formatParameterValue,
} from '../../../../shared/domain/session/methods-appendix';

const design: LogEntry = {
  at: '2024-05-01T10:00:00.000Z',
  by: 'Dana',
  action: 'design.add-target',
  parameters: { targetAreas: ['Beat 21', 'Beat 22'], bufferMetres: 250, matched: true },
  dataHashes: { incidents: 'a'.repeat(64) },
};
const log: LogEntry[] = [
  { at: '2024-05-01T09:00:00.000Z', by: 'analyst', action: 'sample.generate', parameters: { incidents: 1500 }, dataHashes: {} },
  design,
  noteEntry(design, 'Highest Gi* cells <and> the captain asked', 'Lee', '2024-05-01T10:05:00.000Z')!,
];

describe('methods appendix', () => {
  it('writes the log in plain words: what, when, by whom, parameters, data and why (Markdown)', () => {
    expect(formatMethodsAppendixMarkdown(log, { title: 'Hot spot pilot' })).toBe(
      [
        '# Methods appendix: Hot spot pilot',
        '',
        '2 steps recorded in the project log of Hot spot pilot, from 2024-05-01 09:00 UTC to 2024-05-01 10:00 UTC, by analyst, Dana. Times are UTC. Each step lists its parameters and, where one was written, why it was taken.',
        '',
        '## 1. Generated the synthetic sample city',
        '',
        '2024-05-01 09:00 UTC, by analyst.',
        '',
        '- incidents: 1500',
        '',
        '## 2. Design: add target',
        '',
        '2024-05-01 10:00 UTC, by Dana.',
        '',
        '- target areas: Beat 21, Beat 22',
        '- buffer metres: 250',
        '- matched: yes',
        '- data incidents: SHA-256 aaaaaaaaaaaa…',
        '- Why: Highest Gi\\* cells \\<and\\> the captain asked (Lee, 2024-05-01 10:05 UTC)',
        '',
      ].join('\n'),
    );
  });

  it('writes the same content as one self-contained, escaped HTML page', () => {
    const html = formatMethodsAppendixHtml(log, { title: 'Pilot <2024>' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Methods appendix: Pilot &lt;2024&gt;</title>');
    expect(html).toContain('<li class="why">Why: Highest Gi* cells &lt;and&gt; the captain asked (Lee, 2024-05-01 10:05 UTC)</li>');
    expect(html).toContain('<h2>Design: add target</h2>');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('filters by kind and says so when nothing is left', () => {
    const md = formatMethodsAppendixMarkdown(log, { title: 'P', kinds: new Set(['design']) });
    expect(md).toContain('1 step recorded');
    expect(md).not.toContain('sample city');
    expect(formatMethodsAppendixMarkdown([], { title: 'P' })).toContain('has no steps to report');
  });

  it('formats actions, times and values readably', () => {
    expect(describeAction('randomize')).toBe('Randomization run');
    expect(describeAction('evaluate.wdd')).toBe('Evaluation: wdd');
    expect(describeAction('layout.save-pdf')).toBe('Layout: save pdf');
    expect(formatLogTime('not a time')).toBe('not a time');
    expect(formatParameterValue(null)).toBe('none');
    expect(formatParameterValue(Array.from({ length: 23 }, (_, i) => i))).toMatch(/, 19 and 3 more$/);
    expect(formatParameterValue({ a: 'x'.repeat(300) })).toHaveLength(200);
  });
});
