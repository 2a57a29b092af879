/**
 * The browser side of the layout renderer: the shipped fonts (bundled assets, fetched from the
 * app itself, never a network URL) and the `Rasterize` port on a canvas (an SVG image with the
 * fonts embedded as data URLs, drawn at the requested pixel size).
 */
import regularUrl from '../../../resources/fonts/DejaVuSans.ttf?url';
import boldUrl from '../../../resources/fonts/DejaVuSans-Bold.ttf?url';
import { toBase64 } from '../../../shared/domain/outputs/layout/encode';
import type { Rasterize } from '../../../shared/domain/outputs/layout/pdf';
import { FONT_FAMILY } from '../../../shared/domain/outputs/layout/svg';
import type { LayoutFonts } from '../../../shared/domain/outputs/layout/text-metrics';

let fonts: Promise<LayoutFonts> | null = null;

/** The shipped DejaVu Sans fonts, fetched once from the app's own bundle. */
export function loadBrowserFonts(): Promise<LayoutFonts> {
  fonts ??= Promise.all([regularUrl, boldUrl].map(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()))).then(([regular, bold]) => ({ regular: regular!, bold: bold! }));
  return fonts;
}

/**
 * A canvas rasterizer: the SVG (with @font-face rules for the shipped fonts inserted, since an
 * SVG drawn as an image cannot use the page's fonts) -> PNG bytes of `width` x `height`.
 */
export function createCanvasRasterizer(f: LayoutFonts): Rasterize {
  const style = `<style>@font-face{font-family:"${FONT_FAMILY}";font-weight:normal;src:url(data:font/ttf;base64,${toBase64(f.regular)})}@font-face{font-family:"${FONT_FAMILY}";font-weight:bold;src:url(data:font/ttf;base64,${toBase64(f.bold)})}</style>`;
  return async (svg, width, height) => {
    const withFonts = svg.replace(/^(<svg[^>]*>)/, `$1${style}`);
    const url = URL.createObjectURL(new Blob([withFonts], { type: 'image/svg+xml' }));
    try {
      const img = new Image(width, height);
      img.src = url;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D canvas');
      ctx.drawImage(img, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error(`the ${width} x ${height} px image could not be encoded`);
      return new Uint8Array(await blob.arrayBuffer());
    } finally {
      URL.revokeObjectURL(url);
    }
  };
}
