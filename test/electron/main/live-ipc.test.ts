import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/base/result';
import { LIVE_METHODS } from '../../../shared/contract/channels';
import type { LiveSessionApi } from '../../../shared/contract/live-session-api';
import { createLiveHandlers } from '../../../electron/main/live-ipc';

/** A fake live host that records calls. */
function fakeApi(calls: unknown[][]): LiveSessionApi {
  const api = {} as Record<string, unknown>;
  for (const m of LIVE_METHODS) {
    api[m] = async (...args: unknown[]) => {
      calls.push([m, ...args]);
      if (m === 'removeLiveGuest') throw new Error('boom');
      return ok(m);
    };
  }
  return api as unknown as LiveSessionApi;
}

describe('live-session IPC handlers', () => {
  const calls: unknown[][] = [];
  const handlers = createLiveHandlers(fakeApi(calls), (e: { trusted: boolean }) => e.trusted);
  const trusted = { trusted: true };

  it('registers one spi-live channel per method', () => {
    expect([...handlers.keys()]).toEqual(LIVE_METHODS.map((m) => `spi-live:${m}`));
  });
  it('refuses untrusted senders before calling anything', async () => {
    const r = await handlers.get('spi-live:startLiveSession')!({ trusted: false }, { address: '127.0.0.1' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'denied' } });
    expect(calls).toEqual([]);
  });
  it('validates arguments and fills defaults', async () => {
    const bad = await handlers.get('spi-live:startLiveSession')!(trusted, { address: '127.0.0.1', maxGuests: 99 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-argument', name: 'spi-live:startLiveSession args[0].maxGuests' } });
    const good = await handlers.get('spi-live:startLiveSession')!(trusted, { address: '127.0.0.1' });
    expect(good).toEqual({ ok: true, value: 'startLiveSession' });
    expect(calls.at(-1)).toEqual(['startLiveSession', { address: '127.0.0.1', maxGuests: 4, codeMinutes: 10, hostName: 'Analyst' }]);
    const poll = await handlers.get('spi-live:pollLiveEvents')!(trusted, { after: 3, waitMs: 60_000 });
    expect(poll).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });
  it('turns a throw into an internal error (never rejects)', async () => {
    await expect(handlers.get('spi-live:removeLiveGuest')!(trusted, 'g1')).resolves.toEqual({ ok: false, error: { kind: 'internal', message: 'spi-live:removeLiveGuest: boom' } });
  });
});
