/**
 * The live-session server: HTTPS (the renderer in guest mode, ./guest-assets.ts) and a WebSocket
 * endpoint (`/live` on the same port, WSS, package `ws`) on ONE address, with a certificate made for the
 * session (./certificate.ts). Guests join with the one-time code (shared/domain/session/live-join.ts)
 * and then receive what the host publishes; what they send (pointer, annotations, take-over
 * requests, and their view while allowed to drive) goes to the host as events (./event-log.ts).
 * The address must already be checked (parseBindAddress); this module binds to exactly it.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { annotationSchema } from '../../../shared/domain/session/annotations';
import { DEFAULT_ATTEMPT_POLICY, describeJoinRefusal, generateJoinCode, JoinGate, type AttemptPolicy } from '../../../shared/domain/session/live-join';
import {
  LIVE_GUEST_PATH,
  LIVE_SOCKET_PATH,
  LIVE_SUBPROTOCOL,
  MAX_GUEST_MESSAGE_BYTES,
  parseGuestMessage,
  parseHostPublish,
  type GuestMessage,
  type HostPublish,
  type LeaveReason,
  type LiveGuest,
  type LiveMessage,
} from '../../../shared/domain/session/live-protocol';
import type { LiveSessionInfo } from '../../../shared/contract/live-session-api';
import { createSessionCertificate } from './certificate';
import { EventLog } from './event-log';
import { serveGuestRequest } from './guest-assets';
import { sessionUrl } from './urls';

export interface LiveServerOptions {
  /** A checked loopback or private IPv4 address of this machine. */
  address: string;
  /** dist/renderer: served to guests (code only, see guest-assets). */
  rendererRoot: string;
  maxGuests: number;
  codeMinutes: number;
  hostName: string;
  /** Port to listen on; 0 (default) lets the system pick a free one. */
  port?: number;
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  policy?: AttemptPolicy;
  /** A socket that has not joined within this time is closed (default 15 s). */
  joinTimeoutMs?: number;
  /** Where events go (default a new log); the host keeps one across sessions so `seq` never restarts. */
  events?: EventLog;
}

/** A running session, driven by the host. */
export interface LiveServer {
  info(): LiveSessionInfo;
  readonly events: EventLog;
  /** Validates and relays a host message to every guest (a view skips the guest who drives). */
  publish(message: unknown): { ok: true } | { ok: false; reason: string };
  removeGuest(id: string): boolean;
  setController(id: string | null): boolean;
  renewCode(): void;
  /** Tells every guest the session ended, disconnects them and closes the port. */
  end(reason: string): Promise<void>;
  isEnded(): boolean;
}

interface Guest extends LiveGuest {
  socket: WebSocket;
  /** Messages in the current one-second window (flood guard). */
  window: { start: number; count: number };
}

/** Messages per second a guest may send; more are dropped (pointer moves are throttled client-side). */
const MAX_MESSAGES_PER_SECOND = 60;
/** Connections that have not joined yet, at most (slows a flood of sockets). */
const MAX_PENDING = 8;

/** Starts a session server; resolves once it listens. */
export async function startLiveServer(o: LiveServerOptions): Promise<LiveServer> {
  const now = o.now ?? Date.now;
  const random = o.randomBytes ?? ((n: number) => nodeRandomBytes(n));
  const certificate = await createSessionCertificate(o.address, new Date(now()));
  const events = o.events ?? new EventLog(now);
  const gate = new JoinGate(o.policy ?? DEFAULT_ATTEMPT_POLICY);
  const guests = new Map<string, Guest>();
  const pending = new Set<WebSocket>();
  const cache = new Map<string, string>();
  const startedAt = new Date(now()).toISOString();
  let controller: string | null = null;
  let ended = false;
  let annotationCount = 0;

  const nextByte = (() => {
    let pool = random(64);
    let i = 0;
    return () => {
      if (i >= pool.length) ((pool = random(64)), (i = 0));
      return pool[i++]!;
    };
  })();
  const renew = () => {
    const info = gate.renew(generateJoinCode(nextByte), now(), o.codeMinutes);
    events.push({ type: 'code', code: info.code, expiresAt: info.expiresAt });
  };

  const server: Server = createServer({ key: certificate.key, cert: certificate.cert, minVersion: 'TLSv1.2' }, (req, res) => {
    void serveGuestRequest(o.rendererRoot, req, res);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_GUEST_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(LIVE_SUBPROTOCOL) ? LIVE_SUBPROTOCOL : false),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.address, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = sessionUrl('https', o.address, port, LIVE_GUEST_PATH);
  const origin = url.origin;
  renew();

  const send = (socket: WebSocket, text: string) => {
    if (socket.readyState === socket.OPEN) socket.send(text);
  };
  const live = (m: LiveMessage) => JSON.stringify(m);
  const guestList = (): LiveGuest[] => [...guests.values()].map(({ id, name, address, joinedAt }) => ({ id, name, address, joinedAt }));
  const broadcastGuests = () => {
    const text = live({ type: 'guests', guests: guestList().map(({ id, name }) => ({ id, name })), controller });
    for (const g of guests.values()) send(g.socket, text);
  };

  const leave = (guest: Guest, reason: LeaveReason) => {
    if (!guests.delete(guest.id)) return;
    if (controller === guest.id) controller = null;
    const { id, name, address, joinedAt } = guest;
    events.push({ type: 'left', guest: { id, name, address, joinedAt }, reason });
    broadcastGuests();
  };

  const admit = (socket: WebSocket, address: string, name: string): Guest => {
    const id = `g${Buffer.from(random(6)).toString('hex')}`;
    const guest: Guest = { id, name, address, joinedAt: new Date(now()).toISOString(), socket, window: { start: now(), count: 0 } };
    guests.set(id, guest);
    send(socket, live({ type: 'welcome', guestId: id, name, fingerprint: certificate.fingerprint, hostName: o.hostName }));
    for (const type of ['basemap', 'shared-layers', 'map-doc', 'annotations', 'view']) {
      const text = cache.get(type);
      if (text) send(socket, text);
    }
    events.push({ type: 'joined', guest: { id, name, address, joinedAt: guest.joinedAt } });
    broadcastGuests();
    // One code, one guest: the next guest needs the fresh code now on the host's screen.
    renew();
    socket.on('close', () => leave(guest, 'closed'));
    return guest;
  };

  const fromGuest = (guest: Guest, m: GuestMessage) => {
    switch (m.type) {
      case 'join':
        return;
      case 'pointer': {
        events.push({ type: 'pointer', guestId: guest.id, name: guest.name, point: m.at });
        const text = live({ type: 'pointer', guestId: guest.id, name: guest.name, at: m.at });
        for (const g of guests.values()) if (g !== guest) send(g.socket, text);
        return;
      }
      case 'annotate': {
        annotationCount += 1;
        const parsed = annotationSchema.safeParse({
          id: `${guest.id}-${annotationCount}`,
          kind: m.kind,
          author: guest.name,
          at: new Date(now()).toISOString(),
          text: m.text,
          coordinates: m.coordinates,
          hidden: false,
        });
        const fits = m.kind === 'sketch' ? m.coordinates.length >= 2 : m.coordinates.length === 1;
        if (parsed.success && fits) events.push({ type: 'annotation', guestId: guest.id, annotation: parsed.data });
        return;
      }
      case 'view':
        if (controller === guest.id) events.push({ type: 'view', guestId: guest.id, view: m.view });
        return;
      case 'take-over':
        events.push({ type: 'take-over-request', guestId: guest.id, name: guest.name, want: m.want });
        if (!m.want && controller === guest.id) {
          controller = null;
          broadcastGuests();
        }
        return;
    }
  };

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const address = (req.socket.remoteAddress ?? '?').replace(/^::ffff:/, '');
    pending.add(socket);
    let guest: Guest | null = null;
    const timer = setTimeout(() => socket.close(4008, 'join timeout'), o.joinTimeoutMs ?? 15_000);
    socket.on('close', () => {
      clearTimeout(timer);
      pending.delete(socket);
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(4002, 'text frames only');
      const parsed = parseGuestMessage(data.toString());
      if (!parsed.ok) {
        if (guest) leave(guest, 'protocol');
        return socket.close(4002, parsed.error.reason.slice(0, 100));
      }
      const m = parsed.value;
      if (guest) {
        const t = now();
        if (t - guest.window.start >= 1000) guest.window = { start: t, count: 0 };
        if (++guest.window.count > MAX_MESSAGES_PER_SECOND) return;
        return fromGuest(guest, m);
      }
      if (m.type !== 'join') return socket.close(4002, 'join first');
      const refuse = (reason: string, message: string) => {
        events.push({ type: 'refused', address, name: m.name, reason });
        send(socket, live({ type: 'refused', reason, message }));
        socket.close(4001, reason);
      };
      if (guests.size >= o.maxGuests) return refuse('full', `The session is full (${o.maxGuests} guests).`);
      const refusal = gate.attempt(address, m.code, now());
      if (refusal) return refuse(refusal, describeJoinRefusal(refusal));
      clearTimeout(timer);
      pending.delete(socket);
      guest = admit(socket, address, m.name);
    });
    socket.on('error', () => socket.terminate());
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (ended || path !== LIVE_SOCKET_PATH) return refuse(404);
    // Only pages of this session's own origin (a guest's browser sends Origin; so must other clients).
    if (req.headers.origin !== origin) return refuse(403);
    if (pending.size >= MAX_PENDING) return refuse(503);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const heartbeat = setInterval(() => {
    for (const g of guests.values()) if (g.socket.readyState === g.socket.OPEN) g.socket.ping();
  }, 20_000);
  heartbeat.unref();

  return {
    events,
    info(): LiveSessionInfo {
      const code = gate.info();
      return {
        url: url.href,
        address: o.address,
        port,
        fingerprint: certificate.fingerprint,
        code: code.code,
        codeExpiresAt: code.expiresAt,
        codeUsed: code.used || code.burnt,
        startedAt,
        maxGuests: o.maxGuests,
        guests: guestList(),
        controller,
      };
    },
    publish(message) {
      if (ended) return { ok: false, reason: 'the session has ended' };
      const parsed = parseHostPublish(message);
      if (!parsed.ok) return { ok: false, reason: parsed.error.reason };
      const m: HostPublish = parsed.value;
      const text = JSON.stringify(m);
      cache.set(m.type, text);
      for (const g of guests.values()) if (!(m.type === 'view' && g.id === controller)) send(g.socket, text);
      return { ok: true };
    },
    removeGuest(id) {
      const g = guests.get(id);
      if (!g) return false;
      send(g.socket, live({ type: 'removed', reason: 'The host removed you from the session.' }));
      leave(g, 'removed');
      g.socket.close(4003, 'removed by the host');
      return true;
    },
    setController(id) {
      if (id !== null && !guests.has(id)) return false;
      controller = id;
      broadcastGuests();
      return true;
    },
    renewCode: renew,
    isEnded: () => ended,
    async end(reason) {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      const text = live({ type: 'ended', reason });
      for (const g of [...guests.values()]) {
        send(g.socket, text);
        leave(g, 'ended');
        g.socket.close(1000, 'session ended');
      }
      for (const s of pending) s.close(1001, 'session ended');
      events.push({ type: 'ended', reason });
      events.wakeAll();
      // Give close frames a moment to leave, then cut whatever is still open.
      await new Promise((r) => setTimeout(r, 100));
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
