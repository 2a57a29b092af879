import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import type * as maplibregl from 'maplibre-gl';
import type { PickingInfo } from '@deck.gl/core';
import type { Annotation } from '../../../shared/domain/session/annotations';
import type { GuestInbound, LiveBasemap } from '../../../shared/domain/session/live-protocol';
import type { SharedLayer } from '../../../shared/domain/session/live-shared-layer';
import type { SyncedMapDoc } from '../../../shared/domain/session/view-sync';
import { buildLabelLayer } from '../../map/label-layer';
import { MapView, onMapViewChange, readMapView, showMapView } from '../../map/MapView';
import { buildAnnotationLayers } from '../annotations/annotation-layers';
import { connectLiveGuest, type GuestConnection } from './guest-connection';
import { buildPointerLayers, buildSharedGridLayer, type PointerMark } from './guest-layers';

type Phase =
  | { kind: 'join'; message: string | null }
  | { kind: 'connecting' }
  | { kind: 'joined'; id: string; name: string; fingerprint: string; hostName: string }
  | { kind: 'over'; title: string; message: string };

const LAYER_NAMES: Record<string, string> = { points: 'incident points (not shared)', clusters: 'point clusters (not shared)', heat: 'heat map (not shared)', kde: 'density (not shared)', grid: 'grid counts', choropleth: 'counts by polygon (not shared)' };

/**
 * A guest's page, opened at the host's address (`IP:PORT/guest` over HTTPS): asks for the join code
 * and a name, then shows the host's map: base map, view (followed), annotations, shared
 * privacy-profiled layers and the other guests' pointers. The guest can point, add pins and
 * notes, and ask to drive the view. "Session ended" when the host ends it.
 */
export function GuestApp() {
  const [phase, setPhase] = useState<Phase>({ kind: 'join', message: null });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [basemap, setBasemap] = useState<LiveBasemap | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [shared, setShared] = useState<SharedLayer[]>([]);
  const [doc, setDoc] = useState<SyncedMapDoc | null>(null);
  const [pointers, setPointers] = useState<Record<string, PointerMark>>({});
  const [guests, setGuests] = useState<{ names: string[]; controller: string | null }>({ names: [], controller: null });
  const [tool, setTool] = useState<'none' | 'pin' | 'note'>('none');
  const [text, setText] = useState('');
  const [asked, setAsked] = useState(false);
  const conn = useRef<GuestConnection | null>(null);
  const lastSeq = useRef(-1);
  const me = phase.kind === 'joined' ? phase.id : null;
  const driving = me !== null && guests.controller === me;
  const drivingRef = useRef(driving);
  drivingRef.current = driving;

  const onMessage = useCallback((m: GuestInbound) => {
    if (m.channel === 'sync') {
      const s = m.message;
      if (s.type === 'view' && !drivingRef.current && s.seq > lastSeq.current) {
        lastSeq.current = s.seq;
        // When the view arrived (tests measure the host -> guest latency from it).
        document.body.dataset.liveViewAt = String(Date.now());
        showMapView(s.view);
        document.body.dataset.liveView = JSON.stringify(s.view);
      } else if (s.type === 'annotations') setAnnotations(s.annotations);
      else if (s.type === 'map-doc') setDoc(s.doc as SyncedMapDoc);
      return;
    }
    const l = m.message;
    switch (l.type) {
      case 'welcome':
        setPhase({ kind: 'joined', id: l.guestId, name: l.name, fingerprint: l.fingerprint, hostName: l.hostName });
        return;
      case 'refused':
        setPhase({ kind: 'join', message: l.message });
        return;
      case 'basemap':
        setBasemap(l.basemap);
        return;
      case 'shared-layers':
        setShared(l.layers);
        return;
      case 'guests':
        setGuests({ names: l.guests.map((g) => g.name), controller: l.controller });
        setPointers((p) => Object.fromEntries(Object.entries(p).filter(([id]) => l.guests.some((g) => g.id === id))));
        return;
      case 'pointer':
        setPointers(({ [l.guestId]: _, ...rest }) => (l.at ? { ...rest, [l.guestId]: { id: l.guestId, name: l.name, at: l.at } } : rest));
        return;
      case 'ended':
        setPhase({ kind: 'over', title: 'Session ended', message: `${l.reason.charAt(0).toUpperCase()}${l.reason.slice(1)}.` });
        return;
      case 'removed':
        setPhase({ kind: 'over', title: 'Removed from the session', message: l.reason });
        return;
    }
  }, []);

  const join = (e: React.FormEvent) => {
    e.preventDefault();
    setPhase({ kind: 'connecting' });
    conn.current?.close();
    conn.current = connectLiveGuest({ code: code.trim(), name: name.trim() }, onMessage, (closeCode, reason) => {
      setPhase((p) => {
        if (p.kind === 'over') return p;
        if (p.kind === 'joined') return { kind: 'over', title: 'Connection lost', message: `The connection to the host closed (${closeCode}${reason ? `: ${reason}` : ''}).` };
        return p.kind === 'join' && p.message ? p : { kind: 'join', message: `Could not join (${closeCode}${reason ? `: ${reason}` : ''}).` };
      });
    });
  };

  // While this guest drives, its view goes to the host (the host's map follows it).
  useEffect(() => {
    if (driving) setAsked(false);
    if (!driving) return;
    // The view as it is now goes out at once: a move made between the host's "you drive" and this
    // listener would otherwise never reach the host (its next view would be the next move).
    const now = readMapView();
    if (now) conn.current?.send({ type: 'view', view: now });
    return onMapViewChange((view) => conn.current?.send({ type: 'view', view }));
  }, [driving]);

  // Pointer: where the mouse is over the map, at most 20 times a second.
  useEffect(() => {
    if (phase.kind !== 'joined' || !basemap) return;
    const map = (window as unknown as { __spiMap?: maplibregl.Map }).__spiMap;
    if (!map) return;
    let last = 0;
    const move = (e: maplibregl.MapMouseEvent) => {
      const t = performance.now();
      if (t - last < 50) return;
      last = t;
      conn.current?.send({ type: 'pointer', at: [Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6] });
    };
    const out = () => conn.current?.send({ type: 'pointer', at: null });
    map.on('mousemove', move);
    map.on('mouseout', out);
    return () => {
      map.off('mousemove', move);
      map.off('mouseout', out);
    };
  }, [phase.kind, basemap]);

  useEffect(() => () => conn.current?.close(), []);

  const onPick = useCallback(
    (info: PickingInfo) => {
      const c = info.coordinate;
      if (tool === 'none' || !c || c.length < 2) return;
      conn.current?.send({ type: 'annotate', kind: tool, text: text.trim() || (tool === 'note' ? 'Note' : ''), coordinates: [[c[0]!, c[1]!]] });
      setTool('none');
      setText('');
    },
    [tool, text],
  );

  const layers = useMemo(() => {
    const list: unknown[] = [];
    for (const s of shared) list.push(buildSharedGridLayer(s));
    if (basemap && basemap.labels.length > 0) list.push(buildLabelLayer('beat-labels', basemap.labels, 12, [90, 84, 72, 255]));
    list.push(...buildAnnotationLayers(annotations, { idPrefix: 'guest-annotation' }));
    list.push(...buildPointerLayers(Object.values(pointers)));
    return list as never[];
  }, [shared, basemap, annotations, pointers]);

  if (phase.kind === 'join' || phase.kind === 'connecting') {
    return (
      <div className="guest-card" data-testid="guest-join">
        <h1>Join a live session</h1>
        <p>Type the code shown on the host's screen, and your name (the host and the project log will show it).</p>
        {phase.kind === 'join' && phase.message && (
          <p className="error" role="alert" data-testid="guest-refused">
            {phase.message}
          </p>
        )}
        <form onSubmit={join}>
          <label>
            Code
            <input className="guest-code-input" data-testid="guest-code" inputMode="numeric" autoComplete="off" maxLength={12} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
          </label>
          <label>
            Your name
            <input data-testid="guest-name" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" data-testid="guest-join-button" disabled={phase.kind === 'connecting' || code.length < 4 || name.trim() === ''}>
            {phase.kind === 'connecting' ? 'Joining…' : 'Join'}
          </button>
        </form>
        <p className="live-note">
          Before you type the code, check the address bar: your browser warns about this site's certificate because the host made it
          for this session. Compare its SHA-256 fingerprint (in the browser's certificate viewer) with the one on the host's screen.
        </p>
      </div>
    );
  }
  if (phase.kind === 'over') {
    return (
      <div className="guest-card" data-testid="guest-over">
        <h1 data-testid="guest-over-title">{phase.title}</h1>
        <p>{phase.message}</p>
        <p className="live-note">Nothing from the session was saved in this browser.</p>
      </div>
    );
  }
  const legend = shared[0]?.legend ?? [];
  return (
    <div className="guest-app">
      <div className="guest-bar">
        <h1>Live session · {phase.hostName}</h1>
        <span className="guest-status" data-testid="guest-status">
          {driving ? 'You are driving the view' : 'Following the host'} · {doc ? `host shows ${LAYER_NAMES[doc.layer.kind] ?? doc.layer.kind}` : ''} · guests: {guests.names.join(', ')}
        </span>
        <span className="guest-fingerprint" title="SHA-256 fingerprint of the session certificate: compare it with the host's screen">
          Certificate SHA-256 <span data-testid="guest-fingerprint">{phase.fingerprint}</span>
        </span>
        <span role="toolbar" aria-label="Annotate">
          <input aria-label="Text for the next pin or note" data-testid="guest-annotation-text" placeholder="Text for a pin or note" value={text} onChange={(e) => setText(e.target.value)} />{' '}
          <button type="button" aria-pressed={tool === 'pin'} onClick={() => setTool(tool === 'pin' ? 'none' : 'pin')}>
            Pin
          </button>{' '}
          <button type="button" data-testid="guest-note" aria-pressed={tool === 'note'} onClick={() => setTool(tool === 'note' ? 'none' : 'note')}>
            Note
          </button>
        </span>
        <button
          type="button"
          data-testid="guest-take-over"
          onClick={() => {
            const want = !(driving || asked);
            conn.current?.send({ type: 'take-over', want });
            setAsked(want);
          }}
        >
          {driving ? 'Hand the view back' : asked ? 'Cancel request' : 'Ask to drive the view'}
        </button>
        <button type="button" onClick={() => conn.current?.close()}>
          Leave
        </button>
      </div>
      <div className="guest-map">
        {basemap ? (
          <MapView style={basemap.style as unknown as StyleSpecification} bounds={basemap.bounds} layers={layers} onPick={onPick} />
        ) : (
          <p className="guest-card">Waiting for the host's map…</p>
        )}
        {annotations.some((a) => !a.hidden) && (
          <ol className="guest-notes" aria-label="Annotations" data-testid="guest-annotations">
            {annotations
              .filter((a) => !a.hidden)
              .map((a) => (
                <li key={a.id} data-testid="guest-annotation">
                  <strong>{a.author}</strong> {a.text || (a.kind === 'pin' ? 'Pin' : a.kind === 'sketch' ? 'Sketch' : 'Note')}
                </li>
              ))}
          </ol>
        )}
        {legend.length > 0 && (
          <div className="guest-legend">
            <strong>{shared[0]!.title}</strong>
            {legend.map((l) => (
              <div key={l.label}>
                <span style={{ background: `rgb(${l.color.join(',')})` }} />
                {l.label}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
