import { describe, expect, it } from 'vitest';
import {
  describeLiveEvent,
  MAX_GUEST_MESSAGE_BYTES,
  parseGuestInbound,
  parseGuestMessage,
  parseHostPublish,
} from '../../../../shared/domain/session/live-protocol';
import { syncMessage } from '../../../../shared/domain/session/view-sync';

const view = { center: [-90.2, 38.6] as [number, number], zoom: 12, bearing: 0, pitch: 0 };

describe('guest messages', () => {
  it('accepts the five kinds a guest may send', () => {
    for (const m of [
      { type: 'join', code: '123456', name: 'Dr. Rivera' },
      { type: 'pointer', at: [-90.1, 38.6] },
      { type: 'pointer', at: null },
      { type: 'annotate', kind: 'note', text: 'here', coordinates: [[-90.1, 38.6]] },
      { type: 'view', view },
      { type: 'take-over', want: true },
    ]) {
      expect(parseGuestMessage(JSON.stringify(m)).ok, m.type).toBe(true);
    }
  });
  it('refuses bad values, naming the message and field', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'join', code: '12ab56', name: 'x' }, /join message, code/],
      [{ type: 'join', code: '123456', name: '   ' }, /join message, name/],
      [{ type: 'pointer', at: [200, 0] }, /pointer message, at/],
      [{ type: 'annotate', kind: 'pin', text: 'x', coordinates: [] }, /annotate message, coordinates/],
      [{ type: 'annotate', kind: 'circle', text: 'x', coordinates: [[0, 0]] }, /annotate message, kind/],
      [{ type: 'view', view: { ...view, zoom: 99 } }, /view message, view\.zoom/],
      [{ type: 'rows', rows: [] }, /rows message/],
    ];
    for (const [m, why] of cases) {
      const r = parseGuestMessage(JSON.stringify(m));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.reason).toMatch(why);
    }
    expect(parseGuestMessage('{not json').ok).toBe(false);
    const big = parseGuestMessage(JSON.stringify({ type: 'annotate', kind: 'note', text: 'x'.repeat(MAX_GUEST_MESSAGE_BYTES), coordinates: [[0, 0]] }));
    expect(!big.ok && big.error.reason).toMatch(/at most/);
  });
});

describe('what guests receive and hosts publish', () => {
  it('lets view-sync messages through except the same-machine scene', () => {
    expect(parseGuestInbound(syncMessage('host', { type: 'view', seq: 3, view })).ok).toBe(true);
    const scene = parseGuestInbound({ v: 1, from: 'host', type: 'scene', scene: { title: '', style: {}, labels: [], points: null, analysis: null, counts: [] } });
    expect(!scene.ok && scene.error.reason).toMatch(/never cross the network/);
    expect(parseGuestInbound({ type: 'ended', reason: 'bye' })).toMatchObject({ ok: true, value: { channel: 'live' } });
    expect(parseGuestInbound({ type: 'welcome', guestId: 'nope', name: 'x', fingerprint: '', hostName: '' }).ok).toBe(false);
  });
  it('lets the host publish only view, map document, annotations, base map and shared layers', () => {
    expect(parseHostPublish(syncMessage('host', { type: 'view', seq: 1, view })).ok).toBe(true);
    expect(parseHostPublish(syncMessage('host', { type: 'annotations', annotations: [] })).ok).toBe(true);
    expect(parseHostPublish({ type: 'basemap', basemap: { title: 't', style: { version: 8 }, labels: [], bounds: null } }).ok).toBe(true);
    expect(parseHostPublish({ type: 'shared-layers', layers: [] }).ok).toBe(true);
    const hello = parseHostPublish(syncMessage('host', { type: 'hello', role: 'viewer', name: '' }));
    expect(!hello.ok && hello.error.reason).toMatch(/cannot publish hello/);
    expect(parseHostPublish({ type: 'welcome', guestId: 'g1', name: 'x', fingerprint: '', hostName: '' }).ok).toBe(false);
    expect(parseHostPublish({ type: 'incidents', rows: [{ name: 'victim' }] }).ok).toBe(false);
  });
  it('describes join, leave and refusal events for the project log', () => {
    const guest = { id: 'g1', name: 'Dana', address: '192.168.1.20', joinedAt: '2025-03-01T10:00:00Z' };
    expect(describeLiveEvent({ seq: 0, at: '', type: 'joined', guest })).toBe('Dana (192.168.1.20) joined');
    expect(describeLiveEvent({ seq: 1, at: '', type: 'left', guest, reason: 'removed' })).toBe('Dana (192.168.1.20) left: removed by the host');
    expect(describeLiveEvent({ seq: 2, at: '', type: 'refused', address: '10.0.0.5', name: 'X', reason: 'wrong-code' })).toBe('join refused for "X" from 10.0.0.5: wrong-code');
    expect(describeLiveEvent({ seq: 3, at: '', type: 'pointer', guestId: 'g1', name: 'Dana', point: null })).toBeNull();
  });
});
