/**
 * IPC handlers of the live-session contract (`spi-live:<method>`), with the same envelope as the
 * host contract (./ipc-envelope.ts): sender check, argument validation against
 * `LIVE_ARG_SCHEMAS`, and a reply that is always a Result. No 'electron' import: tested directly.
 */
import type { ZodType } from 'zod';
import { err } from '../../shared/base/result';
import { LIVE_METHODS, liveChannel } from '../../shared/contract/channels';
import { LIVE_ARG_SCHEMAS, type LiveSessionApi } from '../../shared/contract/live-session-api';
import { parseHostArgs, type HostHandler, type HostReply } from './ipc-envelope';

/**
 * One wrapped handler per `LIVE_METHODS` entry, keyed by IPC channel, for `ipcMain.handle`.
 * Untrusted senders get `{kind:'denied'}`, bad arguments `{kind:'invalid-argument'}`, anything
 * thrown `{kind:'internal'}`; handlers never reject.
 */
export function createLiveHandlers<E>(api: LiveSessionApi, isTrustedSender: (event: E) => boolean): Map<string, HostHandler<E>> {
  const handlers = new Map<string, HostHandler<E>>();
  for (const method of LIVE_METHODS) {
    const channel = liveChannel(method);
    const schema = LIVE_ARG_SCHEMAS[method] as unknown as ZodType<unknown[]>;
    const impl = (api[method] as (...a: unknown[]) => Promise<HostReply>).bind(api);
    handlers.set(channel, async (event: E, ...args: unknown[]): Promise<HostReply> => {
      try {
        if (!isTrustedSender(event)) return err({ kind: 'denied', what: channel, reason: 'the sender is not the workbench window' });
        const parsed = parseHostArgs(channel, schema, args);
        if (!parsed.ok) return parsed;
        return await impl(...parsed.value);
      } catch (thrown) {
        return err({ kind: 'internal', message: `${channel}: ${thrown instanceof Error ? thrown.message : String(thrown)}` });
      }
    });
  }
  return handlers;
}
