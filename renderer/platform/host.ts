import type { HostApi } from '../../shared/contract/host-api';
import { createBrowserHost } from './browser-host';
import { createElectronHost, findElectronBridge } from './electron-host';

/** The host this renderer runs in: Electron when the preload bridge is present, else the browser. */
export function detectHost(): HostApi {
  const bridge = findElectronBridge();
  return bridge ? createElectronHost(bridge) : createBrowserHost();
}
