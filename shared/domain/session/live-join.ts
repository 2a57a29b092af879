/**
 * The join gate of a live session: a one-time numeric code shown on the host's screen, compared in
 * constant time, expiring after a few minutes and after its first successful use, with wrong
 * attempts rate-limited per remote address and in total. Pure: time and randomness come in as
 * arguments, so every rule is tested without clocks or sockets.
 */

/** Digits of a join code: 10^6 codes; with the attempt limits below a guess succeeds with p <= 20/10^6. */
export const JOIN_CODE_DIGITS = 6;
/** Minutes a code stays valid when the host does not say otherwise. */
export const DEFAULT_CODE_MINUTES = 10;

/** Limits on wrong codes. */
export interface AttemptPolicy {
  /** Wrong codes allowed per remote address within `windowMs` before it is refused outright. */
  maxPerAddress: number;
  windowMs: number;
  /** Wrong codes allowed in total against one code; past it the code is burnt and must be renewed. */
  maxPerCode: number;
}

/** 5 wrong codes per address per 10 minutes; 20 in total per code. */
export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { maxPerAddress: 5, windowMs: 10 * 60_000, maxPerCode: 20 };

/** Why a join was refused (the guest sees a plain sentence made from it, never the code). */
export type JoinRefusal = 'wrong-code' | 'expired' | 'used' | 'rate-limited' | 'burnt';

/**
 * A code of `digits` decimal digits from `nextByte` (a source of uniform bytes 0-255, e.g.
 * `crypto.randomBytes`). Rejection sampling (bytes >= 250 are skipped) keeps every digit uniform.
 */
export function generateJoinCode(nextByte: () => number, digits: number = JOIN_CODE_DIGITS): string {
  let code = '';
  while (code.length < digits) {
    const b = nextByte();
    if (!Number.isInteger(b) || b < 0 || b > 255) throw new Error(`generateJoinCode: nextByte returned ${b}, not a byte`);
    if (b < 250) code += String(b % 10);
  }
  return code;
}

/**
 * String equality whose running time depends only on the length of `expected`, not on where
 * `attempt` first differs (so response timing does not leak the code digit by digit). A length
 * mismatch is still compared over every character of `expected`.
 */
export function constantTimeEqual(attempt: string, expected: string): boolean {
  let diff = attempt.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    const a = i < attempt.length ? attempt.charCodeAt(i) : 0;
    diff |= a ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

/** The visible state of the current code, for the host panel. */
export interface JoinCodeInfo {
  code: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  used: boolean;
  burnt: boolean;
}

/**
 * The gate: holds the current code and the recent wrong attempts. `now` is milliseconds since the
 * epoch (Date.now()); every method takes it so tests drive time.
 */
export class JoinGate {
  private code = '';
  private expiresAt = 0;
  private used = false;
  private wrongForCode = 0;
  private readonly wrongByAddress = new Map<string, number[]>();

  constructor(private readonly policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY) {}

  /** Installs a fresh code valid for `minutes` from `now` (the old code stops working at once). */
  renew(code: string, now: number, minutes: number = DEFAULT_CODE_MINUTES): JoinCodeInfo {
    if (!/^\d{4,12}$/.test(code)) throw new Error(`JoinGate.renew: "${code}" is not a numeric code`);
    if (!(minutes > 0)) throw new Error(`JoinGate.renew: ${minutes} minutes`);
    this.code = code;
    this.expiresAt = now + minutes * 60_000;
    this.used = false;
    this.wrongForCode = 0;
    return this.info();
  }

  /** The current code and its state. */
  info(): JoinCodeInfo {
    return { code: this.code, expiresAt: this.expiresAt, used: this.used, burnt: this.wrongForCode >= this.policy.maxPerCode };
  }

  /**
   * Checks `attempt` from `address`. Order matters: a rate-limited address is refused before the
   * code is even compared; a burnt, used or expired code is refused whatever was typed (so a
   * late correct guess tells nothing). A correct code is consumed: the next guest needs a new one.
   * Returns null when admitted, else the reason.
   */
  attempt(address: string, attempt: string, now: number): JoinRefusal | null {
    const recent = (this.wrongByAddress.get(address) ?? []).filter((t) => now - t < this.policy.windowMs);
    this.wrongByAddress.set(address, recent);
    if (recent.length >= this.policy.maxPerAddress) return 'rate-limited';
    if (this.code === '' || this.wrongForCode >= this.policy.maxPerCode) return 'burnt';
    const matches = constantTimeEqual(attempt, this.code);
    if (this.used) return matches ? 'used' : this.fail(address, now);
    if (now >= this.expiresAt) return 'expired';
    if (!matches) return this.fail(address, now);
    this.used = true;
    return null;
  }

  private fail(address: string, now: number): JoinRefusal {
    this.wrongForCode += 1;
    this.wrongByAddress.get(address)!.push(now);
    return this.wrongForCode >= this.policy.maxPerCode ? 'burnt' : 'wrong-code';
  }
}

/** A sentence for the guest's screen explaining a refusal. */
export function describeJoinRefusal(reason: JoinRefusal): string {
  switch (reason) {
    case 'wrong-code':
      return 'That code is not right. Check the code on the host screen and try again.';
    case 'expired':
      return 'That code has expired. Ask the host for a new code.';
    case 'used':
      return 'That code has already been used. Ask the host for a new code.';
    case 'rate-limited':
      return 'Too many wrong codes from this computer. Wait a few minutes, then ask the host for a new code.';
    case 'burnt':
      return 'Too many wrong codes were tried. Ask the host for a new code.';
  }
}
