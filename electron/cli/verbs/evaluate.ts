import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { readDesignDocument, type DesignDoc } from '../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../shared/domain/design/period';
import { harmWeightsFor, parseHarmWeights } from '../../../shared/domain/evaluation/harm';
import { toHarmWeightsJson } from '../../../shared/domain/evaluation/harm-table';
import { applyWashout } from '../../../shared/domain/evaluation/washout';
import { describeOutcome, outcomePredicateSql, parseOutcome } from '../../../shared/domain/evaluation/outcome';
import { isAvailable, runEvaluation, type EvaluationResult, type Figure } from '../../../shared/domain/evaluation/run-evaluation';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { DEFAULT_OFFENSE_DICTIONARY } from '../../../shared/domain/ingest/offense-dictionary';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import { renderReportHtml } from '../../../shared/domain/report/html';
import { renderReportPdf } from '../../../shared/domain/report/pdf';
import { buildEvaluationReport } from '../../../shared/domain/report/report-model';
import { writeFileAtomic } from '../../services/atomic-write';
import { openProjectFile } from '../../services/project-file';
import { loadLayoutFonts } from '../../services/rasterize';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo, type Verb } from '../io';
import { fail, loadAnalysisSource, parseNumberOption } from './analysis-source';
import { saveDocument } from './design-targets';

const HELP = `spi evaluate P.spiproj --design NAME --pre FROM..TO --post FROM..TO [options]

Evaluates a saved design (spi design create --save): counts incidents (each case once, by
point-in-polygon on x/y in the analysis CRS) per month in the targets (T), the matched
comparison cells (C), the targets' buffer rings (D) and the comparisons' rings (DC), then:
  WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0), Var = sum of the counts, z = WDD/SE
      (Wheeler & Ratcliffe 2018; with --harm: weighted harm totals, Var = sum of w^2 n);
      counts become monthly rates when pre and post differ in length;
  WDQ = (Da/Ca - Db/Cb) / (Ta/Ca - Tb/Cb) and the total net effect
      TNE = [Tb(Ca/Cb) - Ta] + [Db(Ca/Cb) - Da] (Bowers & Johnson 2003), with its reading;
  RES = (a d)/(b c) with a, b = target before/after and c, d = comparison before/after,
      Var(ln RES) = D (1/a+1/b+1/c+1/d), D = 1 (Poisson) and D estimated from the monthly
      counts (Pearson X^2/df, floored at 1) or given (Farrington et al. 2007); RIRR = 1/RES and
      the percent change 100 (RIRR - 1) (negative = fewer crimes than the comparison trend);
  DiD: log E[y_ut] = unit + month + b treated x post (+ log days), Poisson (or NB2) on the
      monthly counts, SEs clustered by unit, t reference with G-1 df; percent change 100(e^b - 1).
Zero cells never give Infinity or NaN: RES then uses the Haldane-Anscombe +0.5 correction with a
warning, and a statistic with no value (e.g. WDQ when Success = 0) says why.

Options:
  --design NAME             the design (document designs/NAME)
  --pre FROM..TO            pre period (dates, both included)
  --post FROM..TO           post period (dates, both included; a gap = washout)
  --outcome O               all (default), an offense group (violent, property, drugs, weapons,
                            public-order, other), or codes:220,23F (NIBRS offense codes)
  --harm W.csv              harm weights: a CSV with offense_code and/or offense_group and weight
                            (e.g. a crime harm index; "*" = default); every statistic uses the
                            weighted counts, with Var = sum w^2 n (a weighted sum of Poissons)
  --washout FROM..TO        days left out (between the periods, or cut from the end of pre or
                            the start of post)
  --area-weights auto|on|off   rescale comparison counts to the targets' area in the WDD
                            (auto: when the zone areas differ by more than 10%; default auto)
  --report FILE.pdf|.html   write the evaluation report (design summary, map, balance, results
                            with notes, charts, methods); self-contained, works offline;
                            repeat for both formats (--report r.pdf --report r.html)
  --caveat TEXT             a handling caveat printed on the report (e.g. "LAW ENFORCEMENT SENSITIVE")
  --overdispersion estimate|D   how to inflate the RES interval (default estimate)
  --family poisson|negative-binomial   the DiD model (default poisson)
  --json                    print every figure as JSON
  --save                    keep the evaluation in the project (document evaluations/NAME-TIME
                            and a log entry)
  --dataset ID, --crs EPSG:N, --all-rows   as for the analysis verbs
  --source A=1,B=0.25       outcome from several datasets of the project, each record counted
                            by its source's weight (times its --harm weight); the statistics
                            then use the variance of a weighted sum, Var = sum of w^2 n`;

const OPTIONS = {
  design: { type: 'string' },
  pre: { type: 'string' },
  post: { type: 'string' },
  outcome: { type: 'string' },
  overdispersion: { type: 'string' },
  family: { type: 'string' },
  json: { type: 'boolean' },
  save: { type: 'boolean' },
  dataset: { type: 'string' },
  source: { type: 'string' },
  'source-weights': { type: 'string' },
  crs: { type: 'string' },
  'all-rows': { type: 'boolean' },
  harm: { type: 'string' },
  washout: { type: 'string' },
  'area-weights': { type: 'string' },
  report: { type: 'string', multiple: true },
  caveat: { type: 'string' },
} as const;

/** The --outcome option as a SQL predicate on the normalized columns (null = every incident). */
export function outcomeFilter(text: string): string | null {
  const o = parseOutcome(text);
  if (!o.ok) fail(o.error);
  return outcomePredicateSql(o.value);
}

const n3 = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;

function line<T extends object>(label: string, f: Figure<T>, text: (v: T) => string): string {
  return isAvailable(f) ? `${label}: ${text(f)}` : `${label}: not available - ${f.unavailable}`;
}

/** The evaluation as text: counts, each statistic with its convention, the warnings. */
export function describeEvaluation(r: EvaluationResult, outcome: string): string {
  const c = r.counts;
  const rows = (['T', 'C', 'D', 'DC'] as const).map((z) => ({ zone: { T: 'targets (T)', C: 'comparisons (C)', D: 'target buffers (D)', DC: 'comparison buffers (DC)' }[z], pre: c[z].pre, post: c[z].post, change: c[z].post - c[z].pre }));
  const out = [
    `Evaluation of design ${r.design}, outcome ${outcome}${r.harm ? `, harm-weighted (${r.harm})` : ''}: pre ${r.pre.from}..${r.pre.to} (${r.pre.days} days), post ${r.post.from}..${r.post.to} (${r.post.days} days)${r.washout ? `, washout ${r.washout.from}..${r.washout.to} left out` : ''}`,
    formatTextTable(['zone', 'pre', 'post', 'change'], rows, rows.length).trimEnd(),
    `Areas: T ${r.areas.T.toFixed(3)} km², C ${r.areas.C.toFixed(3)} km², D ${r.areas.D.toFixed(3)} km², DC ${r.areas.DC.toFixed(3)} km²; ${r.areas.reason}.`,
    ...r.perTarget.map((t) => `  ${t.id}: target ${t.pre} -> ${t.post}, buffer ${t.bufferPre} -> ${t.bufferPost}`),
    '',
    line('WDD', r.wdd, (w) => `${n3(w.wdd)} ${r.wddUnit}${r.timeWeighted ? ' (time-weighted: the periods differ in length)' : ''}, SE ${n3(w.se)}, z ${w.z.toFixed(2)}, p ${w.p.toPrecision(3)}, ${Math.round(w.confidence * 100)}% CI [${n3(w.ciLower)}, ${n3(w.ciUpper)}]; negative = ${r.harm ? 'weighted harm' : 'crime'} fell in targets (and buffers) relative to comparisons. ${w.convention}`),
    line('WDQ', r.wdq, (w) => `${w.wdq === null ? 'undefined' : w.wdq.toFixed(3)} (Success ${w.success.toFixed(4)}, Buffer ${w.buffer.toFixed(4)}): ${w.message}; total net effect ${w.tne.toFixed(1)} ${r.harm ? 'harm units' : 'crimes'} prevented (target ${w.tneTarget.toFixed(1)}, buffer ${w.tneBuffer.toFixed(1)}; negative = added). ${w.convention}`),
    line('RES (Poisson, D = 1)', r.resPoisson, (s) => `${s.res.toFixed(3)}, ${Math.round(s.confidence * 100)}% CI [${s.ciLower.toFixed(3)}, ${s.ciUpper.toFixed(3)}], p ${s.p.toPrecision(3)}; RIRR ${s.rirr.toFixed(3)} [${s.rirrLower.toFixed(3)}, ${s.rirrUpper.toFixed(3)}], change ${pct(s.percentChange)} [${pct(s.percentChangeLower)}, ${pct(s.percentChangeUpper)}]. ${s.convention}`),
    line(`RES (D = ${r.overdispersion.factor.toFixed(2)}, ${r.overdispersion.source})`, r.resInflated, (s) => `${s.res.toFixed(3)}, CI [${s.ciLower.toFixed(3)}, ${s.ciUpper.toFixed(3)}]; RIRR ${s.rirr.toFixed(3)} [${s.rirrLower.toFixed(3)}, ${s.rirrUpper.toFixed(3)}], change ${pct(s.percentChange)} [${pct(s.percentChangeLower)}, ${pct(s.percentChangeUpper)}]`),
    line('DiD', r.did, (d) => `${d.family} with unit and month effects, ${d.seType} (${d.reference}${d.df !== null ? `, df ${d.df}` : ''}): rate ratio ${d.rateRatio.toFixed(3)}, change ${pct(d.percentChange)}, ${Math.round(d.confidence * 100)}% CI [${pct(d.percentChangeLower)}, ${pct(d.percentChangeUpper)}], p ${d.p.toPrecision(3)}, Pearson dispersion ${d.pearsonDispersion.toFixed(2)}. ${d.convention}`),
  ];
  if (r.synthetic) {
    out.push(
      line('Synthetic control', r.synthetic, (sy) => {
        const p = isAvailable(sy.placebo) ? `placebo p ${sy.placebo.p.toFixed(3)} (rank ${sy.placebo.rank} of ${sy.placebo.placebos + 1}; ${sy.placebo.placebos} placebos from ${sy.placebo.pool === 'eligible' ? `the ${sy.placebo.poolSize} eligible pool cells` : `the ${sy.placebo.poolSize} weighted comparison cells`})` : `placebo test not available - ${sy.placebo.unavailable}`;
        return `post gap ${sy.postGapTotal.toFixed(1)}${sy.percentChange === null ? '' : ` (${pct(sy.percentChange)} vs synthetic)`}, RMSPE pre ${sy.preRmspe.toFixed(2)} post ${sy.postRmspe.toFixed(2)}, ${p}; gap by month: ${sy.labels.map((l, i) => `${l} ${sy.gap[i]!.toFixed(1)}`).join(', ')}. ${sy.convention}`;
      }),
    );
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

export const evaluateVerb: Verb = {
  name: 'evaluate',
  summary: 'did it work: WDD, WDQ, RES and a monthly DiD for a saved design',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = positionals[0];
    if (!src || !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`name the project: spi evaluate P.spiproj --design NAME ... (got "${src ?? ''}")`);
    if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
    if (!values.design) throw new CliInputError('--design is required: the name of a saved design');
    if (!values.pre || !values.post) throw new CliInputError('--pre and --post are required, e.g. --pre 2022-01-01..2023-06-30 --post 2023-07-01..2024-12-31');
    const pre = parsePeriod('--pre', values.pre);
    if (!pre.ok) fail(pre.error);
    const post = parsePeriod('--post', values.post);
    if (!post.ok) fail(post.error);
    const outcome = values.outcome ?? 'all';
    const parsedOutcome = parseOutcome(outcome);
    if (!parsedOutcome.ok) fail(parsedOutcome.error);
    const filter = outcomePredicateSql(parsedOutcome.value);
    const washout = values.washout === undefined ? null : parsePeriod('--washout', values.washout);
    if (washout && !washout.ok) fail(washout.error);
    // Checked before the data are loaded, so a misplaced washout fails at once.
    const washed = applyWashout(pre.value, post.value, washout?.value);
    if (!washed.ok) throw new CliInputError(formatStatsError(washed.error));
    const areaWeights = values['area-weights'] ?? 'auto';
    if (areaWeights !== 'auto' && areaWeights !== 'on' && areaWeights !== 'off') throw new CliInputError(`--area-weights: "${areaWeights}" is not valid (expected auto, on or off)`);
    for (const file of values.report ?? []) {
      const ext = path.extname(file).toLowerCase();
      if (ext !== '.pdf' && ext !== '.html') throw new CliInputError(`--report: "${file}" is not valid (expected a file ending in .pdf or .html)`);
    }
    let harm = null;
    if (values.harm !== undefined) {
      const abs = path.resolve(io.cwd, values.harm);
      const text = await readFile(abs, 'utf8').catch(() => null);
      if (text === null) throw new CliInputError(`--harm: ${values.harm}: file not found or unreadable`);
      const parsed = parseHarmWeights(text, values.harm);
      if (!parsed.ok) fail(parsed.error);
      harm = parsed.value;
    }
    const odText = values.overdispersion ?? 'estimate';
    const overdispersion = odText === 'estimate' ? 'estimate' : parseNumberOption('--overdispersion', odText, { min: 0, exclusive: true, what: 'estimate or a factor D > 0' });
    const family = values.family ?? 'poisson';
    if (family !== 'poisson' && family !== 'negative-binomial') throw new CliInputError(`--family: "${family}" is not valid (expected poisson or negative-binomial)`);
    const opened = await openProjectFile(path.resolve(io.cwd, src));
    if (!opened.ok) fail(opened.error);
    const design = readDesignDocument(opened.value.project.documents, values.design);
    if (!design.ok) fail(design.error);
    const loaded = await loadAnalysisSource(src, { ...values, filter: filter ?? undefined }, { dates: 'required', ...(harm ? { idColumn: 'offense_code' } : {}) }, io.cwd);
    if (design.value.crs && loaded.crs && design.value.crs !== loaded.crs) throw new CliInputError(`--design: ${values.design} is in ${design.value.crs} but the dataset is in ${loaded.crs}`);
    let weights: Float64Array | undefined;
    if (harm) {
      const codes = loaded.points.ids ?? new Array<string | null>(loaded.points.x.length).fill(null);
      const w = harmWeightsFor(codes, harm, DEFAULT_OFFENSE_DICTIONARY);
      if (!w.ok) fail(w.error);
      weights = w.value;
    }
    // --source A=1,B=0.25: each record counts its source's weight (times its harm weight).
    const sourceWeights = values.source !== undefined ? loaded.points.weights : null;
    if (sourceWeights) weights = weights ? weights.map((w, i) => w * sourceWeights[i]!) : Float64Array.from(sourceWeights);
    const harmLabel = [harm ? `${values.harm}, ${harm.rows} rows` : '', sourceWeights ? `sources ${values.source}${values['source-weights'] ? ` (weights ${values['source-weights']})` : ''}` : ''].filter(Boolean).join('; ') || undefined;
    const r = runEvaluation(design.value, loaded.points.x, loaded.points.y, loaded.points.days!, pre.value, post.value, {
      overdispersion,
      family,
      outcomeLabel: describeOutcome(parsedOutcome.value),
      areaWeights,
      ...(washout ? { washout: washout.value } : {}),
      ...(weights ? { weights, harmLabel } : {}),
    });
    if (!r.ok) throw new CliInputError(formatStatsError(r.error));
    const reports: string[] = [];
    for (const file of values.report ?? []) reports.push(await writeReport(path.resolve(io.cwd, file), r.value, design.value, opened.value, values.caveat));
    let key: string | null = null;
    if (values.save) {
      key = `evaluations/${values.design}-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
      const doc = { kind: 'evaluation', formatVersion: 1, outcome, filter, ...(harm ? { harmWeights: toHarmWeightsJson(harm) } : {}), ...r.value };
      await saveDocument(loaded, key, JSON.parse(JSON.stringify(doc)), 'evaluation.run', {
        design: values.design,
        pre: values.pre,
        post: values.post,
        outcome,
        overdispersion: odText,
        family,
        ...(values.washout ? { washout: values.washout } : {}),
        ...(harm ? { harm: values.harm, harmWeights: toHarmWeightsJson(harm) } : {}),
        areaWeights,
      });
    }
    if (values.json) io.out(`${JSON.stringify({ ...r.value, outcome, filter, saved: key, reports }, null, 2)}\n`);
    else io.out(`${describeEvaluation(r.value, outcome)}${key ? `Saved as ${key} in ${src}.\n` : ''}${(values.report ?? []).map((f) => `Report written to ${f}.\n`).join('')}`);
    return 0;
  },
};

/** Builds the report (shared/domain/report) and writes it atomically; returns the path. */
async function writeReport(target: string, result: EvaluationResult, design: DesignDoc, opened: OpenedProject, caveat: string | undefined): Promise<string> {
  const now = new Date().toISOString();
  const p = opened.project;
  const doc = buildEvaluationReport({
    result,
    design,
    project: { title: p.info.title, agency: p.info.agency, author: p.info.author },
    layers: p.layers.map((l) => ({ role: l.meta.role, geojson: l.geojson })),
    generatedAt: now,
    appVersion: process.env.npm_package_version ?? '0.1.0',
    ...(caveat ? { caveat } : {}),
  });
  const bytes = target.toLowerCase().endsWith('.pdf') ? await renderReportPdf(doc, loadLayoutFonts(), now) : new TextEncoder().encode(renderReportHtml(doc));
  const written = await writeFileAtomic(target, bytes, { keepBackup: false });
  if (!written.ok) throw new CliInputError(`--report: ${formatAppError(written.error)}`);
  return target;
}
