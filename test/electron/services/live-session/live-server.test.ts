import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { createLiveSessionHost } from '../../../../electron/services/live-session/live-host';
import type { LiveSessionInfo } from '../../../../shared/contract/live-session-api';
import type { LiveEvent } from '../../../../shared/domain/session/live-protocol';
import { syncMessage } from '../../../../shared/domain/session/view-sync';
import { tempDir } from '../../../helpers/engine';
import { connectPinned } from './live-client';

const tmp = tempDir('spi-live-');
const root = path.join(tmp.dir, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<html>guest</html>');
writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(path.join(root, 'sample-city.spiproj'), 'raw data');
writeFileSync(path.join(root, 'assets', 'duckdb-eh.wasm'), 'wasm');

const LOOPBACK = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }], eth0: [{ address: '8.8.4.4', family: 'IPv4', internal: false }] };
let clock = Date.parse('2025-03-01T10:00:00Z');
const hosts: ReturnType<typeof createLiveSessionHost>[] = [];

function newHost() {
  const host = createLiveSessionHost({ rendererRoot: root, interfaces: () => LOOPBACK, serverOptions: { now: () => clock } });
  hosts.push(host);
  return host;
}

async function start(host = newHost(), maxGuests = 4): Promise<{ host: typeof host; info: LiveSessionInfo }> {
  const r = await host.startLiveSession({ address: '127.0.0.1', maxGuests, codeMinutes: 5, hostName: 'Analyst A' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { host, info: r.value };
}

async function poll(host: ReturnType<typeof createLiveSessionHost>, type: LiveEvent['type'], after = -1): Promise<LiveEvent> {
  for (let next = after; ; ) {
    const r = await host.pollLiveEvents({ after: next, waitMs: 3000 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const hit = r.value.events.find((e) => e.type === type);
    if (hit) return hit;
    if (r.value.events.length === 0) throw new Error(`no ${type} event`);
    next = r.value.next;
  }
}

function get(port: number, p: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  clock = Date.parse('2025-03-01T10:00:00Z');
});

describe('live session server (real sockets on 127.0.0.1)', () => {
  it('binds only to the picked address, and refuses 0.0.0.0 and addresses that are not private', async () => {
    const host = newHost();
    const list = await host.listLiveInterfaces();
    expect(list.ok && list.value.map((i) => i.address)).toEqual(['127.0.0.1']);
    for (const address of ['0.0.0.0', '8.8.4.4', '192.168.1.5', 'localhost']) {
      const r = await host.startLiveSession({ address });
      expect(r.ok, address).toBe(false);
    }
    const { info } = await start(host);
    expect(info.url).toBe(`https://127.0.0.1:${info.port}/guest`);
    expect(info.code).toMatch(/^\d{6}$/);
    const second = await host.startLiveSession({ address: '127.0.0.1' });
    expect(second.ok).toBe(false);
  });

  it('serves TLS with the session certificate whose SHA-256 fingerprint the host shows', async () => {
    const { info } = await start();
    const seen = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: info.port, rejectUnauthorized: false }, () => {
        resolve(s.getPeerCertificate().fingerprint256);
        s.end();
      });
      s.on('error', reject);
    });
    expect(seen).toBe(info.fingerprint);
    expect(info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('serves the guest page and scripts but no data file', async () => {
    const { info } = await start();
    expect((await get(info.port, '/')).status).toBe(302);
    const page = await get(info.port, '/guest');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html>guest</html>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await get(info.port, '/assets/index-abc.js')).status).toBe(200);
    for (const p of ['/sample-city.spiproj', '/assets/duckdb-eh.wasm', '/assets/../sample-city.spiproj', '/index.htm', '/assets/%2e%2e/x.js']) {
      expect((await get(info.port, p)).status, p).toBe(404);
    }
  });

  it('admits a guest with the code once, relays host messages, and reports pointer, annotation and take-over', async () => {
    const { host, info } = await start();
    host.publishLive(syncMessage('host', { type: 'view', seq: 1, view: { center: [-90.1, 38.6], zoom: 12, bearing: 0, pitch: 0 } }) as never);
    const guest = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    guest.send({ type: 'join', code: info.code, name: 'Dr. Rivera' });
    const welcome = await guest.next((m) => m.type === 'welcome');
    expect(welcome.fingerprint).toBe(info.fingerprint);
    await guest.next((m) => m.type === 'view');
    const joined = await poll(host, 'joined');
    expect(joined.type === 'joined' && joined.guest.name).toBe('Dr. Rivera');
    // The code is consumed: a second guest with the same code is refused; the host has a new one.
    const late = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    late.send({ type: 'join', code: info.code, name: 'Late' });
    expect((await late.next((m) => m.type === 'refused')).reason).toBe('wrong-code');
    const fresh = await host.pollLiveEvents({ after: -1, waitMs: 0 });
    expect(fresh.ok && fresh.value.session!.code).not.toBe(info.code);

    const t0 = performance.now();
    await host.publishLive(syncMessage('host', { type: 'view', seq: 2, view: { center: [-90.2, 38.7], zoom: 13, bearing: 10, pitch: 0 } }) as never);
    const moved = await guest.next((m) => m.type === 'view' && (m as { seq: number }).seq === 2);
    expect(performance.now() - t0).toBeLessThan(200);
    expect((moved as { view: { zoom: number } }).view.zoom).toBe(13);

    guest.send({ type: 'pointer', at: [-90.15, 38.65] });
    const pointer = await poll(host, 'pointer');
    expect(pointer.type === 'pointer' && pointer.point).toEqual([-90.15, 38.65]);
    guest.send({ type: 'annotate', kind: 'note', text: 'Check this corner', coordinates: [[-90.15, 38.65]] });
    const note = await poll(host, 'annotation');
    expect(note.type === 'annotation' && note.annotation).toMatchObject({ author: 'Dr. Rivera', text: 'Check this corner', kind: 'note' });

    // A guest's view is ignored until the host lets that guest drive.
    guest.send({ type: 'view', view: { center: [-90.3, 38.8], zoom: 14, bearing: 0, pitch: 0 } });
    guest.send({ type: 'take-over', want: true });
    const req = await poll(host, 'take-over-request');
    expect(req.type === 'take-over-request' && req.want).toBe(true);
    const before = (await host.pollLiveEvents({ after: -1, waitMs: 0 })).ok;
    expect(before).toBe(true);
    const all = await host.pollLiveEvents({ after: -1, waitMs: 0 });
    expect(all.ok && all.value.events.some((e) => e.type === 'view')).toBe(false);
    expect((await host.setLiveController(joined.type === 'joined' ? joined.guest.id : '')).ok).toBe(true);
    guest.send({ type: 'view', view: { center: [-90.3, 38.8], zoom: 14, bearing: 0, pitch: 0 } });
    const driven = await poll(host, 'view');
    expect(driven.type === 'view' && driven.view.zoom).toBe(14);
  });

  it('refuses a wrong code, an expired code, and rate-limits wrong attempts', async () => {
    const { host, info } = await start();
    const wrong = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    wrong.send({ type: 'join', code: info.code === '000000' ? '111111' : '000000', name: 'Guess' });
    expect((await wrong.next((m) => m.type === 'refused')).reason).toBe('wrong-code');
    expect((await wrong.closed).code).toBe(4001);
    const refused = await poll(host, 'refused');
    expect(refused.type === 'refused' && refused.reason).toBe('wrong-code');

    clock += 6 * 60_000; // the code lived 5 minutes
    const late = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    late.send({ type: 'join', code: info.code, name: 'Late' });
    expect((await late.next((m) => m.type === 'refused')).reason).toBe('expired');

    const fresh = await host.renewLiveCode();
    expect(fresh.ok && fresh.value.code).not.toBe(info.code);
    for (let i = 0; i < 4; i++) {
      const g = await connectPinned('127.0.0.1', info.port, info.fingerprint);
      g.send({ type: 'join', code: '99999' + String(i), name: 'Bot' });
      await g.closed;
    }
    const renewed = await host.renewLiveCode();
    const g = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    g.send({ type: 'join', code: renewed.ok ? renewed.value.code : '', name: 'Bot' });
    expect((await g.next((m) => m.type === 'refused')).reason).toBe('rate-limited');
  });

  it('refuses a socket from another origin and a client that pins another certificate', async () => {
    const { info } = await start();
    await expect(connectPinned('127.0.0.1', info.port, info.fingerprint, 'https://127.0.0.1:1')).rejects.toThrow(/403/);
    await expect(connectPinned('127.0.0.1', info.port, info.fingerprint.replace(/^../, '00'))).rejects.toThrow(/fingerprint/);
  });

  it('removes a guest, enforces max guests, and ending the session disconnects everyone', async () => {
    const { host, info } = await start(newHost(), 1);
    const a = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    a.send({ type: 'join', code: info.code, name: 'A' });
    await a.next((m) => m.type === 'welcome');
    const code2 = (await host.pollLiveEvents({ after: -1, waitMs: 0 })).ok;
    expect(code2).toBe(true);
    const s = await host.pollLiveEvents({ after: -1, waitMs: 0 });
    const b = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    b.send({ type: 'join', code: s.ok ? s.value.session!.code : '', name: 'B' });
    expect((await b.next((m) => m.type === 'refused')).reason).toBe('full');

    const id = s.ok ? s.value.session!.guests[0]!.id : '';
    expect((await host.removeLiveGuest(id)).ok).toBe(true);
    await a.next((m) => m.type === 'removed');
    expect((await a.closed).code).toBe(4003);
    const left = await poll(host, 'left');
    expect(left.type === 'left' && left.reason).toBe('removed');

    const s2 = await host.pollLiveEvents({ after: -1, waitMs: 0 });
    const c = await connectPinned('127.0.0.1', info.port, info.fingerprint);
    c.send({ type: 'join', code: s2.ok ? s2.value.session!.code : '', name: 'C' });
    await c.next((m) => m.type === 'welcome');
    expect((await host.endLiveSession()).ok).toBe(true);
    expect((await c.next((m) => m.type === 'ended')).reason).toMatch(/ended/);
    expect((await c.closed).code).toBe(1000);
    await expect(connectPinned('127.0.0.1', info.port, info.fingerprint)).rejects.toThrow();
    const after = await host.pollLiveEvents({ after: -1, waitMs: 0 });
    expect(after.ok && after.value.session).toBeNull();
    expect(after.ok && after.value.events.some((e) => e.type === 'ended')).toBe(true);
  });

  it('refuses host messages that would carry raw data', async () => {
    const { host } = await start();
    const scene = await host.publishLive({ v: 1, from: 'host', type: 'scene', scene: {} } as never);
    expect(scene.ok).toBe(false);
    const rows = await host.publishLive({ type: 'shared-layers', layers: [{ id: 'x', kind: 'points', rows: [] }] } as never);
    expect(rows.ok).toBe(false);
  });
});
