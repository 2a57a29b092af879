import { ROLE_LABELS, ROLES, rolesByColumn, withRole, type ColumnMapping, type Role } from '../../../shared/domain/ingest/mapping';
import type { RoleEvidence } from '../../../shared/domain/ingest/detect-mapping';
import { maskValue } from '../../../shared/domain/privacy/sensitive';

/**
 * The first rows of a file with, above each column, a dropdown of its role and a "sensitive"
 * checkbox (identifies people: masked when shown, left out of exports). Changing a role moves it
 * from whichever column had it (a role belongs to one column). Values of sensitive columns are
 * masked in the preview too.
 */
export function MappingTable({
  columns,
  rows,
  mapping,
  evidence,
  onChange,
  sensitive,
  sensitiveWhy,
  onSensitiveChange,
  maxRows = 12,
}: {
  columns: readonly string[];
  rows: readonly (readonly (string | null)[])[];
  mapping: ColumnMapping;
  evidence: Partial<Record<Role, RoleEvidence>>;
  onChange: (mapping: ColumnMapping) => void;
  /** Columns marked sensitive (detected, then as the analyst ticks them). */
  sensitive: ReadonlySet<string>;
  /** Why detection marked a column (tooltip of its checkbox). */
  sensitiveWhy: ReadonlyMap<string, string>;
  onSensitiveChange: (column: string, sensitive: boolean) => void;
  maxRows?: number;
}) {
  const byColumn = rolesByColumn(mapping);
  return (
    <div className="ingest-preview" role="region" aria-label="Preview of the first rows and the role of each column">
      <table>
        <thead>
          <tr>
            {columns.map((c) => {
              const role = byColumn.get(c);
              return (
                <th key={c} title={role ? evidence[role]?.why ?? 'chosen by you' : 'not used (kept as an original column)'}>
                  <div className="ingest-colname">{c}</div>
                  <select aria-label={`Role of column ${c}`} value={role ?? ''} onChange={(e) => onChange(withRole(mapping, c, (e.target.value || undefined) as Role | undefined))}>
                    <option value="">— keep only —</option>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                  <label className="ingest-sensitive" title={sensitiveWhy.get(c) ?? 'identifies a person: masked when shown, left out of exports'}>
                    <input type="checkbox" aria-label={`Column ${c} is sensitive`} checked={sensitive.has(c)} onChange={(e) => onSensitiveChange(c, e.target.checked)} />
                    sensitive
                  </label>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, maxRows).map((r, i) => (
            <tr key={i}>
              {columns.map((c, j) => (
                <td key={c} className={sensitive.has(c) && r[j] ? 'ingest-masked' : undefined}>{sensitive.has(c) ? (maskValue(r[j]) ?? '') : (r[j] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
