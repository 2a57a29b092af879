import { err } from '../../shared/base/result';
import { HOST_BRIDGE_GLOBAL, HOST_METHODS, type HostApi } from '../../shared/contract/host-api';

/**
 * The host inside Electron: each method forwards to the preload bridge (`window.spiHost`), which
 * invokes the main process over IPC. Main validates the sender and arguments and always answers
 * with a Result; a rejected invoke (main gone, channel missing) becomes an `internal` error too.
 */
export function createElectronHost(bridge: Record<string, (...args: unknown[]) => Promise<unknown>>): HostApi {
  const host = {} as Record<string, unknown>;
  for (const method of HOST_METHODS) {
    host[method] = async (...args: unknown[]) => {
      try {
        return await bridge[method]!(...args);
      } catch (e) {
        return err({ kind: 'internal', message: `${method}: ${e instanceof Error ? e.message : String(e)}` });
      }
    };
  }
  return host as unknown as HostApi;
}

/** The preload bridge when running in Electron, else null. */
export function findElectronBridge(): Record<string, (...args: unknown[]) => Promise<unknown>> | null {
  const bridge = (globalThis as Record<string, unknown>)[HOST_BRIDGE_GLOBAL];
  return bridge && typeof bridge === 'object' ? (bridge as Record<string, (...args: unknown[]) => Promise<unknown>>) : null;
}
