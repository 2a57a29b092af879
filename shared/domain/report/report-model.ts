/**
 * The evaluation report as a document model (headings, paragraphs, tables, figures, footnotes)
 * that html.ts and pdf.ts render: design summary, map, balance table, results table with a
 * footnote per figure (formula, source, assumptions, warnings), charts and the methods text.
 */
import type { DesignDoc } from '../design/design-doc';
import { describeDesignUnit } from '../design/unit-spec';
import { isAvailable, type EvaluationResult, type FigureKey } from '../evaluation/run-evaluation';
import { cumulativeWddScene, monthlyCountsScene, syntheticGapScene } from './charts';
import { designMapScene, projectStreets, type MapLayer } from './map-scene';
import { buildMethodsText } from './methods';
import type { Scene } from './scene';

export interface ReportTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly table: ReportTable }
  | { readonly kind: 'figure'; readonly scene: Scene; readonly caption: string }
  | { readonly kind: 'footnotes'; readonly items: readonly { readonly mark: string; readonly title: string; readonly lines: readonly string[] }[] };

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  /** Short lines under the title: agency, author, generated at, handling caveat. */
  readonly meta: readonly string[];
  readonly blocks: readonly ReportBlock[];
}

/** What the report is made from. */
export interface EvaluationReportInput {
  readonly result: EvaluationResult;
  readonly design: DesignDoc;
  readonly project: { readonly title: string; readonly agency: string; readonly author: string };
  /** The project's reference layers (streets are drawn on the map). */
  readonly layers: readonly MapLayer[];
  /** ISO time the report is made (passed in so the output is reproducible). */
  readonly generatedAt: string;
  readonly appVersion: string;
  /** A handling caveat banner, e.g. "LAW ENFORCEMENT SENSITIVE"; none by default. */
  readonly caveat?: string;
}

/** Number formatting shared by the tables: integers plainly, else `digits` decimals. */
export function formatNumber(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
const pval = (p: number) => (p < 0.001 ? '<\u00a00.001' : p.toFixed(3));

/** The results table rows and the footnotes they point to. */
function resultsTable(r: EvaluationResult, marks: Map<FigureKey, string>): ReportTable {
  const rows: string[][] = [];
  const m = (k: FigureKey) => marks.get(k) ?? '';
  const na = (label: string, k: FigureKey, why: string) => rows.push([label, 'not available', why, '', m(k)]);
  const level = `${Math.round((isAvailable(r.wdd) ? r.wdd.confidence : 0.95) * 100)}%`;
  if (isAvailable(r.wdd)) rows.push([`WDD (${r.wddUnit})`, formatNumber(r.wdd.wdd), `${level} CI [${formatNumber(r.wdd.ciLower)}, ${formatNumber(r.wdd.ciUpper)}]; SE ${formatNumber(r.wdd.se)}, z ${r.wdd.z.toFixed(2)}`, pval(r.wdd.p), m('wdd')]);
  else na('WDD', 'wdd', r.wdd.unavailable);
  if (isAvailable(r.wdq)) {
    rows.push(['WDQ', r.wdq.wdq === null ? 'undefined' : r.wdq.wdq.toFixed(3), `Success ${r.wdq.success.toFixed(4)}, Buffer ${r.wdq.buffer.toFixed(4)}: ${r.wdq.message}`, '', m('wdq')]);
    rows.push(['Total net effect', formatNumber(r.wdq.tne, 1), `${r.harm ? 'harm units' : 'crimes'} prevented (negative = added): target ${formatNumber(r.wdq.tneTarget, 1)}, buffer ${formatNumber(r.wdq.tneBuffer, 1)}`, '', m('wdq')]);
  } else na('WDQ', 'wdq', r.wdq.unavailable);
  for (const [key, label] of [['resPoisson', 'RES (Poisson)'], ['resInflated', `RES (D = ${r.overdispersion.factor.toFixed(2)}, ${r.overdispersion.source})`]] as const) {
    const s = r[key];
    if (isAvailable(s)) {
      rows.push([label, s.res.toFixed(3), `${level} CI [${s.ciLower.toFixed(3)}, ${s.ciUpper.toFixed(3)}]`, pval(s.p), m(key)]);
      rows.push([`  RIRR / change`, `${s.rirr.toFixed(3)} / ${pct(s.percentChange)}`, `[${s.rirrLower.toFixed(3)}, ${s.rirrUpper.toFixed(3)}] / [${pct(s.percentChangeLower)}, ${pct(s.percentChangeUpper)}]`, '', m(key)]);
    } else na(label, key, s.unavailable);
  }
  if (isAvailable(r.did)) rows.push([`DiD (${r.did.family}) change`, pct(r.did.percentChange), `${level} CI [${pct(r.did.percentChangeLower)}, ${pct(r.did.percentChangeUpper)}]; rate ratio ${r.did.rateRatio.toFixed(3)}`, pval(r.did.p), m('did')]);
  else na('DiD', 'did', r.did.unavailable);
  if (r.synthetic) {
    if (isAvailable(r.synthetic)) {
      const s = r.synthetic;
      const p = isAvailable(s.placebo) ? `${pval(s.placebo.p)} (rank ${s.placebo.rank} of ${s.placebo.placebos + 1})` : s.placebo.unavailable;
      rows.push(['Synthetic control: post gap', formatNumber(s.postGapTotal, 1), `${s.percentChange === null ? '' : `${pct(s.percentChange)} vs synthetic; `}RMSPE pre ${s.preRmspe.toFixed(2)}, post ${s.postRmspe.toFixed(2)}`, p, m('synthetic')]);
    } else na('Synthetic control', 'synthetic', r.synthetic.unavailable);
  }
  return { caption: 'Results', header: ['Statistic', 'Estimate', 'Interval and detail', 'p', 'Note'], rows };
}

function designSummary(d: DesignDoc, r: EvaluationResult): string[] {
  const method = d.method as { kind: string; algorithm?: string; ratio?: number; seed?: number; convention?: string };
  const buffers = [...new Set(d.targets.map((t) => t.bufferM))].map((b) => `${formatNumber(b, 0)} m`).join(', ');
  return [
    `Design ${d.name}, created ${d.created}: ${d.targets.length} target area(s), ${d.comparisons.length} comparison area(s); method ${method.kind}${method.algorithm ? ` (${method.algorithm}${method.ratio ? `, 1:${method.ratio}` : ''})` : ''}${method.seed !== undefined ? `, seed ${method.seed}` : ''}.`,
    `Units: ${describeDesignUnit(d.unit)}; buffer rings ${buffers}; coordinates in ${d.crs ?? 'the analysis CRS'}.`,
    `Matching pre period ${d.pre.from}..${d.pre.to}; source dataset ${d.source.dataset} (SHA-256 ${d.source.dataHash.slice(0, 16)}…, ${formatNumber(d.source.incidents)} incidents).`,
    `Evaluation: outcome ${r.outcomeLabel}${r.harm ? `, harm-weighted (${r.harm})` : ''}; pre ${r.pre.from}..${r.pre.to} (${r.pre.days} days), post ${r.post.from}..${r.post.to} (${r.post.days} days)${r.washout ? `; washout ${r.washout.from}..${r.washout.to} left out` : ''}.`,
    `Zone areas: targets ${r.areas.T.toFixed(3)} km², comparisons ${r.areas.C.toFixed(3)} km², target buffers ${r.areas.D.toFixed(3)} km², comparison buffers ${r.areas.DC.toFixed(3)} km²; ${r.areas.reason}.`,
  ];
}

function balanceTable(d: DesignDoc): ReportTable {
  const f = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
  return {
    caption: `Balance (${d.balance.convention || `SMD with s* from the unmatched sample, ${d.balance.denominator}`}; |SMD| < ${d.balance.smdThreshold} is the usual target)`,
    header: ['Covariate', 'Mean T', 'Mean C', 'SMD before', 'SMD after', 'VR after'],
    rows: d.balance.rows.map((b) => [b.name, f((b.after ?? b.before).meanTreated, 2), f((b.after ?? b.before).meanControl, 2), f(b.before.smd), f(b.after?.smd), f(b.after?.varianceRatio, 2)]),
  };
}

/** Builds the report document; pure (the time is passed in). */
export function buildEvaluationReport(input: EvaluationReportInput): ReportDocument {
  const { result: r, design: d } = input;
  const used: FigureKey[] = ['counts', 'wdd', 'wdq', 'resPoisson', 'resInflated', 'overdispersion', 'did', ...(r.synthetic ? (['synthetic'] as const) : []), 'cumulativeWdd'];
  const marks = new Map<FigureKey, string>(used.map((k, i) => [k, String(i + 1)]));
  const counts: ReportTable = {
    caption: `Counts per zone${r.harm ? ' (harm-weighted)' : ''}`,
    header: ['Zone', 'Pre', 'Post', 'Change', 'Note'],
    rows: (['T', 'C', 'D', 'DC'] as const).map((z) => {
      const c = r.counts[z];
      const name = { T: 'Targets (T)', C: 'Comparisons (C)', D: 'Target buffers (D)', DC: 'Comparison buffers (DC)' }[z];
      return [name, formatNumber(c.pre, 1), formatNumber(c.post, 1), formatNumber(c.post - c.pre, 1), marks.get('counts')!];
    }),
  };
  const streets = projectStreets(input.layers, d.crs);
  const blocks: ReportBlock[] = [
    { kind: 'heading', text: 'Design' },
    ...designSummary(d, r).map((text) => ({ kind: 'paragraph' as const, text })),
    { kind: 'figure', scene: designMapScene(d, streets), caption: 'Targets (orange) with their buffer rings, matched comparison areas (blue) with theirs, over the streets.' },
    ...(d.balance.rows.length ? [{ kind: 'table' as const, table: balanceTable(d) }] : []),
    { kind: 'heading', text: 'Results' },
    { kind: 'table', table: counts },
    { kind: 'table', table: resultsTable(r, marks) },
    { kind: 'figure', scene: monthlyCountsScene(r), caption: 'Monthly counts in the targets and the comparison areas; the dashed vertical line marks the intervention.' },
    { kind: 'figure', scene: cumulativeWddScene(r, { confidence: isAvailable(r.wdd) ? r.wdd.confidence : 0.95 }), caption: `Cumulative WDD month by month over the post period with its interval; below 0 = ${r.harm ? 'less weighted harm' : 'fewer crimes'} than the comparison trend predicts.` },
    ...(r.synthetic && isAvailable(r.synthetic) ? [{ kind: 'figure' as const, scene: syntheticGapScene(r.synthetic), caption: 'Synthetic control: monthly gap between the targets and their synthetic counterpart.' }] : []),
    ...(r.warnings.length ? [{ kind: 'heading' as const, text: 'Warnings' }, { kind: 'list' as const, items: r.warnings }] : []),
    { kind: 'heading', text: 'Notes' },
    {
      kind: 'footnotes',
      items: used.map((k) => {
        const n = r.notes[k];
        return { mark: marks.get(k)!, title: n.label, lines: [`Formula: ${n.formula}`, `Source: ${n.source}`, ...n.assumptions.map((a) => `Assumption: ${a}`), ...n.warnings.map((w) => `Warning: ${w}`)] };
      }),
    },
    { kind: 'heading', text: 'Methods' },
    ...buildMethodsText(r, d).map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  const meta = [
    [input.project.agency, input.project.author].filter(Boolean).join(' — '),
    `Project ${input.project.title}; generated ${input.generatedAt} by SPI Workbench ${input.appVersion}`,
    ...(input.caveat ? [input.caveat] : []),
  ].filter(Boolean);
  return { title: `Evaluation of ${d.name}`, subtitle: `${r.outcomeLabel}${r.harm ? ', harm-weighted' : ''}: pre ${r.pre.from}..${r.pre.to}, post ${r.post.from}..${r.post.to}`, meta, blocks };
}
