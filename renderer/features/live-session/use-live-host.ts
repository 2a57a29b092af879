import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { LiveSessionApi, LiveSessionInfo, StartLiveRequest } from '../../../shared/contract/live-session-api';
import type { BindableInterface } from '../../../shared/domain/session/live-address';
import { ANNOTATIONS_DOC, parseAnnotations, type Annotation } from '../../../shared/domain/session/annotations';
import { describeLiveEvent, isLoggedEvent, type HostPublish, type LiveEvent } from '../../../shared/domain/session/live-protocol';
import { DEFAULT_MIN_COUNT, toSharedGridLayer } from '../../../shared/domain/session/live-shared-layer';
import { syncMessage, type SyncMessageInput } from '../../../shared/domain/session/view-sync';
import type { GridLayerData } from '../../../shared/domain/explore/grid-layer';
import { onMapViewChange, readMapView, showMapView } from '../../map/MapView';
import { detectLiveHost } from '../../platform/live-host';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { showHostPointer } from './host-pointers';

/** What the host panel shows and can do. */
export interface LiveHostModel {
  interfaces: BindableInterface[];
  session: LiveSessionInfo | null;
  /** Latest lines first: joins, leaves, refusals. */
  activity: string[];
  /** Guests asking to drive the view, by id. */
  requests: Readonly<Record<string, string>>;
  error: string | null;
  busy: boolean;
  shareGrid: boolean;
  /** Why the grid cannot be shared right now, or null. */
  shareProblem: string | null;
  refreshInterfaces(): Promise<void>;
  start(request: StartLiveRequest): Promise<void>;
  end(): Promise<void>;
  renewCode(): Promise<void>;
  remove(guestId: string): Promise<void>;
  setController(guestId: string | null): Promise<void>;
  setShareGrid(on: boolean): void;
}

const HOST_ID = 'host';

/** A log entry made by `by` (the analyst or a guest's name). */
function entry(action: string, parameters: Record<string, unknown>, by: string) {
  return { ...logEntry(action, parameters), by };
}

/**
 * Hosts a live session from this window: starts/ends it through the live host (IPC or the
 * browser build's control endpoint), follows its events by long polling (joins and leaves go to
 * the project log, guests' annotations into the annotations document, pointers onto the map,
 * the driving guest's view onto the map), and publishes the view, map document, annotations, base
 * map and, when the analyst shares it, the privacy-profiled grid layer.
 */
export function useLiveHost(props: { store: Store; state: AppState; grid: GridLayerData | null }, api: LiveSessionApi = defaultApi()): LiveHostModel {
  const { store, state, grid } = props;
  const [interfaces, setInterfaces] = useState<BindableInterface[]>([]);
  const [session, setSession] = useState<LiveSessionInfo | null>(null);
  const [activity, setActivity] = useState<string[]>([]);
  const [requests, setRequests] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shareGrid, setShareGrid] = useState(false);
  const after = useRef<number | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const running = session !== null;
  const startedAt = session?.startedAt ?? null;

  const publish = useCallback((m: HostPublish | SyncMessageInput) => void api.publishLive(m as HostPublish), [api]);

  const refreshInterfaces = useCallback(async () => {
    const r = await api.listLiveInterfaces();
    if (r.ok) setInterfaces(r.value);
    else setError(formatAppError(r.error));
  }, [api]);

  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (isLoggedEvent(e)) {
        const line = describeLiveEvent(e);
        if (line) setActivity((a) => [`${new Date(e.at).toLocaleTimeString()} ${line}`, ...a].slice(0, 50));
        const by = e.type === 'joined' || e.type === 'left' ? e.guest.name : 'analyst';
        const params = e.type === 'joined' || e.type === 'left' ? { guest: e.guest.name, address: e.guest.address, ...(e.type === 'left' ? { reason: e.reason } : {}) } : e.type === 'refused' ? { address: e.address, name: e.name, reason: e.reason } : { reason: e.type === 'ended' ? e.reason : '' };
        store.dispatch({ type: 'append-log', entry: entry(`live-session.${e.type}`, params, by) });
      }
      if (e.type === 'joined' || e.type === 'left') setRequests(({ [e.guest.id]: _, ...rest }) => rest);
      if (e.type === 'left') showHostPointer(e.guest.id, e.guest.name, null);
      if (e.type === 'pointer') showHostPointer(e.guestId, e.name, e.point);
      if (e.type === 'take-over-request') setRequests(({ [e.guestId]: _, ...rest }) => (e.want ? { ...rest, [e.guestId]: e.name } : rest));
      if (e.type === 'view' && sessionRef.current?.controller === e.guestId) showMapView(e.view);
      if (e.type === 'annotation') {
        const list = parseAnnotations(store.getState().doc.documents[ANNOTATIONS_DOC]).annotations;
        if (list.some((a) => a.id === e.annotation.id)) return;
        const next: Annotation[] = [...list, e.annotation];
        const a = e.annotation;
        store.dispatch({ type: 'set-document', path: ANNOTATIONS_DOC, value: next, log: entry('annotation.add', { id: a.id, kind: a.kind, text: a.text, via: 'live session' }, a.author) });
      }
    },
    [store],
  );

  // The event loop: one long poll at a time while a session runs.
  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    void (async () => {
      while (!cancelled) {
        const r = await api.pollLiveEvents({ after: after.current ?? -1, waitMs: 20_000 });
        if (cancelled) return;
        if (!r.ok) {
          setError(formatAppError(r.error));
          await new Promise((res) => setTimeout(res, 1000));
          continue;
        }
        after.current = r.value.next;
        for (const e of r.value.events) onEvent(e);
        setSession(r.value.session);
        if (!r.value.session) return;
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [running, api, onEvent]);

  // Publishing: each piece when it changes (the server keeps the latest for guests who join later).
  const basemap = state.basemap;
  useEffect(() => {
    if (!startedAt || !basemap) return;
    publish({ type: 'basemap', basemap: { title: basemap.title, style: basemap.style as unknown as Record<string, unknown>, labels: basemap.labels, bounds: basemap.bounds } });
  }, [startedAt, basemap, publish]);
  const { visibleGroups, pointRadius, layer, filter } = state.doc;
  useEffect(() => {
    // Conditions on fields carry typed values (an address, a name): they stay on the host.
    if (startedAt) publish(syncMessage(HOST_ID, { type: 'map-doc', doc: { visibleGroups: [...visibleGroups], pointRadius, layer, filter: { ...filter, fields: null } } }));
  }, [startedAt, visibleGroups, pointRadius, layer, filter, publish]);
  const annotationsDoc = state.doc.documents[ANNOTATIONS_DOC];
  useEffect(() => {
    if (startedAt) publish(syncMessage(HOST_ID, { type: 'annotations', annotations: parseAnnotations(annotationsDoc).annotations }));
  }, [startedAt, annotationsDoc, publish]);
  const shared = useMemo(() => (shareGrid && grid ? toSharedGridLayer(grid, `Incidents per ${Math.round(grid.cell)} m cell`, DEFAULT_MIN_COUNT) : null), [shareGrid, grid]);
  useEffect(() => {
    if (startedAt) publish({ type: 'shared-layers', layers: shared?.ok ? [shared.value] : [] });
  }, [startedAt, shared, publish]);
  useEffect(() => {
    if (!startedAt) return;
    // Every move goes out at once (no waiting for the previous reply, which would tie the latency
    // to this window's frame time); guests keep only the highest `seq`, so order does not matter.
    let seq = 0;
    const send = (view: NonNullable<ReturnType<typeof readMapView>>) => void api.publishLive(syncMessage(HOST_ID, { type: 'view', seq: ++seq, view }) as HostPublish);
    const now = readMapView();
    if (now) send(now);
    return onMapViewChange(send);
  }, [startedAt, api]);

  const act = useCallback(async (f: () => Promise<{ ok: boolean; error?: unknown } | undefined>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await f();
      if (r && !r.ok) setError(formatAppError(r.error as never));
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    interfaces,
    session,
    activity,
    requests,
    error,
    busy,
    shareGrid,
    shareProblem: shareGrid ? (grid ? (shared && !shared.ok ? shared.error.reason : null) : 'show the grid-count layer to share it') : null,
    refreshInterfaces,
    start: (request) =>
      act(async () => {
        if (after.current === null) {
          const sync = await api.pollLiveEvents({ after: -1, waitMs: 0 });
          after.current = sync.ok ? sync.value.next : -1;
        }
        const r = await api.startLiveSession(request);
        if (r.ok) {
          setSession(r.value);
          setActivity([]);
          store.dispatch({ type: 'append-log', entry: entry('live-session.start', { address: r.value.address, port: r.value.port, fingerprint: r.value.fingerprint, maxGuests: r.value.maxGuests }, 'analyst') });
        }
        return r;
      }),
    end: () => act(() => api.endLiveSession()),
    renewCode: () =>
      act(async () => {
        const r = await api.renewLiveCode();
        if (r.ok) setSession(r.value);
        return r;
      }),
    remove: (id) => act(() => api.removeLiveGuest(id)),
    setController: (id) =>
      act(async () => {
        const r = await api.setLiveController(id);
        if (r.ok) {
          // The ref at once, not at the next render: the new driver's first view can arrive
          // before React re-renders, and the event handler reads the ref.
          if (sessionRef.current) sessionRef.current = { ...sessionRef.current, controller: id };
          setSession((s) => (s ? { ...s, controller: id } : s));
          if (id) setRequests(({ [id]: _, ...rest }) => rest);
        }
        return r;
      }),
    setShareGrid,
  };
}

let cached: LiveSessionApi | null = null;
/** One live host per window. */
function defaultApi(): LiveSessionApi {
  cached ??= detectLiveHost();
  return cached;
}
