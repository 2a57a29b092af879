/**
 * Weighted Displacement Quotient and total net effect. Source: K. J. Bowers & S. D. Johnson
 * (2003), "Measuring the geographical displacement and diffusion of benefit effects of crime
 * prevention activity", Journal of Quantitative Criminology 19(3), 275-301.
 *
 * Counts before (b) and after (a) in the target T, its buffer D and the control C:
 *   Success measure  = Ta/Ca - Tb/Cb   (negative: the target improved relative to the control)
 *   Buffer measure   = Da/Ca - Db/Cb   (positive: displacement into the buffer; negative: diffusion)
 *   WDQ = Buffer / Success             (undefined when Success = 0)
 *   TNE = [Tb (Ca/Cb) - Ta] + [Db (Ca/Cb) - Da]   (crimes prevented in target + buffer, net)
 * Bowers & Johnson read the WDQ only when the Success measure is negative (the scheme worked):
 *   WDQ > 1        diffusion of benefits greater than the direct effect;
 *   0 < WDQ <= 1   diffusion of benefits;
 *   WDQ = 0        no displacement or diffusion;
 *   -1 <= WDQ < 0  displacement, smaller than the direct effect (net benefit);
 *   WDQ < -1       displacement greater than the direct effect (the scheme was counterproductive).
 */
import { err, ok, type Result } from '../../base/result';
import { checkCount, invalidArgument, type StatsError } from './stats-error';

export interface WdqInput {
  /** Target before / after. */
  readonly tb: number;
  readonly ta: number;
  /** Target's buffer (displacement zone) before / after. */
  readonly db: number;
  readonly da: number;
  /** Control before / after (both > 0). */
  readonly cb: number;
  readonly ca: number;
}

export type WdqReading =
  | 'diffusion-greater-than-direct-effect'
  | 'diffusion'
  | 'no-displacement-or-diffusion'
  | 'displacement-smaller-than-direct-effect'
  | 'displacement-greater-than-direct-effect'
  | 'no-success'
  | 'undefined';

export interface WdqResult {
  readonly success: number;
  readonly buffer: number;
  /** Buffer / Success; null when the Success measure is 0 (see `message`). Never Infinity/NaN. */
  readonly wdq: number | null;
  /** Total net effect: crimes prevented (positive) or added (negative), target and buffer. */
  readonly tne: number;
  /** Its target part Tb (Ca/Cb) - Ta and buffer part Db (Ca/Cb) - Da. */
  readonly tneTarget: number;
  readonly tneBuffer: number;
  readonly reading: WdqReading;
  /** The interpretation in plain words (Bowers & Johnson's reading of the signs). */
  readonly message: string;
  readonly convention: string;
}

export const WDQ_CONVENTION =
  'WDQ = (Da/Ca - Db/Cb) / (Ta/Ca - Tb/Cb); TNE = [Tb(Ca/Cb) - Ta] + [Db(Ca/Cb) - Da] (Bowers & Johnson 2003)';

/** The WDQ's convention on harm-weighted totals: TNE is weighted harm prevented, not crimes. */
export const WDQ_HARM_CONVENTION =
  'WDQ = (Da/Ca - Db/Cb) / (Ta/Ca - Tb/Cb) on weighted harm totals; TNE = [Tb(Ca/Cb) - Ta] + [Db(Ca/Cb) - Da] in harm units (Bowers & Johnson 2003)';

/**
 * Computes the Success and Buffer measures, the WDQ with its reading, and the total net effect.
 * Errors: a count negative or not finite, or a control count of 0 (every measure divides by it).
 * When Success = 0 (exactly, up to 1e-12 relative rounding) the WDQ is null with a plain message,
 * and Success, Buffer and TNE are still given.
 */
export function computeWdq(input: WdqInput): Result<WdqResult, StatsError> {
  for (const key of ['tb', 'ta', 'db', 'da', 'cb', 'ca'] as const) {
    const e = checkCount(key, input[key]);
    if (e) return err(e);
  }
  if (input.cb === 0) return err(invalidArgument('cb', 0, 'a control count before > 0 (every WDQ measure divides by it)'));
  if (input.ca === 0) return err(invalidArgument('ca', 0, 'a control count after > 0 (every WDQ measure divides by it)'));
  const { tb, ta, db, da, cb, ca } = input;
  const success = ta / ca - tb / cb;
  const buffer = da / ca - db / cb;
  const scale = ca / cb;
  const tneTarget = tb * scale - ta;
  const tneBuffer = db * scale - da;
  // Success = 0 exactly when Ta Cb = Tb Ca; compare the products to dodge rounding in the quotients.
  const successIsZero = Math.abs(ta * cb - tb * ca) <= 1e-12 * Math.max(ta * cb, tb * ca, 1);
  const base = { success: successIsZero ? 0 : success, buffer, tne: tneTarget + tneBuffer, tneTarget, tneBuffer, convention: WDQ_CONVENTION };
  if (successIsZero) {
    return ok({
      ...base,
      wdq: null,
      reading: 'undefined',
      message: 'WDQ is undefined: the target changed exactly as the control did (Success measure = 0), so there is no direct effect to compare the buffer with',
    });
  }
  const wdq = buffer / success;
  return ok({ ...base, wdq, ...readWdq(success, wdq) });
}

function readWdq(success: number, wdq: number): { reading: WdqReading; message: string } {
  if (success > 0) {
    return {
      reading: 'no-success',
      message: 'no success: crime in the target rose relative to the control (Success measure > 0), so the WDQ says nothing about displacement or diffusion',
    };
  }
  if (wdq > 1) return { reading: 'diffusion-greater-than-direct-effect', message: 'diffusion of benefits greater than the direct effect: the buffer improved even more than the target, relative to the control' };
  if (wdq > 0) return { reading: 'diffusion', message: 'diffusion of benefits: the buffer improved too, relative to the control' };
  if (wdq === 0) return { reading: 'no-displacement-or-diffusion', message: 'no displacement or diffusion: the buffer changed as the control did' };
  if (wdq >= -1) return { reading: 'displacement-smaller-than-direct-effect', message: 'some displacement into the buffer, smaller than the reduction in the target: a net benefit' };
  return { reading: 'displacement-greater-than-direct-effect', message: 'displacement greater than the direct effect: the buffer worsened more than the target improved, so the scheme was counterproductive' };
}
