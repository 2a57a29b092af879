/**
 * Preload: exposes the host contract on `window.spiHost`, one function per method, and nothing
 * else. It runs sandboxed, so it is bundled into one CommonJS file that requires only 'electron';
 * it imports the zod-free channel list, never the schemas (validation happens in main).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_BRIDGE_GLOBAL, HOST_METHODS, hostChannel, LIVE_BRIDGE_GLOBAL, LIVE_METHODS, liveChannel, type HostMethod } from '../../shared/contract/channels';

/** One function per method; arguments go through untouched (main validates them). */
const bridge: Record<HostMethod, (...args: unknown[]) => Promise<unknown>> = Object.fromEntries(
  HOST_METHODS.map((method) => {
    const channel = hostChannel(method);
    // A fresh arrow per method: the renderer never sees ipcRenderer or the IPC event.
    return [method, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)];
  }),
) as Record<HostMethod, (...args: unknown[]) => Promise<unknown>>;

contextBridge.exposeInMainWorld(HOST_BRIDGE_GLOBAL, Object.freeze(bridge));

// Live sessions across the LAN (shared/contract/live-session-api.ts): the same shape, own channels.
const liveBridge = Object.fromEntries(
  LIVE_METHODS.map((method) => {
    const channel = liveChannel(method);
    return [method, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)];
  }),
);
contextBridge.exposeInMainWorld(LIVE_BRIDGE_GLOBAL, Object.freeze(liveBridge));
