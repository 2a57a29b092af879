import { describe, expect, it } from 'vitest';
import { recordNoun } from '../../../../shared/domain/sources/nouns';

describe('the noun of a dataset count', () => {
  it('names each kind, and "records" for any other', () => {
    expect(['incidents', 'calls', 'arrests', 'field-interviews', 'probation', 'hospital', 'facilities'].map(recordNoun)).toEqual(['incidents', 'calls', 'arrests', 'field contacts', 'supervision terms', 'injury records', 'facilities']);
    expect([recordNoun('partner'), recordNoun(null), recordNoun(undefined), recordNoun('')]).toEqual(['records', 'records', 'records', 'records']);
  });
});
