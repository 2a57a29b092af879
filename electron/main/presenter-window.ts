/**
 * The one pop-up the workbench may open: its presenter window (docs/sessions.md), the same app
 * page with `?presenter=<id>`. Pure, so a test can pin exactly what is allowed; everything else
 * stays denied. Type-only import of 'electron'.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './security-policy';

const PRESENTER_URL = /^\/(?:index\.html)?\?presenter=[A-Za-z0-9-]{1,64}$/;

/** True for `app://workbench/index.html?presenter=<id>` (or `/?presenter=<id>`) and nothing else. */
export function isPresenterUrl(url: string): boolean {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  return PRESENTER_URL.test(url.slice(APP_ORIGIN.length));
}

/**
 * The window-open decision for `url`: the presenter page opens in a window built from the
 * workbench's hardened options (`base`: same sandbox, isolation, no Node), shown at once and
 * titled "Presenter"; anything else is denied.
 */
export function presenterWindowOpen(url: string, base: BrowserWindowConstructorOptions):
  | { action: 'deny' }
  | { action: 'allow'; overrideBrowserWindowOptions: BrowserWindowConstructorOptions } {
  if (!isPresenterUrl(url)) return { action: 'deny' };
  return { action: 'allow', overrideBrowserWindowOptions: { ...base, title: 'Presenter — SPI Workbench', show: true, backgroundColor: '#f4f3ef' } };
}
