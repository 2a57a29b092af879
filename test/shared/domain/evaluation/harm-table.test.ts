/**
 * The Evaluate panel's harm-weights table: it goes through the CLI's CSV reader, so the app and
 * `spi evaluate --harm` accept, refuse and weight exactly alike; errors name the table row.
 */
import { describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import { unwrap } from '../../../../shared/base/result';
import { harmWeightsFor, parseHarmWeights } from '../../../../shared/domain/evaluation/harm';
import { defaultHarmRows, harmRowsOf, harmRowsToCsv, harmWeightsForGroups, harmWeightsForPoints, parseHarmRows, toHarmWeightsJson, type HarmTableRow } from '../../../../shared/domain/evaluation/harm-table';
import { OUTCOME_GROUPS } from '../../../../shared/domain/evaluation/outcome';
import { DEFAULT_OFFENSE_DICTIONARY } from '../../../../shared/domain/ingest/offense-dictionary';

const CHI = 'offense_code,offense_group,weight\n13A,,50\n,violent,10\n,property,2\n*,,1\n';

describe('harm weights table', () => {
  it('starts at weight 1 for every group and the default: plain counts', () => {
    const w = unwrap(parseHarmRows(defaultHarmRows()));
    expect([...w.byGroup.keys()]).toEqual([...OUTCOME_GROUPS]);
    expect([...w.byGroup.values()].every((v) => v === 1)).toBe(true);
    expect(w.fallback).toBe(1);
    const codes = ['13A', '120', '220', '35A', null];
    expect(Array.from(unwrap(harmWeightsFor(codes, w, DEFAULT_OFFENSE_DICTIONARY)))).toEqual([1, 1, 1, 1, 1]);
  });

  it('a CSV loaded into the table and written back weights every code exactly as the CLI reads the CSV', () => {
    const fromCsv = unwrap(parseHarmWeights(CHI, 'chi.csv'));
    const rows = harmRowsOf(fromCsv);
    expect(rows).toEqual([
      { key: 'group', value: 'violent', weight: '10' },
      { key: 'group', value: 'property', weight: '2' },
      { key: 'code', value: '13A', weight: '50' },
      { key: 'default', value: '*', weight: '1' },
    ]);
    const fromTable = unwrap(parseHarmWeights(harmRowsToCsv(rows), 'again.csv'));
    const codes = ['13A', '120', '220', '35A', null, '13a', '23F'];
    expect(Array.from(unwrap(harmWeightsFor(codes, fromTable, DEFAULT_OFFENSE_DICTIONARY)))).toEqual(Array.from(unwrap(harmWeightsFor(codes, fromCsv, DEFAULT_OFFENSE_DICTIONARY))));
    expect(toHarmWeightsJson(fromTable)).toEqual({ byCode: { '13A': 50 }, byGroup: { violent: 10, property: 2 }, default: 1 });
  });

  it('names the table row (not the CSV line), the column and the value of a bad entry', () => {
    const rows: HarmTableRow[] = [{ key: 'group', value: 'violent', weight: '10' }, { key: 'code', value: '220', weight: 'heavy' }];
    const r = parseHarmRows(rows);
    expect(!r.ok && formatAppError(r.error)).toBe('weights table (row 2, column "weight"): weight "heavy" is not a number >= 0');
    const dup = parseHarmRows([{ key: 'code', value: '220', weight: '1' }, { key: 'code', value: '220', weight: '2' }]);
    expect(!dup.ok && formatAppError(dup.error)).toContain('row 2');
    const badCode = parseHarmRows([{ key: 'code', value: '', weight: '1' }]);
    expect(!badCode.ok && formatAppError(badCode.error)).toContain('row 1');
    expect(parseHarmRows([{ key: 'code', value: 'A,B', weight: '1' }]).ok).toBe(false);
  });

  it('weights by group when the dataset has no offense codes, listing groups without a weight', () => {
    const w = unwrap(parseHarmRows([{ key: 'group', value: 'violent', weight: '10' }, { key: 'group', value: 'property', weight: '2' }]));
    const group = Int32Array.from([0, 1, 1, -1, 2]);
    const names = ['violent', 'property', 'drugs'];
    const r = harmWeightsForGroups(group, names, w);
    expect(!r.ok && formatAppError(r.error)).toContain('"(no group) (1), drugs (1)"');
    const withDefault = unwrap(parseHarmRows([{ key: 'group', value: 'violent', weight: '10' }, { key: 'default', value: '*', weight: '0.5' }]));
    expect(Array.from(unwrap(harmWeightsForGroups(group, names, withDefault)))).toEqual([10, 0.5, 0.5, 0.5, 0.5]);
    // With codes, the codes decide (the CLI's path); without, the groups.
    expect(Array.from(unwrap(harmWeightsForPoints(['13A', '220'], Int32Array.from([0, 1]), names, unwrap(parseHarmWeights(CHI, 'c')), DEFAULT_OFFENSE_DICTIONARY)))).toEqual([50, 2]);
    expect(harmWeightsForPoints(null, null, [], withDefault, DEFAULT_OFFENSE_DICTIONARY).ok).toBe(false);
  });
});
