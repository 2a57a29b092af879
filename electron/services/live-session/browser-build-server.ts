/**
 * The browser build's server with live sessions: the static server of dist/renderer on 127.0.0.1
 * (electron/tools/static-server.mjs) plus the loopback-only live-session control endpoint
 * (./control-endpoint.ts). Used by `npm run serve` and the live-session e2e test.
 */
// @ts-expect-error: plain ESM tool without types, shared with the other e2e tests.
import { startStaticServer } from '../../tools/static-server.mjs';
import { createLiveControlHandler } from './control-endpoint';
import { createLiveSessionHost, type LiveHostDeps } from './live-host';

/** A running browser-build server. */
export interface BrowserBuildServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1:`port` (0: any free port) with the live-session control endpoint. */
export async function startBrowserBuildServer(root: string, port = 0, live: Omit<LiveHostDeps, 'rendererRoot'> = {}): Promise<BrowserBuildServer> {
  const api = createLiveSessionHost({ ...live, rendererRoot: root });
  let origin = '';
  const handle = createLiveControlHandler(api, () => origin);
  const server = (await startStaticServer(root, port, { handle })) as BrowserBuildServer;
  origin = new URL(server.url).origin;
  return {
    url: server.url,
    async close() {
      await api.close();
      await server.close();
    },
  };
}
