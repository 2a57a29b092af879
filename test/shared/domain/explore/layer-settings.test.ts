import { describe, expect, it } from 'vitest';
import { classColors, rampColor, VIRIDIS } from '../../../../shared/domain/explore/classing';
import { DEFAULT_LAYER_SETTINGS, parseLayerSettings } from '../../../../shared/domain/explore/layer-settings';

describe('layer settings and the colour ramp', () => {
  it('reads saved settings, replacing odd fields by defaults', () => {
    expect(parseLayerSettings(undefined)).toBe(DEFAULT_LAYER_SETTINGS);
    const p = parseLayerSettings({
      kind: 'kde',
      kde: { kernel: 'gaussian', radius: 400, cell: -5, classing: 'jenks', classes: 12 },
      grid: { shape: 'hex-pointy', cell: 'big' },
      opacity: 3,
      timeBucket: 'month',
    });
    expect(p).toEqual({
      kind: 'kde',
      kde: { kernel: 'gaussian', radius: 400, cell: null, classing: 'jenks', classes: 5 },
      grid: { shape: 'hex-pointy', cell: 250, classing: 'quantile', classes: 5, statistic: 'count', band: 500, fdr: false },
      opacity: DEFAULT_LAYER_SETTINGS.opacity,
      timeBucket: 'month',
    });
    expect(parseLayerSettings({ kind: 'heat' }).kind).toBe('points');
    expect(parseLayerSettings({ kind: 'grid', grid: { cell: 100, statistic: 'gistar', band: 300, fdr: true } }).grid).toMatchObject({ statistic: 'gistar', band: 300, fdr: true });
    expect(parseLayerSettings({ grid: { cell: 100, statistic: 'lisa' } }).grid).toMatchObject({ statistic: 'count', band: 200 });
  });

  it('runs from dark to bright viridis, hitting the stops', () => {
    expect(rampColor(0)).toEqual([...VIRIDIS[0]!]);
    expect(rampColor(1)).toEqual([...VIRIDIS[6]!]);
    expect(rampColor(0.5)).toEqual([...VIRIDIS[3]!]);
    expect(rampColor(Number.NaN)).toEqual([...VIRIDIS[0]!]);
    const five = classColors(5);
    expect(five.length).toBe(5);
    // Lightness rises monotonically (a proxy for greyscale print order).
    const lum = five.map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
    for (let i = 1; i < lum.length; i++) expect(lum[i]!).toBeGreaterThan(lum[i - 1]!);
  });
});
