import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/base/result';
import * as channels from '../../../shared/contract/channels';
import * as hostApi from '../../../shared/contract/host-api';
import type { HostApi } from '../../../shared/contract/host-api';
import {
  createHostHandler,
  createHostHandlers,
  describeValue,
  formatArgPath,
} from '../../../electron/main/ipc-envelope';

type FakeEvent = { trusted: boolean };
const trusted: FakeEvent = { trusted: true };
const untrusted: FakeEvent = { trusted: false };
const isTrusted = (e: FakeEvent): boolean => e.trusted;

/** Compile-time: the zod-free method list and the HostApi interface name the same methods. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsMatch: Same<channels.HostMethod, keyof HostApi> = true;

describe('channels.ts matches host-api.ts', () => {
  it('lists exactly the methods that have argument schemas, with the same channel names', () => {
    expect([...channels.HOST_METHODS].sort()).toEqual(Object.keys(hostApi.HOST_ARG_SCHEMAS).sort());
    for (const m of channels.HOST_METHODS) expect(channels.hostChannel(m)).toBe(hostApi.hostChannel(m));
    expect(channels.HOST_BRIDGE_GLOBAL).toBe(hostApi.HOST_BRIDGE_GLOBAL);
    expect(methodsMatch).toBe(true);
  });
});

describe('createHostHandler', () => {
  it('refuses an untrusted sender without calling the implementation', async () => {
    const impl = vi.fn(async () => ok([]));
    const handler = createHostHandler('listRecentProjects', impl, isTrusted);
    const reply = await handler(untrusted);
    expect(reply).toEqual({ ok: false, error: { kind: 'denied', what: 'spi-host:listRecentProjects', reason: expect.any(String) } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses bad arguments, naming the channel and the zod issue path', async () => {
    const impl = vi.fn(async () => ok([]));
    const handler = createHostHandler('openFiles', impl, isTrusted);
    const reply = await handler(trusted, { filters: [{ name: 'CSV', extensions: 'csv' }] });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.kind).toBe('invalid-argument');
    expect(reply.error).toMatchObject({ name: 'spi-host:openFiles args[0].filters[0].extensions', value: 'csv' });
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses a missing argument and extra arguments', async () => {
    const impl = vi.fn(async () => ok(null));
    const handler = createHostHandler('getAutosave', impl, isTrusted);
    const missing = await handler(trusted);
    expect(missing).toMatchObject({ ok: false, error: { kind: 'invalid-argument', name: 'spi-host:getAutosave args' } });
    const extra = await handler(trusted, 'a', 'b');
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    const traversal = await handler(trusted, '../../etc/passwd');
    expect(traversal).toMatchObject({ ok: false, error: { kind: 'invalid-argument', value: '../../etc/passwd' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('quotes a bad byte array briefly instead of dumping it', async () => {
    const handler = createHostHandler('saveFile', vi.fn(), isTrusted);
    const reply = await handler(trusted, { suggestedName: '', bytes: new Uint8Array(10_000) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-argument', name: 'spi-host:saveFile args[0].suggestedName' } });
    expect(describeValue(new Uint8Array(10_000))).toBe('Uint8Array(10000 bytes)');
    expect(describeValue('x'.repeat(500)).length).toBeLessThan(100);
  });

  it('wraps a throwing implementation into an internal error', async () => {
    const handler = createHostHandler(
      'getAppInfo',
      async () => {
        throw new Error('boom');
      },
      isTrusted,
    );
    await expect(handler(trusted)).resolves.toEqual({ ok: false, error: { kind: 'internal', message: 'spi-host:getAppInfo: boom' } });
  });

  it('wraps a throwing trust check and a non-Result reply into internal errors', async () => {
    const throwingCheck = createHostHandler('listRecentProjects', async () => ok([]), () => {
      throw new Error('frame gone');
    });
    await expect(throwingCheck(trusted)).resolves.toMatchObject({ ok: false, error: { kind: 'internal' } });
    const bad = createHostHandler('listRecentProjects', (async () => 42) as unknown as HostApi['listRecentProjects'], isTrusted);
    await expect(bad(trusted)).resolves.toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('passes a successful result through and hands the implementation parsed arguments', async () => {
    const impl = vi.fn(async () => ok([]));
    const handler = createHostHandler('openFiles', impl, isTrusted);
    const reply = await handler(trusted, { title: 'Open RMS export' });
    expect(reply).toEqual({ ok: true, value: [] });
    // zod defaults are applied before the implementation sees the request.
    expect(impl).toHaveBeenCalledWith({ title: 'Open RMS export', filters: [], multiple: false });
  });

  it('passes an expected failure through unchanged', async () => {
    const failure = { ok: false as const, error: { kind: 'file-not-found' as const, path: '/x' } };
    const handler = createHostHandler('getAutosave', async () => failure, isTrusted);
    await expect(handler(trusted, 'session')).resolves.toEqual(failure);
  });
});

describe('createHostHandlers', () => {
  it('registers one handler per contract method, bound to the host', async () => {
    const calls: string[] = [];
    const host = {} as Record<string, unknown>;
    for (const m of channels.HOST_METHODS) {
      host[m] = async function (this: unknown) {
        calls.push(m);
        expect(this).toBe(host);
        return ok(null);
      };
    }
    const handlers = createHostHandlers(host as unknown as HostApi, isTrusted);
    expect([...handlers.keys()].sort()).toEqual(channels.HOST_METHODS.map(channels.hostChannel).sort());
    await handlers.get('spi-host:listRecentProjects')!(trusted);
    expect(calls).toEqual(['listRecentProjects']);
  });

  it('formats issue paths over the argument tuple', () => {
    expect(formatArgPath([])).toBe('args');
    expect(formatArgPath([0, 'filters', 2, 'name'])).toBe('args[0].filters[2].name');
  });
});
