import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_SETTINGS } from '../../../../shared/domain/explore/layer-settings';
import { EMPTY_FILTER } from '../../../../shared/domain/explore/filters';
import { NETWORK_SAFE_TYPES, VIEW_SYNC_VERSION, isSameView, parseSyncMessage, syncMessage } from '../../../../shared/domain/session/view-sync';

const view = { center: [-97.5, 32.9], zoom: 12, bearing: 0, pitch: 0 };

describe('view-sync messages', () => {
  it('accepts every message type after a JSON round trip (transport-agnostic)', () => {
    const messages = [
      syncMessage('w1', { type: 'hello', role: 'presenter' }),
      syncMessage('w1', { type: 'bye' }),
      syncMessage('w1', { type: 'view', seq: 3, view: view as never }),
      syncMessage('w1', { type: 'map-doc', doc: { visibleGroups: [true, false], pointRadius: 3, layer: DEFAULT_LAYER_SETTINGS, filter: EMPTY_FILTER } }),
      syncMessage('w1', { type: 'annotations', annotations: [{ id: 'a', kind: 'pin', author: 'x', at: 't', text: '', coordinates: [[1, 2]], hidden: false }] }),
    ];
    for (const m of messages) {
      const r = parseSyncMessage(JSON.parse(JSON.stringify(m)));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(NETWORK_SAFE_TYPES).toContain((m as { type: string }).type);
    }
    const hello = parseSyncMessage(messages[0]);
    expect(hello.ok && hello.value.type === 'hello' && hello.value.name).toBe('');
  });

  it('reads layer settings and filters defensively instead of refusing them', () => {
    const r = parseSyncMessage({ v: VIEW_SYNC_VERSION, from: 'w', type: 'map-doc', doc: { visibleGroups: [], pointRadius: 2, layer: { kind: 'bogus' }, filter: 'x' } });
    expect(r.ok && r.value.type === 'map-doc' && [r.value.doc.layer.kind, r.value.doc.filter]).toEqual(['points', EMPTY_FILTER]);
  });

  it('refuses other versions, unknown types and bad fields, naming the field', () => {
    const bad = [
      [null, /not an object/],
      [{ v: 2, from: 'w', type: 'bye' }, /protocol version 2/],
      [{ v: 1, from: 'w', type: 'shutdown' }, /shutdown message/],
      [{ v: 1, from: 'w', type: 'view', seq: 1, view: { ...view, zoom: 99 } }, /view message, view\.zoom/],
      [{ v: 1, from: '', type: 'bye' }, /from/],
      [{ v: 1, from: 'w', type: 'scene', scene: { title: 't', style: {}, labels: [], points: { positions: [1, 2], colors: new Uint8Array(4) }, analysis: null, counts: [] } }, /scene\.points\.positions/],
    ] as const;
    for (const [value, reason] of bad) {
      const r = parseSyncMessage(value);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.reason).toMatch(reason);
    }
  });

  it('accepts a same-machine scene with typed arrays, and compares views to what the eye sees', () => {
    const scene = { title: 't', style: { version: 8 }, labels: [{ text: '21', position: [1, 2] }], points: { positions: new Float64Array(4), colors: new Uint8Array(8) }, analysis: null, counts: [1, 2] };
    expect(parseSyncMessage(structuredClone({ v: 1, from: 'w', type: 'scene', scene })).ok).toBe(true);
    expect(NETWORK_SAFE_TYPES).not.toContain('scene');
    expect(isSameView(view as never, { ...view, zoom: 12.0000001 } as never)).toBe(true);
    expect(isSameView(view as never, { ...view, center: [-97.5001, 32.9] } as never)).toBe(false);
    expect(isSameView(null, null)).toBe(true);
  });
});
