/**
 * The project log as a methods appendix for a report: what was done, when, by whom, with which
 * parameters and why, in plain words. Pure text in, text out: Markdown and a self-contained HTML
 * page (no scripts, no external resources). Times are shown in UTC (the log stores UTC; the app
 * does no time-zone work it cannot do offline).
 */
import type { LogEntry } from '../project/manifest';
import { toTimeline, type LogKind, type TimelineEntry } from './decision-log';

/** Options for {@link formatMethodsAppendixMarkdown} and {@link formatMethodsAppendixHtml}. */
export interface AppendixOptions {
  /** Project title for the heading. */
  title: string;
  /** Only these kinds of entries (all when absent). */
  kinds?: ReadonlySet<LogKind>;
}

const PHRASES: Record<string, string> = {
  'sample.generate': 'Generated the synthetic sample city',
  'dataset.import': 'Imported a dataset',
  'project.create': 'Created the project',
  'project.open': 'Opened the project',
  'project.recover': 'Recovered unsaved work',
  'project.save': 'Saved the project',
  'annotation.add': 'Added a map annotation',
  'annotation.edit': 'Edited a map annotation',
  'annotation.delete': 'Deleted a map annotation',
  'bookmark.add': 'Saved a map bookmark',
  'bookmark.delete': 'Deleted a map bookmark',
  note: 'Note',
};

const AREA: Record<string, string> = { design: 'Design', evaluate: 'Evaluation', randomize: 'Randomization', analysis: 'Analysis', export: 'Export' };

/**
 * A log action in plain words: a known action's phrase, else its area and the rest with dashes as
 * spaces (`design.add-target` -> "Design: add target"); a bare `randomize` is "Randomization run".
 */
export function describeAction(action: string): string {
  const known = PHRASES[action];
  if (known) return known;
  const [head = '', ...rest] = action.split('.');
  const words = rest.join(' ').replace(/[-_]+/g, ' ').trim();
  const area = AREA[head] ?? (head.replace(/[-_]+/g, ' ') || 'Step');
  const label = area.charAt(0).toUpperCase() + area.slice(1);
  if (!words) return head === 'randomize' ? 'Randomization run' : label;
  return `${label}: ${words}`;
}

/** `2024-05-01T14:03:22.512Z` -> `2024-05-01 14:03 UTC`; anything unparseable is shown as written. */
export function formatLogTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}

/**
 * A parameter value in plain words: yes/no for booleans, lists joined with commas (the first 20,
 * then "and n more"), null as "none", objects as compact JSON cut at 200 characters.
 */
export function formatParameterValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'not a number';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 20).map(formatParameterValue).join(', ');
    return value.length > 20 ? `${shown} and ${value.length - 20} more` : shown || 'none';
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
}

/** A parameter name in plain words: `targetAreas` / `target_areas` -> "target areas". */
function paramName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
}

/** One step as plain data, shared by both formats. */
interface Step {
  heading: string;
  when: string;
  by: string;
  parameters: [string, string][];
  data: [string, string][];
  notes: string[];
}

function stepsOf(log: readonly LogEntry[], kinds: ReadonlySet<LogKind> | undefined): Step[] {
  const timeline: TimelineEntry[] = toTimeline(log).filter((t) => !kinds || kinds.has(t.kind));
  return timeline.map(({ entry, notes }) => ({
    heading: describeAction(entry.action),
    when: formatLogTime(entry.at),
    by: entry.by || 'unknown',
    parameters: Object.entries(entry.parameters ?? {}).map(([k, v]) => [paramName(k), formatParameterValue(v)]),
    data: Object.entries(entry.dataHashes ?? {}).map(([k, v]) => [k, `SHA-256 ${v.slice(0, 12)}…`]),
    notes: notes.map((n) => (n.by === entry.by ? n.text : `${n.text} (${n.by}, ${formatLogTime(n.at)})`)),
  }));
}

function summary(steps: Step[], title: string): string {
  if (steps.length === 0) return `The log of ${title} has no steps to report.`;
  const first = steps[0]!.when;
  const last = steps[steps.length - 1]!.when;
  const people = [...new Set(steps.map((s) => s.by))].join(', ');
  return `${steps.length} step${steps.length === 1 ? '' : 's'} recorded in the project log of ${title}, from ${first} to ${last}, by ${people}. Times are UTC. Each step lists its parameters and, where one was written, why it was taken.`;
}

/** Escapes Markdown's inline specials so user text prints as written. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/**
 * The methods appendix in Markdown: a heading, one summary paragraph, then one numbered section
 * per log step (follow-up notes folded onto their step) with time, author, parameters, data
 * fingerprints and "Why". Text from the log is escaped.
 */
export function formatMethodsAppendixMarkdown(log: readonly LogEntry[], options: AppendixOptions): string {
  const steps = stepsOf(log, options.kinds);
  const lines = [`# Methods appendix: ${md(options.title)}`, '', summary(steps, md(options.title)), ''];
  steps.forEach((s, i) => {
    lines.push(`## ${i + 1}. ${md(s.heading)}`, '', `${s.when}, by ${md(s.by)}.`, '');
    for (const [k, v] of s.parameters) lines.push(`- ${md(k)}: ${md(v)}`);
    for (const [k, v] of s.data) lines.push(`- data ${md(k)}: ${v}`);
    for (const n of s.notes) lines.push(`- Why: ${md(n)}`);
    if (s.parameters.length + s.data.length + s.notes.length > 0) lines.push('');
  });
  return lines.join('\n').replace(/\n+$/, '\n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The methods appendix as one self-contained HTML page (inline CSS, no scripts, no external
 * links), the same content as the Markdown, every log text escaped.
 */
export function formatMethodsAppendixHtml(log: readonly LogEntry[], options: AppendixOptions): string {
  const steps = stepsOf(log, options.kinds);
  const t = escapeHtml(options.title);
  const items = steps
    .map((s) => {
      const rows = [
        ...s.parameters.map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`),
        ...s.data.map(([k, v]) => `<li>data ${escapeHtml(k)}: ${escapeHtml(v)}</li>`),
        ...s.notes.map((n) => `<li class="why">Why: ${escapeHtml(n)}</li>`),
      ];
      return `<li><h2>${escapeHtml(s.heading)}</h2><p class="when">${escapeHtml(s.when)}, by ${escapeHtml(s.by)}.</p>${rows.length ? `<ul>${rows.join('')}</ul>` : ''}</li>`;
    })
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Methods appendix: ${t}</title>`,
    '<style>body{font:15px/1.5 system-ui,"DejaVu Sans",sans-serif;max-width:48em;margin:2em auto;color:#222}h1{font-size:1.5em}h2{font-size:1.1em;margin:1.2em 0 .2em}.when{color:#555;margin:0}.why{font-style:italic}</style>',
    '</head><body>',
    `<h1>Methods appendix: ${t}</h1>`,
    `<p>${escapeHtml(summary(steps, options.title))}</p>`,
    `<ol>\n${items}\n</ol>`,
    '</body></html>',
    '',
  ].join('\n');
}
