import { describe, expect, it } from 'vitest';
import { isPresenterUrl, presenterWindowOpen } from '../../../electron/main/presenter-window';
import { buildWindowOptions } from '../../../electron/main/window-options';

describe('presenter window pop-up', () => {
  it('allows only the app page with ?presenter=<id>', () => {
    expect(isPresenterUrl('app://workbench/index.html?presenter=ab12cd34')).toBe(true);
    expect(isPresenterUrl('app://workbench/?presenter=ab12cd34')).toBe(true);
    for (const url of [
      'https://example.org/?presenter=ab12',
      'app://workbench/index.html',
      'app://workbench/index.html?presenter=ab12&x=1',
      'app://workbench/other.html?presenter=ab12',
      'app://workbench.evil/index.html?presenter=ab12',
      'app://workbench/index.html?presenter=<script>',
    ]) expect(isPresenterUrl(url), url).toBe(false);
  });

  it('opens it with the hardened workbench options, shown, and denies everything else', () => {
    const base = buildWindowOptions('/abs/preload.cjs');
    const allowed = presenterWindowOpen('app://workbench/index.html?presenter=x1', base);
    expect(allowed.action).toBe('allow');
    if (allowed.action === 'allow') {
      expect(allowed.overrideBrowserWindowOptions.webPreferences).toEqual(base.webPreferences);
      expect(allowed.overrideBrowserWindowOptions.show).toBe(true);
    }
    expect(presenterWindowOpen('https://example.org', base)).toEqual({ action: 'deny' });
  });
});
