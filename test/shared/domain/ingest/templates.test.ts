import { describe, expect, it } from 'vitest';
import { deleteTemplate, EMPTY_TEMPLATE_STORE, findTemplates, headerSignature, parseTemplateStore, saveTemplate } from '../../../../shared/domain/ingest/templates';

const mapping = { version: 1 as const, kind: 'incidents' as const, roles: { case_id: 'Case No' }, dateOrder: 'mdy' as const };

describe('mapping templates', () => {
  it('sign a header regardless of case and padding, but not of order or names', () => {
    expect(headerSignature(['Case No', 'Date'])).toBe(headerSignature([' case no ', 'DATE']));
    expect(headerSignature(['Case No', 'Date'])).not.toBe(headerSignature(['Date', 'Case No']));
    expect(headerSignature(['a', 'b'])).toMatch(/^2:[0-9a-f]{8}$/);
  });

  it('are offered again for the same header, newest first, and replaced by name', () => {
    let store = saveTemplate(EMPTY_TEMPLATE_STORE, 'Monthly RMS', ['Case No', 'Date'], mapping, '2024-01-01T00:00:00Z');
    store = saveTemplate(store, 'Other', ['X'], mapping, '2024-01-02T00:00:00Z');
    store = saveTemplate(store, 'Monthly RMS v2', ['CASE NO', 'date'], mapping, '2024-02-01T00:00:00Z');
    expect(findTemplates(store, ['Case No', 'Date']).map((t) => t.name)).toEqual(['Monthly RMS v2', 'Monthly RMS']);
    store = saveTemplate(store, 'Monthly RMS', ['Case No', 'Date'], mapping, '2024-03-01T00:00:00Z');
    expect(store.templates.filter((t) => t.name === 'Monthly RMS')).toHaveLength(1);
    expect(findTemplates(deleteTemplate(store, 'Monthly RMS v2'), ['Case No', 'Date']).map((t) => t.name)).toEqual(['Monthly RMS']);
  });

  it('round trip through JSON with validation', () => {
    const store = saveTemplate(EMPTY_TEMPLATE_STORE, 'T', ['a'], mapping, '2024-01-01T00:00:00Z');
    const back = parseTemplateStore(JSON.stringify(store), 'templates.json');
    expect(back.ok && back.value).toEqual(store);
    expect(parseTemplateStore('{"version":2}', 'templates.json').ok).toBe(false);
  });
});
