import { describe, expect, it } from 'vitest';
import { addressKey, blockKey, caseKey, personKey } from '../../../../shared/domain/link/keys';
import { describeLinkRule, formatLinkRule, parseLinkRule } from '../../../../shared/domain/link/rule';

describe('link rules', () => {
  it('parses case, person and the place forms, with units', () => {
    expect(parseLinkRule('case')).toEqual({ ok: true, value: { by: 'case' } });
    expect(parseLinkRule('PERSON')).toEqual({ ok: true, value: { by: 'person' } });
    expect(parseLinkRule('place:50m,2d')).toEqual({ ok: true, value: { by: 'place', match: 'distance', metres: 50, days: 2 } });
    expect(parseLinkRule('place:0.2km,36h')).toEqual({ ok: true, value: { by: 'place', match: 'distance', metres: 200, days: 1.5 } });
    const ft = parseLinkRule('place:100ft,1d');
    expect(ft.ok && ft.value.by === 'place' && 'metres' in ft.value && ft.value.metres).toBeCloseTo(30.48, 6);
    expect(parseLinkRule('place:block,2d')).toEqual({ ok: true, value: { by: 'place', match: 'block', days: 2 } });
    expect(parseLinkRule('place:address,0d')).toEqual({ ok: true, value: { by: 'place', match: 'address', days: 0 } });
    expect(parseLinkRule('place:cell100m,7d')).toEqual({ ok: true, value: { by: 'place', match: 'cell', metres: 100, days: 7 } });
  });

  it('refuses bad rules naming the value and the accepted forms', () => {
    for (const bad of ['', 'place', 'place:50m', 'place:-5m,2d', 'place:50,2d', 'place:50m,2w', 'name', 'place:cellm,1d']) {
      const r = parseLinkRule(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-argument', name: '--by', value: bad });
    }
  });

  it('formats back to the same rule and says it in words', () => {
    for (const t of ['case', 'person', 'place:50m,2d', 'place:block,1d', 'place:cell250m,3d', 'place:address,12h']) {
      const r = parseLinkRule(t);
      expect(r.ok).toBe(true);
      if (r.ok) expect(parseLinkRule(formatLinkRule(r.value))).toEqual(r);
    }
    const r = parseLinkRule('place:50m,2d');
    if (r.ok) expect(describeLinkRule(r.value)).toContain('within 50 m');
  });
});

describe('link keys', () => {
  it('normalizes case numbers: separators and leading zeros do not matter, letters do', () => {
    expect(caseKey('2023-0012345')).toBe('2023-12345');
    expect(caseKey(' 2023 12345 ')).toBe('2023-12345');
    expect(caseKey('C23-0000001')).not.toBe(caseKey('2023-0000001'));
    expect(caseKey('')).toBeNull();
    expect(caseKey(null)).toBeNull();
  });

  it('normalizes person ids: a short prefix, case, dashes and leading zeros do not matter', () => {
    const k = personKey('P000123');
    expect(['p000123', 'P-000123', '000123', ' P 123 '].map(personKey)).toEqual([k, k, k, k]);
    expect(personKey('P000124')).not.toBe(k);
    expect(personKey('--')).toBeNull();
  });

  it('normalizes addresses and hundred blocks', () => {
    expect(addressKey('1234  w. Elm St.')).toBe('1234 W ELM ST');
    expect(blockKey('1234 W ELM ST')).toBe('1200 BLOCK W ELM ST');
    expect(blockKey('1200 BLOCK OF W ELM ST')).toBe('1200 BLOCK W ELM ST');
    expect(blockKey('1299 w elm st apt 4')).toBe('1200 BLOCK W ELM ST');
    expect(blockKey('1300 W ELM ST')).not.toBe(blockKey('1299 W ELM ST'));
  });
});
