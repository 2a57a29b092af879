/**
 * A Node WebSocket client for the live-session tests: connects to the session server with the
 * certificate pinned by its SHA-256 fingerprint (checked on the TLS socket before anything is
 * sent), and records every message it receives.
 */
import { WebSocket } from 'ws';
import { sessionUrl } from '../../../../electron/services/live-session/urls';
import { LIVE_SOCKET_PATH, LIVE_SUBPROTOCOL } from '../../../../shared/domain/session/live-protocol';

export interface TestGuest {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  /** Resolves with the first received message (already received or future) matching `pred`. */
  next(pred: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  send(m: unknown): void;
}

/**
 * Opens the session socket (`/live` on the session origin, WSS) with Origin set to the session origin. Rejects when the
 * server's certificate fingerprint is not `fingerprint`.
 */
export function connectPinned(address: string, port: number, fingerprint: string, origin = sessionUrl('https', address, port).origin): Promise<TestGuest> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(sessionUrl('wss', address, port, LIVE_SOCKET_PATH), LIVE_SUBPROTOCOL, { rejectUnauthorized: false, origin });
    const messages: Record<string, unknown>[] = [];
    const listeners = new Set<() => void>();
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const l of [...listeners]) l();
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.on('upgrade', (res) => {
      const seen = (res.socket as unknown as { getPeerCertificate(): { fingerprint256: string } }).getPeerCertificate().fingerprint256;
      if (seen !== fingerprint) {
        socket.terminate();
        reject(new Error(`certificate fingerprint ${seen} is not the pinned ${fingerprint}`));
      }
    });
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        closed,
        send: (m) => socket.send(JSON.stringify(m)),
        next(pred, timeoutMs = 5000) {
          return new Promise((res, rej) => {
            const check = () => {
              const found = messages.find(pred);
              if (!found) return false;
              listeners.delete(check);
              clearTimeout(timer);
              res(found);
              return true;
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              rej(new Error(`no matching message in ${timeoutMs} ms; got ${messages.map((m) => m.type).join(', ')}`));
            }, timeoutMs);
            if (!check()) listeners.add(check);
          });
        },
      }),
    );
    socket.on('error', reject);
  });
}
