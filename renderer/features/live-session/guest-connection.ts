import { LIVE_SOCKET_PATH, LIVE_SUBPROTOCOL, parseGuestInbound, type GuestInbound, type GuestMessage } from '../../../shared/domain/session/live-protocol';

/** An open connection from a guest's page to the session server. */
export interface GuestConnection {
  send(message: GuestMessage): void;
  close(): void;
}

/**
 * Connects to the session server this page came from (same origin: the page's `https:` becomes
 * `wss:`; the CSP's `connect-src 'self'` allows exactly that), sends the join message, and hands
 * every valid message to `onMessage`. Invalid messages are dropped (and counted in
 * `document.body.dataset.liveDropped`). `onClose` gets the close code and reason.
 */
export function connectLiveGuest(join: { code: string; name: string }, onMessage: (m: GuestInbound) => void, onClose: (code: number, reason: string) => void): GuestConnection {
  const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${LIVE_SOCKET_PATH}`, LIVE_SUBPROTOCOL);
  let dropped = 0;
  socket.onopen = () => socket.send(JSON.stringify({ type: 'join', code: join.code, name: join.name } satisfies GuestMessage));
  socket.onmessage = (e: MessageEvent) => {
    let value: unknown;
    try {
      value = JSON.parse(String(e.data));
    } catch {
      value = null;
    }
    const parsed = parseGuestInbound(value);
    if (parsed.ok) onMessage(parsed.value);
    else document.body.dataset.liveDropped = String(++dropped);
  };
  socket.onclose = (e: CloseEvent) => onClose(e.code, e.reason);
  return {
    send(message) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    close() {
      socket.close(1000, 'guest left');
    },
  };
}
