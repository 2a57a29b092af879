/**
 * Result<T, E>: expected failures are values, not exceptions (ARCHITECTURE.md, rule 2).
 * `throw` is reserved for bugs. Results cross IPC unchanged because they are plain JSON.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

/** Wraps a success value. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps an expected failure. */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

/** Narrowing helper for `if (isOk(r)) r.value`. */
export function isOk<T, E>(r: Result<T, E>): r is Ok<T> {
  return r.ok;
}

/** Maps the success value; failures pass through untouched. */
export function mapResult<T, U, E>(r: Result<T, E>, f: (value: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}

/**
 * Returns the value or throws. Only for places where a failure is a programming error
 * (tests, or data the app generated itself).
 */
export function unwrap<T, E>(r: Result<T, E>, describe: (e: E) => string = (e) => JSON.stringify(e)): T {
  if (r.ok) return r.value;
  throw new Error(describe(r.error));
}
