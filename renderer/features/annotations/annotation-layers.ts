import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Annotation } from '../../../shared/domain/session/annotations';

/** Pin and sketch colour: a strong pink that no offense group or density ramp uses. */
export const ANNOTATION_COLOR: [number, number, number] = [225, 0, 120];
/** Note background: a sticky-note yellow. */
export const NOTE_COLOR: [number, number, number] = [255, 236, 120];

type Rgba = [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [40, 34, 20, 255];

/** What to shorten a note or pin label to on the map (the list shows the whole text). */
function mapText(a: Annotation, max = 120): string {
  const t = a.text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The deck.gl layers of the visible annotations: sketches as 4 px paths, pins as 9 px dots with a
 * white ring, notes as yellow text boxes, pin labels in dark text beside the pin. Hidden
 * annotations are skipped. `scale` enlarges everything (the presenter window uses 1.6).
 * `selectedId` draws that annotation with a thicker ring. Ids are stable for deck.gl's diffing.
 */
export function buildAnnotationLayers(list: readonly Annotation[], options: { selectedId?: string | null; scale?: number; idPrefix?: string } = {}) {
  const scale = options.scale ?? 1;
  const p = options.idPrefix ?? 'annotation';
  const shown = list.filter((a) => !a.hidden);
  const pins = shown.filter((a) => a.kind === 'pin');
  const sketches = shown.filter((a) => a.kind === 'sketch');
  const notes = shown.filter((a) => a.kind === 'note' || (a.kind === 'pin' && a.text.trim() !== ''));
  const sel = options.selectedId ?? null;
  return [
    new PathLayer<Annotation>({
      id: `${p}-sketches`,
      data: sketches,
      getPath: (a) => a.coordinates as [number, number][],
      getColor: [...ANNOTATION_COLOR, 235],
      getWidth: (a) => (a.id === sel ? 7 : 4) * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getWidth: [sel, scale] },
    }),
    new ScatterplotLayer<Annotation>({
      id: `${p}-pins`,
      data: pins,
      getPosition: (a) => a.coordinates[0] as [number, number],
      getFillColor: [...ANNOTATION_COLOR, 255],
      getLineColor: WHITE,
      getRadius: 9 * scale,
      getLineWidth: (a) => (a.id === sel ? 4 : 2) * scale,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      stroked: true,
      updateTriggers: { getLineWidth: [sel, scale] },
    }),
    new TextLayer<Annotation>({
      id: `${p}-notes`,
      data: notes,
      getText: (a) => mapText(a),
      getPosition: (a) => a.coordinates[0] as [number, number],
      getSize: 13 * scale,
      getColor: INK,
      getPixelOffset: (a) => (a.kind === 'pin' ? [14 * scale, 0] : [0, 0]),
      getTextAnchor: (a) => (a.kind === 'pin' ? 'start' : 'middle'),
      getAlignmentBaseline: 'center',
      background: true,
      getBackgroundColor: (a) => (a.kind === 'note' ? [...NOTE_COLOR, 245] : [255, 255, 255, 215]),
      getBorderColor: (a) => (a.id === sel ? [...ANNOTATION_COLOR, 255] : [120, 100, 40, 200]),
      getBorderWidth: (a) => (a.id === sel ? 2 : 1),
      backgroundPadding: [6 * scale, 4 * scale],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 600,
      characterSet: 'auto',
      wordBreak: 'break-word',
      maxWidth: 18,
      updateTriggers: { getBorderColor: sel, getBorderWidth: sel, getSize: scale, getPixelOffset: scale },
    }),
  ];
}

/** The sketch being drawn: a thin path through the clicked vertices and a dot on each. */
export function buildDraftLayers(vertices: readonly [number, number][]) {
  if (vertices.length === 0) return [];
  return [
    new PathLayer<[number, number][]>({
      id: 'annotation-draft-path',
      data: vertices.length > 1 ? [vertices as [number, number][]] : [],
      getPath: (d) => d,
      getColor: [...ANNOTATION_COLOR, 160],
      getWidth: 3,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<[number, number]>({
      id: 'annotation-draft-vertices',
      data: vertices as [number, number][],
      getPosition: (d) => d,
      getFillColor: WHITE,
      getLineColor: [...ANNOTATION_COLOR, 255],
      getRadius: 4,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}
