/**
 * The IPC envelope around every host method: sender check, argument validation, and a reply that
 * is ALWAYS a Result. Electron serialises a thrown Error down to its message, so nothing may throw
 * across `ipcMain.handle` (ARCHITECTURE.md, rule 2). No 'electron' import: tested directly.
 */
import type { ZodType } from 'zod';
import type { AppError } from '../../shared/base/errors';
import { err, ok, type Result } from '../../shared/base/result';
import { HOST_METHODS, hostChannel, type HostMethod } from '../../shared/contract/channels';
import { HOST_ARG_SCHEMAS, type HostApi } from '../../shared/contract/host-api';

/** What every IPC handler resolves to. */
export type HostReply = Result<unknown, AppError>;

/** An IPC handler as `ipcMain.handle` calls it: the event first, then the renderer's arguments. */
export type HostHandler<E> = (event: E, ...args: unknown[]) => Promise<HostReply>;

/** At most this many characters of a bad value are quoted back in an error. */
const MAX_QUOTED = 80;

/** A short, safe description of a value for an error message (never dumps a whole byte array). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Uint8Array) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `${value.constructor.name}`;
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** Reads the value at a zod issue path inside the argument list, or undefined when absent. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Formats a zod issue path over the argument tuple: `[0, 'filters', 1]` -> `args[0].filters[1]`. */
export function formatArgPath(path: readonly PropertyKey[]): string {
  let out = 'args';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/**
 * Validates `args` against `schema`. On failure the error names the channel and the first issue's
 * path (`spi-host:openFiles args[0].filters[0].name`), quotes the bad value briefly and gives
 * zod's message as what was expected. On success returns the parsed value (defaults applied).
 */
export function parseHostArgs<T>(channel: string, schema: ZodType<T>, args: unknown[]): Result<T, AppError> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  return err({
    kind: 'invalid-argument',
    name: `${channel} ${formatArgPath(path)}`,
    value: describeValue(valueAt(args, path)),
    expected: issue?.message ?? 'valid arguments',
  });
}

/**
 * Wraps one host method for `ipcMain.handle`: (a) refuses untrusted senders with
 * `{kind:'denied'}`, (b) validates the arguments with `HOST_ARG_SCHEMAS[method]`
 * (`{kind:'invalid-argument'}`), (c) calls `impl` with the parsed arguments, and (d) turns
 * anything `impl` throws (or a trust check that throws) into `{kind:'internal'}`. The returned
 * handler never rejects.
 */
export function createHostHandler<M extends HostMethod, E>(
  method: M,
  impl: HostApi[M],
  isTrustedSender: (event: E) => boolean,
): HostHandler<E> {
  const channel = hostChannel(method);
  const schema = HOST_ARG_SCHEMAS[method] as unknown as ZodType<unknown[]>;
  return async (event: E, ...args: unknown[]): Promise<HostReply> => {
    try {
      if (!isTrustedSender(event)) {
        return err({ kind: 'denied', what: channel, reason: 'the sender is not the workbench window' });
      }
      const parsed = parseHostArgs(channel, schema, args);
      if (!parsed.ok) return parsed;
      const call = impl as (...a: unknown[]) => Promise<HostReply>;
      const reply = await call(...parsed.value);
      if (reply === null || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
        return err({ kind: 'internal', message: `${channel}: the host returned something that is not a Result` });
      }
      return reply;
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      return err({ kind: 'internal', message: `${channel}: ${message}` });
    }
  };
}

/**
 * One wrapped handler per `HOST_METHODS` entry, keyed by IPC channel, ready for
 * `ipcMain.handle(channel, handler)`. Methods are bound to `host`, so a class instance works.
 */
export function createHostHandlers<E>(host: HostApi, isTrustedSender: (event: E) => boolean): Map<string, HostHandler<E>> {
  const handlers = new Map<string, HostHandler<E>>();
  for (const method of HOST_METHODS) {
    const impl = (host[method] as (...a: unknown[]) => unknown).bind(host) as HostApi[typeof method];
    handlers.set(hostChannel(method), createHostHandler(method, impl, isTrustedSender));
  }
  return handlers;
}
