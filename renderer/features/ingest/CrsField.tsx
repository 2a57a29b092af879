import { useId, useMemo, useState } from 'react';
import { getCrsDefinition } from '../../../shared/domain/geo/crs';
import { searchCrs } from '../../../shared/domain/geo/crs-search';

/**
 * A searchable CRS field: type a code ("2276") or words ("texas north central feet") and pick
 * from the bundled table; suggestions (from the preview's values) are offered first.
 */
export function CrsField({
  label,
  value,
  onChange,
  suggestions = [],
}: {
  label: string;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  suggestions?: readonly { code: string; name: string }[];
}) {
  const listId = useId();
  const [text, setText] = useState(value ? `${value} ${getCrsDefinition(value)?.name ?? ''}`.trim() : '');
  const options = useMemo(() => {
    const found = text.trim() === '' ? [] : searchCrs(text.replace(/\s+—.*$/, ''), 30);
    const seen = new Set<string>();
    return [...suggestions, ...found].filter((d) => (seen.has(d.code) ? false : (seen.add(d.code), true)));
  }, [text, suggestions]);
  const commit = (t: string) => {
    setText(t);
    const code = /^(EPSG:\d+)/i.exec(t.trim())?.[1] ?? (/^\d+$/.test(t.trim()) ? `EPSG:${t.trim()}` : undefined);
    if (t.trim() === '') onChange(undefined);
    else if (code && getCrsDefinition(code)) onChange(getCrsDefinition(code)?.code);
  };
  const known = value ? getCrsDefinition(value) : undefined;
  return (
    <label className="ingest-field">
      <span>{label}</span>
      <input list={listId} value={text} placeholder="EPSG code or name, e.g. 2276 or texas north central" onChange={(e) => commit(e.target.value)} />
      <datalist id={listId}>
        {options.map((d) => (
          <option key={d.code} value={`${d.code} — ${d.name}`} />
        ))}
      </datalist>
      <small className={known || text.trim() === '' ? 'note' : 'ingest-warn'}>{known ? known.name : text.trim() === '' ? 'detected from the file' : 'not a known CRS yet'}</small>
    </label>
  );
}
