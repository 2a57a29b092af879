/**
 * A tiny vector scene (paths, rectangles, text) in pixel-like units with y pointing down: what
 * the charts (charts.ts) and the report map (map-scene.ts) draw, rendered to an SVG string here
 * and to PDF pages by pdf.ts, so the app, the HTML report and the PDF show the same drawing.
 */

/** A colour as #rrggbb. */
export type Colour = `#${string}`;

export type Shape =
  | {
      readonly kind: 'path';
      /** Subpaths as flat [x0, y0, x1, y1, ...]. */
      readonly parts: readonly (readonly number[])[];
      readonly closed: boolean;
      readonly fill?: Colour;
      readonly fillOpacity?: number;
      readonly stroke?: Colour;
      readonly strokeOpacity?: number;
      readonly width?: number;
      readonly dash?: readonly number[];
      /** Round joins and caps (used to draw buffer rings as widened outlines). */
      readonly round?: boolean;
    }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill?: Colour; readonly fillOpacity?: number; readonly stroke?: Colour; readonly width?: number }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly anchor?: 'start' | 'middle' | 'end';
      readonly colour?: Colour;
      readonly bold?: boolean;
      /** Degrees counter-clockwise (90 = reading upwards). */
      readonly rotate?: number;
    };

/** A drawing of `width` x `height` units; `title` is its accessible name. */
export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly shapes: readonly Shape[];
}

const n = (v: number) => (Math.abs(v) < 1e-9 ? '0' : String(Math.round(v * 100) / 100));

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function pathData(parts: readonly (readonly number[])[], closed: boolean): string {
  return parts
    .filter((p) => p.length >= 4)
    .map((p) => {
      let d = `M${n(p[0]!)} ${n(p[1]!)}`;
      for (let i = 2; i < p.length; i += 2) d += `L${n(p[i]!)} ${n(p[i + 1]!)}`;
      return closed ? `${d}Z` : d;
    })
    .join('');
}

/** An SVG path `d` string of the shape's parts (shared with the PDF renderer). */
export function toPathData(shape: Extract<Shape, { kind: 'path' }>): string {
  return pathData(shape.parts, shape.closed);
}

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case 'path': {
      const d = pathData(s.parts, s.closed);
      if (!d) return '';
      const attrs = [
        `d="${d}"`,
        `fill="${s.fill ?? 'none'}"`,
        s.fillOpacity !== undefined ? `fill-opacity="${s.fillOpacity}"` : '',
        s.stroke ? `stroke="${s.stroke}" stroke-width="${n(s.width ?? 1)}"` : '',
        s.strokeOpacity !== undefined ? `stroke-opacity="${s.strokeOpacity}"` : '',
        s.dash ? `stroke-dasharray="${s.dash.map(n).join(' ')}"` : '',
        s.round ? 'stroke-linejoin="round" stroke-linecap="round"' : '',
        s.fill && s.closed ? 'fill-rule="evenodd"' : '',
      ];
      return `<path ${attrs.filter(Boolean).join(' ')}/>`;
    }
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill ?? 'none'}"${s.fillOpacity !== undefined ? ` fill-opacity="${s.fillOpacity}"` : ''}${s.stroke ? ` stroke="${s.stroke}" stroke-width="${n(s.width ?? 1)}"` : ''}/>`;
    case 'text': {
      const anchor = s.anchor && s.anchor !== 'start' ? ` text-anchor="${s.anchor}"` : '';
      const rot = s.rotate ? ` transform="rotate(${n(-s.rotate)} ${n(s.x)} ${n(s.y)})"` : '';
      return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}"${anchor}${s.bold ? ' font-weight="bold"' : ''} fill="${s.colour ?? '#222222'}"${rot}>${escapeXml(s.text)}</text>`;
    }
  }
}

/**
 * The scene as a standalone SVG document string (DejaVu Sans, then any sans-serif). With
 * `inline` the xmlns declaration is left out: inside HTML the parser puts <svg> in the SVG
 * namespace anyway, and the report then carries no URL at all.
 */
export function sceneToSvg(scene: Scene, options: { inline?: boolean } = {}): string {
  const ns = options.inline ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  const body = scene.shapes.map(shapeSvg).join('');
  return `<svg${ns} width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" role="img" aria-label="${escapeXml(scene.title)}" font-family="DejaVu Sans, sans-serif"><title>${escapeXml(scene.title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`;
}
