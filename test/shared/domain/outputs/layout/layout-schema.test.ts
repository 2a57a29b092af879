import { describe, expect, it } from 'vitest';
import { arrangeLayout, createDefaultLayout, DEFAULT_BANNER } from '../../../../../shared/domain/outputs/layout/defaults';
import { PAGE_SIZES, pageSizeMm, parseLayout, toTemplateJson, type Layout } from '../../../../../shared/domain/outputs/layout/layout-schema';

function inside(l: Layout, name: string, b: { x: number; y: number; w: number; h: number }) {
  const { width, height } = pageSizeMm(l.page);
  const m = l.page.margin;
  expect(b.x, name).toBeGreaterThanOrEqual(m - 1e-6);
  expect(b.y, name).toBeGreaterThanOrEqual(m - 1e-6);
  expect(b.x + b.w, name).toBeLessThanOrEqual(width - m + 1e-6);
  expect(b.y + b.h, name).toBeLessThanOrEqual(height - m + 1e-6);
}

describe('layout document', () => {
  it('default layout: banner on, Letter landscape, valid against the schema', () => {
    const l = createDefaultLayout({ title: 'Robbery, Q1' });
    expect(l.banner).toMatchObject({ visible: true, text: DEFAULT_BANNER });
    expect(l.page).toEqual({ size: 'Letter', orientation: 'landscape', margin: 10 });
    const p = parseLayout(l, 'x');
    expect(p.ok && p.value.title.text).toBe('Robbery, Q1');
  });

  it('arranges every element inside the margins for every page size and orientation', () => {
    for (const size of Object.keys(PAGE_SIZES) as (keyof typeof PAGE_SIZES)[]) {
      for (const orientation of ['portrait', 'landscape'] as const) {
        const l = arrangeLayout({ ...createDefaultLayout(), page: { size, orientation, margin: 12 }, textBoxes: [{ visible: true, box: { x: 0, y: 0, w: 0, h: 0 }, text: 'Note', size: 8 }] });
        for (const k of ['map', 'title', 'subtitle', 'dateRange', 'legend', 'scaleBar', 'northArrow', 'inset', 'logo', 'author', 'sourceNote', 'banner', 'privacy'] as const) inside(l, `${size} ${orientation} ${k}`, l[k].box);
        inside(l, 'text box', l.textBoxes[0]!.box);
        expect(l.map.box.w * l.map.box.h).toBeGreaterThan(0.3 * pageSizeMm(l.page).width * pageSizeMm(l.page).height);
      }
    }
  });

  it('round-trips through a template file and refuses a damaged one naming the field', () => {
    const l = createDefaultLayout({ name: 'weekly' });
    const back = parseLayout(JSON.parse(toTemplateJson(l)), 'weekly.spilayout.json');
    expect(back.ok && back.value).toEqual(l);
    const bad = parseLayout({ ...l, page: { ...l.page, size: 'B5' } }, 'layouts/weekly');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ kind: 'file-format', path: 'layouts/weekly' });
    if (!bad.ok && bad.error.kind === 'file-format') expect(bad.error.reason).toContain('page.size');
  });
});
