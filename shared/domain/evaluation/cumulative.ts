/**
 * The cumulative WDD of an evaluation, month by month over the post period, with the harm
 * variances and area weights of the main WDD (wdd.ts) and time weights in days.
 */
import type { AreaCounts } from './area-counts';
import { sumWhere } from './area-counts';
import { computeWdd, type PrePost, type WddAreas } from './wdd';

/** The series, plain JSON (index k: the first k+1 post months). */
export interface CumulativeWddFigures {
  readonly labels: string[];
  readonly wdd: number[];
  readonly se: number[];
  readonly ciLower: number[];
  readonly ciUpper: number[];
  /** Whether the series is computable (false: the post period has no crimes at all yet). */
  readonly defined: boolean[];
}

/**
 * At post month k the post counts are the totals of post months 1..k and each pre count is
 * scaled to the days elapsed (pre weight = pre days / days elapsed; the variance term by its
 * square), so the WDD is in crimes over the months so far. `areaWeights` as for computeWdd.
 * A month with no crimes anywhere yet is marked undefined (0 with no spread).
 */
export function computeCumulativeEvaluationWdd(counts: AreaCounts, preDays: number, hasBuffers: boolean, areaWeights: Partial<WddAreas<number>> | undefined, confidence: number): CumulativeWddFigures {
  const p = counts.post;
  const zones = [
    ['target', counts.target, counts.targetVariance],
    ['control', counts.comparison, counts.comparisonVariance],
    ['targetBuffer', counts.targetBuffer, counts.targetBufferVariance],
    ['controlBuffer', counts.comparisonBuffer, counts.comparisonBufferVariance],
  ] as const;
  const used = hasBuffers ? zones : zones.slice(0, 2);
  const pre = Object.fromEntries(used.map(([z, c, v]) => [z, { c: sumWhere(c, p, 0), v: sumWhere(v, p, 0) }])) as Record<string, { c: number; v: number }>;
  const running: Record<string, { c: number; v: number }> = Object.fromEntries(used.map(([z]) => [z, { c: 0, v: 0 }]));
  const out: CumulativeWddFigures = { labels: [], wdd: [], se: [], ciLower: [], ciUpper: [], defined: [] };
  let days = 0;
  for (let b = 0; b < p.length; b++) {
    if (!p[b]) continue;
    days += counts.bins[b]!.days;
    for (const [z, c, v] of used) {
      running[z]!.c += c[b]!;
      running[z]!.v += v[b]!;
    }
    const cc = (z: string): PrePost => ({ pre: pre[z]!.c, post: running[z]!.c });
    const vv = (z: string): PrePost => ({ pre: pre[z]!.v, post: running[z]!.v });
    const r = computeWdd({
      target: cc('target'),
      control: cc('control'),
      ...(hasBuffers ? { targetBuffer: cc('targetBuffer'), controlBuffer: cc('controlBuffer') } : {}),
      variances: { target: vv('target'), control: vv('control'), ...(hasBuffers ? { targetBuffer: vv('targetBuffer'), controlBuffer: vv('controlBuffer') } : {}) },
      timeWeights: { pre: preDays / days, post: 1 },
      ...(areaWeights ? { areaWeights } : {}),
      confidence,
    });
    out.labels.push(counts.bins[b]!.label);
    if (r.ok) {
      out.wdd.push(r.value.wdd);
      out.se.push(r.value.se);
      out.ciLower.push(r.value.ciLower);
      out.ciUpper.push(r.value.ciUpper);
      out.defined.push(true);
    } else {
      out.wdd.push(0);
      out.se.push(0);
      out.ciLower.push(0);
      out.ciUpper.push(0);
      out.defined.push(false);
    }
  }
  return out;
}
