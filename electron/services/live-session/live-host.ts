/**
 * `LiveSessionApi` in Node: one session at a time, started on an address the analyst picked from
 * this machine's interfaces. Electron main registers it on IPC (electron/main/live-ipc.ts); the
 * browser build's `npm run serve` exposes it on a loopback-only control endpoint
 * (./control-endpoint.ts). Every method resolves to a Result and never throws.
 */
import { networkInterfaces } from 'node:os';
import type { AppError } from '../../../shared/base/errors';
import { messageOf } from '../../../shared/base/errors';
import { err, ok } from '../../../shared/base/result';
import { listBindableInterfaces, parseBindAddress, type InterfaceAddressInfo } from '../../../shared/domain/session/live-address';
import { StartLiveRequestSchema, type LiveSessionApi } from '../../../shared/contract/live-session-api';
import { EventLog } from './event-log';
import { startLiveServer, type LiveServer, type LiveServerOptions } from './live-server';

export interface LiveHostDeps {
  /** dist/renderer, served to guests. */
  rendererRoot: string;
  /** The machine's interfaces (default `os.networkInterfaces()`; tests pass a fixed list). */
  interfaces?: () => Readonly<Record<string, readonly InterfaceAddressInfo[] | undefined>>;
  /** Extra server options (clock, randomness, port) for tests. */
  serverOptions?: Partial<Pick<LiveServerOptions, 'now' | 'randomBytes' | 'policy' | 'joinTimeoutMs' | 'port'>>;
}

const noSession = (what: string): AppError => ({ kind: 'denied', what, reason: 'no live session is running' });

/** Creates the Node live-session host; `close()` ends any running session (app quit). */
export function createLiveSessionHost(deps: LiveHostDeps): LiveSessionApi & { close(): Promise<void> } {
  const interfaces = deps.interfaces ?? (() => networkInterfaces());
  let server: LiveServer | null = null;
  const events = new EventLog(deps.serverOptions?.now);
  const running = () => (server && !server.isEnded() ? server : null);

  return {
    async listLiveInterfaces() {
      return ok(listBindableInterfaces(interfaces()));
    },
    async startLiveSession(request) {
      if (running()) return err({ kind: 'denied', what: 'start live session', reason: 'a live session is already running: end it first' });
      const r = StartLiveRequestSchema.parse(request);
      const address = parseBindAddress(r.address, listBindableInterfaces(interfaces()));
      if (!address.ok) return address;
      try {
        server = await startLiveServer({ ...deps.serverOptions, events, address: address.value.address, rendererRoot: deps.rendererRoot, maxGuests: r.maxGuests, codeMinutes: r.codeMinutes, hostName: r.hostName });
        return ok(server.info());
      } catch (e) {
        return err({ kind: 'io', path: `${r.address} (live session)`, message: messageOf(e) });
      }
    },
    async endLiveSession() {
      const s = running();
      if (!s) return err(noSession('end live session'));
      await s.end('the host ended the session');
      return ok(undefined);
    },
    async renewLiveCode() {
      const s = running();
      if (!s) return err(noSession('new join code'));
      s.renewCode();
      return ok(s.info());
    },
    async removeLiveGuest(guestId) {
      const s = running();
      if (!s) return err(noSession('remove guest'));
      return s.removeGuest(guestId) ? ok(undefined) : err({ kind: 'invalid-argument', name: 'guest', value: guestId, expected: 'a guest in the session' });
    },
    async setLiveController(guestId) {
      const s = running();
      if (!s) return err(noSession('hand over the view'));
      return s.setController(guestId) ? ok(undefined) : err({ kind: 'invalid-argument', name: 'guest', value: String(guestId), expected: 'a guest in the session' });
    },
    async publishLive(message) {
      const s = running();
      if (!s) return err(noSession('publish'));
      const r = s.publish(message);
      return r.ok ? ok(undefined) : err({ kind: 'invalid-argument', name: 'live message', value: String((message as { type?: unknown }).type), expected: r.reason });
    },
    async pollLiveEvents(request) {
      // One event log across sessions: `seq` never restarts, so a reader never misses the start
      // of a new session. With no session running the poll answers at once.
      const s = running();
      const list = await events.wait(request.after, s ? (request.waitMs ?? 20_000) : 0);
      const live = running();
      return ok({ events: list, next: list.at(-1)?.seq ?? request.after, session: live ? live.info() : null });
    },
    async close() {
      const s = running();
      if (s) await s.end('the host closed the workbench');
    },
  };
}
