/**
 * A page as a flat list of drawing primitives in page millimetres (origin top-left, y down):
 * the one description both writers (layout/svg.ts, layout/pdf.ts) draw, so the preview, the PNG
 * and the PDF agree. Text is placed by its left edge and baseline (already aligned with the
 * shipped fonts' metrics); map frames carry their own SVG content.
 */

/** One primitive. Colours are `#rrggbb`; widths in millimetres; text sizes in points. */
export type SceneItem =
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill: string | null; readonly fillOpacity?: number; readonly stroke: string | null; readonly strokeWidth?: number }
  | {
      readonly kind: 'path';
      /** Absolute M/L/Z commands only, millimetres. */
      readonly d: string;
      readonly fill: string | null;
      readonly fillOpacity?: number;
      readonly stroke: string | null;
      readonly strokeWidth?: number;
      readonly dash?: readonly number[];
    }
  | { readonly kind: 'circle'; readonly cx: number; readonly cy: number; readonly r: number; readonly fill: string; readonly stroke: string | null; readonly strokeWidth?: number }
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly size: number; readonly bold: boolean; readonly color: string; readonly role: string }
  | { readonly kind: 'image'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly mediaType: 'image/png' | 'image/jpeg'; readonly base64: string }
  | {
      readonly kind: 'map';
      readonly role: 'main' | 'inset';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      /** SVG content in frame millimetres (0..w, 0..h). */
      readonly content: string;
      readonly border: number;
    };

/** A page: its size in millimetres and what is drawn on it, in order. */
export interface Scene {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly items: readonly SceneItem[];
}
