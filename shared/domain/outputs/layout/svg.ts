/**
 * Scene -> SVG document in page millimetres (the on-screen preview, and the PNG after
 * rasterizing). Text uses the family "DejaVu Sans"; pass the fonts to embed them as @font-face
 * data URLs when the SVG is drawn where the fonts are not installed (a browser canvas).
 */
import { escapeXml, fmt, toBase64 } from './encode';
import type { Scene, SceneItem } from './scene';
import type { LayoutFonts } from './text-metrics';
import { MM_PER_PT } from './text-metrics';

/** The font family every text of the page uses. */
export const FONT_FAMILY = 'DejaVu Sans';

function paint(fill: string | null, stroke: string | null, strokeWidth = 0.2, fillOpacity?: number): string {
  return `fill="${fill ?? 'none'}"${fillOpacity !== undefined && fill ? ` fill-opacity="${fmt(fillOpacity)}"` : ''}${stroke ? ` stroke="${stroke}" stroke-width="${fmt(strokeWidth)}"` : ''}`;
}

let clipSeq = 0;

function item(i: SceneItem): string {
  switch (i.kind) {
    case 'rect':
      return `<rect x="${fmt(i.x)}" y="${fmt(i.y)}" width="${fmt(i.w)}" height="${fmt(i.h)}" ${paint(i.fill, i.stroke, i.strokeWidth, i.fillOpacity)}/>`;
    case 'path':
      return `<path d="${i.d}" ${paint(i.fill, i.stroke, i.strokeWidth, i.fillOpacity)}${i.dash ? ` stroke-dasharray="${i.dash.join(' ')}"` : ''} stroke-linejoin="round"/>`;
    case 'circle':
      return `<circle cx="${fmt(i.cx)}" cy="${fmt(i.cy)}" r="${fmt(i.r)}" ${paint(i.fill, i.stroke, i.strokeWidth)}/>`;
    case 'text':
      return `<text x="${fmt(i.x)}" y="${fmt(i.y)}" font-size="${Math.round(i.size * MM_PER_PT * 1000) / 1000}"${i.bold ? ' font-weight="bold"' : ''} fill="${i.color}" data-role="${i.role}" xml:space="preserve">${escapeXml(i.text)}</text>`;
    case 'image':
      return `<image x="${fmt(i.x)}" y="${fmt(i.y)}" width="${fmt(i.w)}" height="${fmt(i.h)}" preserveAspectRatio="xMidYMid meet" href="data:${i.mediaType};base64,${i.base64}"/>`;
    case 'map': {
      const id = `frame-${i.role}-${++clipSeq}`;
      return (
        `<g data-role="map-${i.role}"><clipPath id="${id}"><rect x="${fmt(i.x)}" y="${fmt(i.y)}" width="${fmt(i.w)}" height="${fmt(i.h)}"/></clipPath>` +
        `<g clip-path="url(#${id})"><g transform="translate(${fmt(i.x)} ${fmt(i.y)})">${i.content}</g></g>` +
        `<rect x="${fmt(i.x)}" y="${fmt(i.y)}" width="${fmt(i.w)}" height="${fmt(i.h)}" fill="none" stroke="#1a1a1a" stroke-width="${fmt(i.border)}"/></g>`
      );
    }
  }
}

/** Options of the SVG writer. */
export interface SvgOptions {
  /** Embed the fonts (base64 @font-face): needed when a browser rasterizes the SVG as an image. */
  readonly embedFonts?: LayoutFonts;
}

/** The page as a standalone SVG document: width/height in mm, viewBox in mm. */
export function sceneToSvg(scene: Scene, options: SvgOptions = {}): string {
  const f = options.embedFonts;
  const style = f
    ? `<style>@font-face{font-family:"${FONT_FAMILY}";font-weight:normal;src:url(data:font/ttf;base64,${toBase64(f.regular)}) format("truetype")}@font-face{font-family:"${FONT_FAMILY}";font-weight:bold;src:url(data:font/ttf;base64,${toBase64(f.bold)}) format("truetype")}</style>`
    : '';
  const w = fmt(scene.widthMm);
  const h = fmt(scene.heightMm);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}" font-family="${FONT_FAMILY}">` +
    style +
    scene.items.map(item).join('') +
    `</svg>`
  );
}
