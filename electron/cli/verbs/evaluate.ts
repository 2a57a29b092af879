import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../shared/domain/design/period';
import { isAvailable, runEvaluation, type EvaluationResult, type Figure } from '../../../shared/domain/evaluation/run-evaluation';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { openProjectFile } from '../../services/project-file';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo, type Verb } from '../io';
import { fail, loadAnalysisSource, parseNumberOption } from './analysis-source';
import { saveDocument } from './design-targets';

const HELP = `spi evaluate P.spiproj --design NAME --pre FROM..TO --post FROM..TO [options]

Evaluates a saved design (spi design create --save): counts incidents (each case once, by
point-in-polygon on x/y in the analysis CRS) per month in the targets (T), the matched
comparison cells (C), the targets' buffer rings (D) and the comparisons' rings (DC), then:
  WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0), Var = sum of the counts, z = WDD/SE
      (Wheeler & Ratcliffe 2018); counts become monthly rates when pre and post differ in length;
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
  --overdispersion estimate|D   how to inflate the RES interval (default estimate)
  --family poisson|negative-binomial   the DiD model (default poisson)
  --json                    print every figure as JSON
  --save                    keep the evaluation in the project (document evaluations/NAME-TIME
                            and a log entry)
  --dataset ID, --crs EPSG:N, --all-rows   as for the analysis verbs`;

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
  crs: { type: 'string' },
  'all-rows': { type: 'boolean' },
} as const;

const GROUPS = ['violent', 'property', 'drugs', 'weapons', 'public-order', 'other'];

/** The --outcome option as a SQL predicate on the normalized columns (null = every incident). */
export function outcomeFilter(text: string): string | null {
  if (text === 'all') return null;
  if (GROUPS.includes(text)) return `offense_group = '${text}'`;
  const m = /^codes:(.+)$/.exec(text);
  if (m) {
    const codes = m[1]!.split(',').map((c) => c.trim());
    for (const c of codes) if (!/^[0-9A-Za-z]{2,4}$/.test(c)) throw new CliInputError(`--outcome: "${c}" is not a NIBRS offense code (e.g. codes:220,23F)`);
    return `offense_code IN (${codes.map((c) => `'${c.toUpperCase()}'`).join(', ')})`;
  }
  throw new CliInputError(`--outcome: "${text}" is not valid (expected all, ${GROUPS.join(', ')} or codes:220,23F)`);
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
    `Evaluation of design ${r.design}, outcome ${outcome}: pre ${r.pre.from}..${r.pre.to} (${r.pre.days} days), post ${r.post.from}..${r.post.to} (${r.post.days} days)`,
    formatTextTable(['zone', 'pre', 'post', 'change'], rows, rows.length).trimEnd(),
    ...r.perTarget.map((t) => `  ${t.id}: target ${t.pre} -> ${t.post}, buffer ${t.bufferPre} -> ${t.bufferPost}`),
    '',
    line('WDD', r.wdd, (w) => `${n3(w.wdd)}${r.timeWeighted ? ' (per month: time-weighted, periods differ in length)' : ''}, SE ${n3(w.se)}, z ${w.z.toFixed(2)}, p ${w.p.toPrecision(3)}, ${Math.round(w.confidence * 100)}% CI [${n3(w.ciLower)}, ${n3(w.ciUpper)}]; negative = crime fell in targets (and buffers) relative to comparisons. ${w.convention}`),
    line('WDQ', r.wdq, (w) => `${w.wdq === null ? 'undefined' : w.wdq.toFixed(3)} (Success ${w.success.toFixed(4)}, Buffer ${w.buffer.toFixed(4)}): ${w.message}; total net effect ${w.tne.toFixed(1)} crimes prevented (target ${w.tneTarget.toFixed(1)}, buffer ${w.tneBuffer.toFixed(1)}; negative = added). ${w.convention}`),
    line('RES (Poisson, D = 1)', r.resPoisson, (s) => `${s.res.toFixed(3)}, ${Math.round(s.confidence * 100)}% CI [${s.ciLower.toFixed(3)}, ${s.ciUpper.toFixed(3)}], p ${s.p.toPrecision(3)}; RIRR ${s.rirr.toFixed(3)} [${s.rirrLower.toFixed(3)}, ${s.rirrUpper.toFixed(3)}], change ${pct(s.percentChange)} [${pct(s.percentChangeLower)}, ${pct(s.percentChangeUpper)}]. ${s.convention}`),
    line(`RES (D = ${r.overdispersion.factor.toFixed(2)}, ${r.overdispersion.source})`, r.resInflated, (s) => `${s.res.toFixed(3)}, CI [${s.ciLower.toFixed(3)}, ${s.ciUpper.toFixed(3)}]; RIRR ${s.rirr.toFixed(3)} [${s.rirrLower.toFixed(3)}, ${s.rirrUpper.toFixed(3)}], change ${pct(s.percentChange)} [${pct(s.percentChangeLower)}, ${pct(s.percentChangeUpper)}]`),
    line('DiD', r.did, (d) => `${d.family} with unit and month effects, ${d.seType} (${d.reference}${d.df !== null ? `, df ${d.df}` : ''}): rate ratio ${d.rateRatio.toFixed(3)}, change ${pct(d.percentChange)}, ${Math.round(d.confidence * 100)}% CI [${pct(d.percentChangeLower)}, ${pct(d.percentChangeUpper)}], p ${d.p.toPrecision(3)}, Pearson dispersion ${d.pearsonDispersion.toFixed(2)}. ${d.convention}`),
  ];
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
    const filter = outcomeFilter(outcome);
    const odText = values.overdispersion ?? 'estimate';
    const overdispersion = odText === 'estimate' ? 'estimate' : parseNumberOption('--overdispersion', odText, { min: 0, exclusive: true, what: 'estimate or a factor D > 0' });
    const family = values.family ?? 'poisson';
    if (family !== 'poisson' && family !== 'negative-binomial') throw new CliInputError(`--family: "${family}" is not valid (expected poisson or negative-binomial)`);
    const opened = await openProjectFile(path.resolve(io.cwd, src));
    if (!opened.ok) fail(opened.error);
    const design = readDesignDocument(opened.value.project.documents, values.design);
    if (!design.ok) fail(design.error);
    const loaded = await loadAnalysisSource(src, { ...values, filter: filter ?? undefined }, { dates: 'required' }, io.cwd);
    if (design.value.crs && loaded.crs && design.value.crs !== loaded.crs) throw new CliInputError(`--design: ${values.design} is in ${design.value.crs} but the dataset is in ${loaded.crs}`);
    const r = runEvaluation(design.value, loaded.points.x, loaded.points.y, loaded.points.days!, pre.value, post.value, { overdispersion, family });
    if (!r.ok) throw new CliInputError(formatStatsError(r.error));
    let key: string | null = null;
    if (values.save) {
      key = `evaluations/${values.design}-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
      const doc = { kind: 'evaluation', formatVersion: 1, outcome, filter, ...r.value };
      await saveDocument(loaded, key, JSON.parse(JSON.stringify(doc)), 'evaluation.run', { design: values.design, pre: values.pre, post: values.post, outcome, overdispersion: odText, family });
    }
    if (values.json) io.out(`${JSON.stringify({ outcome, filter, ...r.value, saved: key }, null, 2)}\n`);
    else io.out(`${describeEvaluation(r.value, outcome)}${key ? `Saved as ${key} in ${src}.\n` : ''}`);
    return 0;
  },
};
