import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../shared/base/random';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import { openTestEngine } from '../../../helpers/engine';
import { memorySource, sampleIncidents } from './fixtures';

/**
 * An independent count of CSV records, written from RFC 4180 and not from the pipeline's code:
 * records end at a line break (CRLF, LF or a bare CR) outside quotes; a quote opens a quoted
 * field only at the start of a field; inside quotes "" is a quote and a lone quote closes the
 * field (anything after it up to the next delimiter still belongs to that field); an unclosed
 * quote runs to the end of the file; lines with no characters at all are not records.
 */
function countRecords(text: string, delimiter = ','): number {
  let records = 0;
  let inQuotes = false;
  let fieldStart = true;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (lineHasContent) records++;
      if (c === '\r' && text[i + 1] === '\n') i++;
      lineHasContent = false;
      fieldStart = true;
      continue;
    }
    lineHasContent = true;
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else fieldStart = c === delimiter;
  }
  if (lineHasContent || inQuotes) records++;
  return records - 1; // the header
}

const { csv } = sampleIncidents(300, 7);
const original = csv.split('\r\n').slice(0, 301).join('\r\n') + '\r\n';

function mutate(text: string, rng: Rng): string {
  let t = text;
  const n = 1 + rng.int(6);
  for (let k = 0; k < n; k++) {
    const at = rng.int(Math.max(1, t.length));
    const lines = t.split('\r\n');
    const line = 1 + rng.int(Math.max(1, lines.length - 2));
    switch (rng.int(9)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + 1);
        break;
      case 1:
        t = t.slice(0, at) + (rng.pick([',', '"', '\n', '\r', 'x', ' ', ';', '\t', '0', '-', '\r\n', '""']) as string) + t.slice(at);
        break;
      case 2:
        lines.splice(line, 0, lines[line] ?? '');
        t = lines.join('\r\n');
        break;
      case 3:
        lines.splice(line, 1);
        t = lines.join('\r\n');
        break;
      case 4:
        t = t.slice(0, at) + t.slice(at + 1, at + 2) + t.slice(at, at + 1) + t.slice(at + 2);
        break;
      case 5:
        t = t.slice(0, Math.max(text.indexOf('\r\n') + 2, at));
        break;
      case 6:
        lines[line] = (lines[line] ?? '').replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, rng.pick(['13/45/2024 9:00', 'yesterday', '2024-02-30 10:00', '1899-12-31 00:00', '45352.5']) as string);
        t = lines.join('\r\n');
        break;
      case 7:
        lines[line] = (lines[line] ?? '').replace(/-?\d+\.\d+/, rng.pick(['', '0', 'N/A', '1,234.5', '999999999']) as string);
        t = lines.join('\r\n');
        break;
      default:
        t = t.slice(0, at) + rng.pick(['é', '€', '"quoted, field"', ',,,,', '\r\n\r\n']) + t.slice(at);
    }
  }
  return t;
}

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('fuzzing the CSV path with mutations of a real export', () => {
  it('the independent counter agrees with the unmutated export', () => {
    expect(countRecords(original)).toBe(300);
  });

  it('never crashes, and every record read is loaded or quarantined (60 seeded cases)', async () => {
    const rng = createRng(20240917);
    const outcomes: string[] = [];
    for (let run = 0; run < 60; run++) {
      const text = mutate(original, rng);
      const r = await ingestSource(engine, memorySource(`fuzz${run}.csv`, text), { table: 'fuzz' });
      if (!r.ok) {
        // A clean, explained refusal is allowed (e.g. the header itself was destroyed); a throw is not.
        expect(['file-format', 'crs-required']).toContain(r.error.kind);
        outcomes.push(`refused: ${r.error.kind}`);
        continue;
      }
      const s = r.value.summary;
      expect(s.rows_loaded + s.rows_quarantined, `run ${run}`).toBe(s.rows_read);
      expect(s.rows_read, `run ${run}: records counted independently`).toBe(countRecords(text));
      const counted = await engine.query(`SELECT (SELECT count(*) FROM fuzz)::INT AS l, (SELECT count(*) FROM fuzz_quarantine)::INT AS q`);
      expect(counted.ok && counted.value.toArray()[0]?.toJSON()).toEqual({ l: s.rows_loaded, q: s.rows_quarantined });
      outcomes.push('loaded');
    }
    expect(outcomes.filter((o) => o === 'loaded').length).toBeGreaterThan(40);
    const leftovers = await engine.query(`SELECT count(*)::INT AS n FROM information_schema.tables WHERE table_name LIKE '\\_ingest%' ESCAPE '\\'`);
    expect(leftovers.ok && leftovers.value.toArray()[0]?.toJSON().n).toBe(0);
  }, 240_000);
});
