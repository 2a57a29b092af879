import { describe, expect, it } from 'vitest';
import {
  detectSensitiveColumns,
  exportColumns,
  maskRecord,
  maskValue,
  MASK,
  nameTokens,
  sensitiveByName,
  sensitiveByValues,
  sensitiveTableColumns,
} from '../../../../shared/domain/privacy/sensitive';
import { createRng } from '../../../../shared/base/random';
import { DatasetMetaSchema } from '../../../../shared/domain/project/manifest';

describe('sensitiveByName', () => {
  it.each([
    ['Victim Name', 'name'],
    ['VICTIM_NAME', 'name'],
    ['SuspectLastName', 'name'],
    ['first_name', 'name'],
    ['Surname', 'name'],
    ['DOB', 'birth-date'],
    ['Date of Birth', 'birth-date'],
    ['VictimBirthDate', 'birth-date'],
    ['Phone', 'phone'],
    ['RP Phone #', 'phone'],
    ['SSN', 'ssn'],
    ['Social Security No', 'ssn'],
    ['DL Number', 'licence'],
    ["Driver's License", 'licence'],
    ['email', 'email'],
    ['Juvenile Flag', 'juvenile'],
    ['IS_JUV', 'juvenile'],
    ['Narrative', 'narrative'],
    ['Officer Remarks', 'narrative'],
    ['Victim Age', 'person'],
    ['Suspect Race', 'person'],
    ['Witness', 'person'],
    ['Arrestee', 'person'],
  ])('%s -> %s', (column, category) => {
    expect(sensitiveByName(column)?.category).toBe(category);
  });

  it.each(['Street Name', 'Offense Name', 'Beat Name', 'Agency Name', 'Case Number', 'Offense Description', 'Address', 'Latitude', 'X', 'Reported Date', 'Victim Count', 'Number of Victims', 'Beat', 'Premise Type', 'Officer Name'])(
    '%s is not a person field',
    (column) => {
      expect(sensitiveByName(column)).toBeNull();
    },
  );

  it('splits camelCase and separators into lower-case words', () => {
    expect(nameTokens('VictimDOB_2')).toEqual(['victim', 'dob', '2']);
    expect(nameTokens('RP Phone #')).toEqual(['rp', 'phone']);
  });
});

describe('sensitiveByValues', () => {
  it('finds SSNs, phone numbers, e-mail, LAST, FIRST names and narratives', () => {
    expect(sensitiveByValues(['123-45-6789', '987-65-4321', null])?.category).toBe('ssn');
    expect(sensitiveByValues(['(901) 555-0100', '901.555.0199', '901-555-0123'])?.category).toBe('phone');
    expect(sensitiveByValues(['a@b.org', 'x.y@pd.gov'])?.category).toBe('email');
    expect(sensitiveByValues(['SMITH, JOHN', "O'NEIL, MARY-KATE", 'Doe, Jane A.'])?.category).toBe('name');
    const story = 'R/P stated that the suspect entered the residence through the rear window and took a television';
    expect(sensitiveByValues([story, story.toUpperCase()])?.category).toBe('narrative');
  });

  it('does not take case numbers, codes, dates, addresses or bare 10-digit numbers for personal data', () => {
    expect(sensitiveByValues(['2023-000123', '2023-000124'])).toBeNull();
    expect(sensitiveByValues(['9015550100', '9015550101'])).toBeNull();
    expect(sensitiveByValues(['13A', '220', '23F'])).toBeNull();
    expect(sensitiveByValues(['2024-03-01 14:05', '3/1/2024 2:05 PM'])).toBeNull();
    expect(sensitiveByValues(['1200 BLOCK MAIN ST', '45 OAK AVE'])).toBeNull();
    expect(sensitiveByValues([null, '', '  '])).toBeNull();
  });

  it('needs at least half of the non-empty values to match (a stray value is not enough)', () => {
    expect(sensitiveByValues(['123-45-6789', 'x', 'y', 'z'])).toBeNull();
    expect(sensitiveByValues(['123-45-6789', '123-45-6788', 'y', 'z'])?.category).toBe('ssn');
  });
});

describe('detectSensitiveColumns', () => {
  const columns = ['Case Number', 'Offense', 'Victim Name', 'Contact', 'Address', 'Notes2'];
  const rows = [
    ['23-1', 'ASSAULT, SIMPLE', 'SMITH, JOHN', '901-555-0100', '12 MAIN ST', null],
    ['23-2', 'THEFT, OTHER', 'DOE, JANE', '901-555-0101', '14 MAIN ST', null],
  ];

  it('marks by name, then by values, in column order, with the evidence', () => {
    const found = detectSensitiveColumns(columns, rows, new Set(['Offense']));
    expect(found.map((f) => [f.column, f.category])).toEqual([
      ['Victim Name', 'name'],
      ['Contact', 'phone'],
    ]);
    expect(found[1]!.why).toBe('2 of 2 values look like phone numbers');
  });

  it('judges mapped columns by name only ("ASSAULT, SIMPLE" is no person)', () => {
    expect(detectSensitiveColumns(columns, rows).map((f) => f.column)).toContain('Offense');
    expect(detectSensitiveColumns(columns, rows, new Set(['Offense'])).map((f) => f.column)).not.toContain('Offense');
  });

  it('property: a column of random case numbers, codes and coordinates is never marked', () => {
    const rng = createRng(7);
    for (let k = 0; k < 200; k++) {
      const values = Array.from({ length: 20 }, () => rng.pick([`${2000 + rng.int(25)}-${String(rng.int(999999)).padStart(6, '0')}`, rng.pick(['13A', '220', '23F', '120']), (35 + rng.uniform(0, 1)).toFixed(6), String(rng.int(1e7))]));
      expect(detectSensitiveColumns(['col'], values.map((v) => [v]))).toEqual([]);
    }
  });
});

describe('masking', () => {
  it('masks non-empty values and keeps empty ones empty', () => {
    expect(maskValue('SMITH, JOHN')).toBe(MASK);
    expect(maskValue(0)).toBe(MASK);
    expect(maskValue(null)).toBeNull();
    expect(maskValue('')).toBeNull();
  });

  it('masks only the sensitive fields of a record, without changing the input', () => {
    const record = { case_id: '23-1', 'Victim Name': 'SMITH, JOHN', DOB: null };
    const masked = maskRecord(record, ['Victim Name', 'DOB']);
    expect(masked).toEqual({ case_id: '23-1', 'Victim Name': MASK, DOB: null });
    expect(record['Victim Name']).toBe('SMITH, JOHN');
    expect(maskRecord(record, new Set(['case_id'])).case_id).toBe(MASK);
  });

  it('leaves sensitive columns (and raw source lines) out of an export unless included', () => {
    const cols = ['source_row', 'reason', 'raw_text', 'Victim Name', 'Address'];
    expect(exportColumns(cols, ['Victim Name'], false)).toEqual({ columns: ['source_row', 'reason', 'Address'], omitted: ['raw_text', 'Victim Name'] });
    expect(exportColumns(cols, ['Victim Name'], true).columns).toEqual(cols);
    expect(exportColumns(cols, [], false).columns).toEqual(cols);
  });
});

describe('sensitiveTableColumns', () => {
  it('follows renamed originals and roles filled from a sensitive column', () => {
    const table = ['case_id', 'name', 'address', 'Victim Name', 'Name_original', 'DOB', 'Beat_original'];
    expect(sensitiveTableColumns(table, ['Name', 'DOB'], { name: 'Name', case_id: 'Case' })).toEqual(['name', 'Name_original', 'DOB']);
    expect(sensitiveTableColumns(table, ['Victim Name'])).toEqual(['Victim Name']);
    expect(sensitiveTableColumns(table, [])).toEqual([]);
  });
});

describe('DatasetMeta.sensitive', () => {
  const meta = {
    id: 'incidents',
    name: 'incidents.csv',
    kind: 'incidents',
    rows: 1,
    source: { fileName: 'incidents.csv', sha256: null, bytes: null, storage: 'embedded', path: null },
    crs: { source: null, analysis: null },
    mapping: null,
    hasQuarantine: false,
    hasQuality: false,
  };

  it('is optional: a description written before it still parses, without the field', () => {
    const parsed = DatasetMetaSchema.safeParse(meta);
    expect(parsed.success).toBe(true);
    expect(parsed.data && 'sensitive' in parsed.data).toBe(false);
  });

  it('round-trips a list of columns and refuses a non-list', () => {
    expect(DatasetMetaSchema.parse({ ...meta, sensitive: ['Victim Name'] }).sensitive).toEqual(['Victim Name']);
    expect(DatasetMetaSchema.safeParse({ ...meta, sensitive: 'Victim Name' }).success).toBe(false);
  });
});
