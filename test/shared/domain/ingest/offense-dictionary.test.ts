import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NIBRS_OFFENSES } from '../../../../shared/domain/ingest/nibrs';
import { codeForDescription, DEFAULT_OFFENSE_DICTIONARY as D, normalizeDescription, parseOffenseDictionary } from '../../../../shared/domain/ingest/offense-dictionary';

describe('the shipped offense dictionary', () => {
  it('is resources/dictionaries/nibrs.json and agrees code by code with nibrs.ts', () => {
    const file = JSON.parse(readFileSync(new URL('../../../../resources/dictionaries/nibrs.json', import.meta.url), 'utf8'));
    expect(file.offenses).toEqual(D.offenses);
    expect(D.offenses.map((o) => ({ ...o }))).toEqual(NIBRS_OFFENSES.map((o) => ({ code: o.code, description: o.description, group: o.group, ucrPart1: o.ucrPart1, crimeAgainst: o.crimeAgainst })));
  });

  it('maps every NIBRS description to its own code by keywords', () => {
    for (const o of D.offenses) expect(codeForDescription(D, o.description), o.description).toBe(o.code);
  });

  it('maps free-text descriptions as agencies write them', () => {
    expect(codeForDescription(D, 'personal robbery')).toBe('120');
    expect(codeForDescription(D, 'BURGLARY - RESIDENTIAL')).toBe('220');
    expect(codeForDescription(D, 'Theft from vehicle')).toBe('23F');
    expect(codeForDescription(D, 'AUTO THEFT')).toBe('240');
    expect(codeForDescription(D, 'IDENTITY THEFT')).toBe('26F');
    expect(codeForDescription(D, 'AGG ASSAULT - FIREARM')).toBe('13A');
    expect(codeForDescription(D, 'DRUG PARAPHERNALIA')).toBe('35B');
    expect(codeForDescription(D, 'grape vandal')).toBeUndefined();
    expect(normalizeDescription('Burglary/Breaking & Entering')).toBe('burglary breaking entering');
  });

  it('rejects a dictionary whose keyword points at an undefined code', () => {
    const bad = parseOffenseDictionary(JSON.stringify({ version: 1, offenses: [{ code: '120', description: 'Robbery', group: 'violent', ucrPart1: 'Robbery' }], keywords: [{ pattern: 'theft', code: '23H' }] }), 'agency.json');
    expect(!bad.ok && bad.error.kind === 'file-format' && bad.error.reason).toBe('keyword "theft" maps to code 23H, which the dictionary does not define');
    expect(parseOffenseDictionary('{', 'agency.json').ok).toBe(false);
  });
});
