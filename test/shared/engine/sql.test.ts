import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral, toTableName } from '../../../shared/engine/sql';

describe('SQL text helpers', () => {
  it('quotes identifiers and literals by doubling the quote character', () => {
    expect(quoteIdent('Case "No"')).toBe('"Case ""No"""');
    expect(quoteLiteral("O'Hara")).toBe("'O''Hara'");
  });

  it('names tables after files the way an analyst would type them', () => {
    expect(toTableName('/data/Robberies 2019.csv')).toBe('robberies_2019');
    expect(toTableName('C:\\exports\\CAD-calls.TSV')).toBe('cad_calls');
    expect(toTableName('2024.parquet')).toBe('t_2024');
    expect(toTableName('---.csv')).toBe('data');
  });
});
