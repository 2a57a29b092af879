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
      clusters: { radius: 60 },
      heat: { radius: 30, intensity: 1 },
      choropleth: { layer: null, rate: 'km2', classing: 'quantile', classes: 5 },
      opacity: DEFAULT_LAYER_SETTINGS.opacity,
      timeBucket: 'month',
    });
    expect(parseLayerSettings({ kind: 'hexbins' }).kind).toBe('points');
    expect(parseLayerSettings({ kind: 'grid', grid: { cell: 100, statistic: 'gistar', band: 300, fdr: true } }).grid).toMatchObject({ statistic: 'gistar', band: 300, fdr: true });
    expect(parseLayerSettings({ grid: { cell: 100, statistic: 'lisa' } }).grid).toMatchObject({ statistic: 'count', band: 200 });
  });

  it('reads the clustered, heat map and choropleth settings, and gives old documents their defaults', () => {
    const old = parseLayerSettings({ kind: 'grid', kde: {}, grid: { cell: 100 }, opacity: 0.5, timeBucket: 'week' });
    expect(old.clusters).toEqual(DEFAULT_LAYER_SETTINGS.clusters);
    expect(old.heat).toEqual(DEFAULT_LAYER_SETTINGS.heat);
    expect(old.choropleth).toEqual(DEFAULT_LAYER_SETTINGS.choropleth);
    const p = parseLayerSettings({
      kind: 'choropleth',
      clusters: { radius: 80 },
      heat: { radius: 45, intensity: 2.5 },
      choropleth: { layer: 'beats', rate: 'per:population:1000', classing: 'equal', classes: 4 },
    });
    expect(p).toMatchObject({ kind: 'choropleth', clusters: { radius: 80 }, heat: { radius: 45, intensity: 2.5 }, choropleth: { layer: 'beats', rate: 'per:population:1000', classing: 'equal', classes: 4 } });
    for (const kind of ['clusters', 'heat', 'choropleth'] as const) expect(parseLayerSettings({ kind }).kind).toBe(kind);
    const bad = parseLayerSettings({ clusters: { radius: 1 }, heat: { radius: 'x', intensity: 50 }, choropleth: { layer: '', rate: 'per:', classing: 'magic', classes: 1 } });
    expect(bad.clusters).toEqual({ radius: 60 });
    expect(bad.heat).toEqual({ radius: 30, intensity: 1 });
    expect(bad.choropleth).toEqual({ layer: null, rate: 'km2', classing: 'quantile', classes: 5 });
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
