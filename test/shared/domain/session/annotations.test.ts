import { describe, expect, it } from 'vitest';
import { annotationBounds, createAnnotation, parseAnnotations, toAnnotationsGeoJson, updateAnnotation } from '../../../../shared/domain/session/annotations';

const AT = '2024-05-01T14:03:00.000Z';
const pin = createAnnotation({ kind: 'pin', author: ' Dana ', text: 'Corner store', coordinates: [[-97.5, 32.9]], at: AT })!;
const sketch = createAnnotation({ kind: 'sketch', author: '', text: '', coordinates: [[-97.5, 32.9], [-97.49, 32.91]], at: AT }, [pin])!;

describe('annotations', () => {
  it('creates valid annotations with a trimmed author, default "analyst" and unique ids', () => {
    expect(pin).toMatchObject({ kind: 'pin', author: 'Dana', at: AT, hidden: false });
    expect(sketch.author).toBe('analyst');
    expect(sketch.id).not.toBe(pin.id);
  });

  it('refuses coordinates that do not fit the kind or the lon/lat range', () => {
    expect(createAnnotation({ kind: 'sketch', author: 'a', text: '', coordinates: [[0, 0]] })).toBeNull();
    expect(createAnnotation({ kind: 'pin', author: 'a', text: '', coordinates: [[0, 0], [1, 1]] })).toBeNull();
    expect(createAnnotation({ kind: 'note', author: 'a', text: '', coordinates: [[200, 0]] })).toBeNull();
  });

  it('parses a saved document, dropping and counting damaged entries', () => {
    const saved = JSON.parse(JSON.stringify([pin, { ...sketch, coordinates: [[0, 95]] }, 'junk', sketch]));
    const { annotations, dropped } = parseAnnotations(saved);
    expect(annotations.map((a) => a.id)).toEqual([pin.id, sketch.id]);
    expect(dropped).toBe(2);
    expect(parseAnnotations(undefined)).toEqual({ annotations: [], dropped: 0 });
    expect(parseAnnotations({ not: 'a list' })).toEqual({ annotations: [], dropped: 1 });
  });

  it('updates text and visibility only, and returns the same list for a no-op', () => {
    const list = [pin, sketch];
    expect(updateAnnotation(list, pin.id, { text: 'Corner store' })).toBe(list);
    expect(updateAnnotation(list, 'nope', { hidden: true })).toBe(list);
    const next = updateAnnotation(list, pin.id, { hidden: true, text: 'Closed' });
    expect(next[0]).toMatchObject({ id: pin.id, hidden: true, text: 'Closed', author: 'Dana', at: AT });
    expect(next[1]).toBe(sketch);
  });

  it('exports visible annotations as GeoJSON points and lines', () => {
    const hidden = { ...sketch, hidden: true };
    expect(toAnnotationsGeoJson([pin, hidden]).features.map((f) => f.geometry.type)).toEqual(['Point']);
    const all = toAnnotationsGeoJson([pin, hidden], true);
    expect(all.features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [[-97.5, 32.9], [-97.49, 32.91]] });
    expect(all.features[0]!.properties).toEqual({ id: pin.id, kind: 'pin', author: 'Dana', at: AT, text: 'Corner store', hidden: false });
    expect(annotationBounds(sketch)).toEqual([-97.5, 32.9, -97.49, 32.91]);
  });
});
