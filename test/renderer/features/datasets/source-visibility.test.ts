import { describe, expect, it } from 'vitest';
import type { SourceWeights } from '../../../../shared/domain/explore/point-weights';
import { buildShownPointBuffers } from '../../../../renderer/features/datasets/source-points';
import { HIDDEN_SOURCES_DOC, hiddenSourceFlags, hiddenSourceIds } from '../../../../renderer/features/datasets/SourceLegend';

describe('per-source show/hide on the map', () => {
  // Five points: rows 0,1,4 from "incidents" (source 0), rows 2,3 from "calls" (source 1).
  const sources: SourceWeights = {
    byRow: Float32Array.from([1, 1, 0.25, 0.25, 1]),
    sourceByRow: Uint8Array.from([0, 0, 1, 1, 0]),
    sources: [
      { dataset: 'incidents', weight: 1, rows: 3 },
      { dataset: 'calls', weight: 0.25, rows: 2 },
    ],
  };
  const n = 5;
  const points = {
    lon: Float64Array.from({ length: n }, (_, i) => -87 + i / 100),
    lat: Float64Array.from({ length: n }, () => 41.8),
    x: new Float64Array(n),
    y: new Float64Array(n),
    group: new Uint8Array(n),
    rowId: Uint32Array.from([0, 1, 2, 3, 4]),
  };

  it('reads the hidden datasets from the document, ignoring a missing or malformed one', () => {
    expect(hiddenSourceIds({})).toEqual([]);
    expect(hiddenSourceIds({ [HIDDEN_SOURCES_DOC]: { datasets: 'calls' } })).toEqual([]);
    expect(hiddenSourceIds({ [HIDDEN_SOURCES_DOC]: { datasets: ['calls', 3] } })).toEqual(['calls']);
    expect(hiddenSourceFlags({ [HIDDEN_SOURCES_DOC]: { datasets: ['calls'] } }, sources)).toEqual([false, true]);
    expect(hiddenSourceFlags({ [HIDDEN_SOURCES_DOC]: { datasets: ['calls'] } }, null)).toBeNull();
  });

  it('leaves the hidden source points off the map buffers and keeps the others', () => {
    const all = buildShownPointBuffers(points, sources, [], null);
    expect(all.length).toBe(5);
    const noCalls = buildShownPointBuffers(points, sources, [], [false, true]);
    expect(noCalls.length).toBe(3);
    expect(Array.from(noCalls.sourceRows)).toEqual([0, 1, 4]);
    const noIncidents = buildShownPointBuffers(points, sources, [], [true, false]);
    expect(Array.from(noIncidents.sourceRows)).toEqual([2, 3]);
    expect(buildShownPointBuffers(points, sources, [], [true, true]).length).toBe(0);
  });
});
