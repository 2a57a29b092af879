import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { bandOf, checkBandEdges, formatBandLabels, nrcKnoxBands } from '../../../../shared/domain/stats/knox-bands';

describe('Knox bands', () => {
  it('bands are half-open [a, b); outside all bands is -1', () => {
    const edges = [0, 100, 200, Infinity];
    expect([0, 99.999, 100, 199, 200, 1e9].map((d) => bandOf(edges, d))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(bandOf([50, 100], 49.9)).toBe(-1);
    expect(bandOf([50, 100], 100)).toBe(-1);
    expect(formatBandLabels(edges)).toEqual(['[0, 100)', '[100, 200)', '[200, inf)']);
    expect(checkBandEdges('b', [0, 5, 5])).toMatchObject({ name: 'b' });
    expect(checkBandEdges('b', [0, 5, Infinity])).toBeUndefined();
  });

  it("builds the NRC's band edges and shows both honest and NRC labels", () => {
    const b = unwrap(nrcKnoxBands({ spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 }));
    expect(b.spaceBands).toEqual([0, 1, 100, 200, 300, Infinity]);
    expect(b.timeBands).toEqual([0, 7, 14, 21, Infinity]);
    expect(b.nrcSpaceLabels).toEqual(['Same location', '1 to 100', '101 to 200', '201 to 300', 'More than 300']);
    expect(b.nrcTimeLabels).toEqual(['0 to 7', '8 to 14', '15 to 21', 'More than 21']);
    expect(b.spaceLabels).toEqual(['[0, 1)', '[1, 100)', '[100, 200)', '[200, 300)', '[300, inf)']);
  });
});
