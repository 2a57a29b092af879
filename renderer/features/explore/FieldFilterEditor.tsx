import { useState } from 'react';
import { checkFieldFilter, FIELD_OPS, fieldKindOfType, type FieldFilter, type FieldOp } from '../../../shared/domain/explore/area-field-filters';

/**
 * "Any field" filter: pick a column (every column of the table, the export's original ones
 * included), an operator and a value, then Add. The value is checked against the column's kind
 * (a number for number columns, YYYY-MM-DD for dates) before anything is added; the SQL quotes
 * it, so no name or value can change the query.
 */
export function FieldFilterEditor({ fields, onAdd }: { fields: readonly { name: string; type: string }[]; onAdd: (f: FieldFilter) => void }) {
  const [column, setColumn] = useState('');
  const [op, setOp] = useState<FieldOp>('eq');
  const [value, setValue] = useState('');
  const [value2, setValue2] = useState('');
  const type = fields.find((f) => f.name === column)?.type ?? 'VARCHAR';
  const kind = fieldKindOfType(type);
  const draft: FieldFilter = { column, kind, op, value, ...(op === 'between' ? { value2 } : {}) };
  const problem = column ? checkFieldFilter(draft) : null;
  const inputType = kind === 'date' && op !== 'contains' ? 'date' : 'text';
  return (
    <form
      className="field-filter"
      aria-label="Filter on any field"
      onSubmit={(e) => {
        e.preventDefault();
        if (!column || problem) return;
        onAdd(draft);
        setValue('');
        setValue2('');
      }}
    >
      <select aria-label="Field" data-testid="field-filter-column" value={column} onChange={(e) => setColumn(e.target.value)}>
        <option value="">Any field…</option>
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <select aria-label="Operator" data-testid="field-filter-op" value={op} onChange={(e) => setOp(e.target.value as FieldOp)}>
        {FIELD_OPS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {op !== 'empty' && (
        <input type={inputType} aria-label="Value" data-testid="field-filter-value" value={value} placeholder={kind === 'number' ? 'number' : 'value'} onChange={(e) => setValue(e.target.value)} />
      )}
      {op === 'between' && <input type={inputType} aria-label="and" data-testid="field-filter-value2" value={value2} onChange={(e) => setValue2(e.target.value)} />}
      <button type="submit" disabled={!column || problem !== null} data-testid="field-filter-add">
        Add
      </button>
      {problem && column && <span className="note field-filter-problem">{problem}</span>}
    </form>
  );
}
