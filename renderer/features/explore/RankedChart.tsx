import { useState } from 'react';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import { offenseLabel } from '../../../shared/domain/explore/ranked-charts';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { ExploreBase } from './use-explore';
import { useRankedChart, type RankedKind } from './use-ranked-charts';

const TITLES: Record<RankedKind, string> = { offense: 'Top offenses', address: 'Top addresses (repeat locations)', beat: 'Incidents by beat' };
const fmt = (n: number) => n.toLocaleString('en-US');

function toggle(list: readonly string[] | null | undefined, v: string): string[] | null {
  const cur = list ?? [];
  const next = cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v];
  return next.length ? next : null;
}

/**
 * Top offenses, top addresses or counts by beat (the ten largest, with how many there are in
 * all) as horizontal bars. Click a bar to filter to it, click it again to drop it; several can
 * be chosen. Offenses filter by code, beats by beat, addresses by an "address = …" field
 * condition (shown as a chip).
 */
export function RankedChart(props: { engine: Promise<SqlEngine>; dataset: DatasetView | null; base: ExploreBase | null; filter: ExploreFilter; sqlFilter: ExploreFilter; onFilter: (f: ExploreFilter) => void }) {
  const { engine, dataset, base, filter, sqlFilter, onFilter } = props;
  const [kind, setKind] = useState<RankedKind>('offense');
  const ranked = useRankedChart(engine, dataset, base, sqlFilter, kind);
  const address = base?.address ?? null;
  const chosen = (key: string) =>
    kind === 'offense' ? (filter.codes ?? []).includes(key) : kind === 'beat' ? (filter.beats ?? []).includes(key) : (filter.fields ?? []).some((f) => f.column === address && f.op === 'eq' && f.value === key);
  const pick = (key: string) => {
    if (kind === 'offense') onFilter({ ...filter, codes: toggle(filter.codes, key) });
    else if (kind === 'beat') onFilter({ ...filter, beats: toggle(filter.beats, key) });
    else if (address !== null) {
      const fields = filter.fields ?? [];
      const rest = fields.filter((f) => !(f.column === address && f.op === 'eq' && f.value === key));
      const next = rest.length < fields.length ? rest : [...fields, { column: address, kind: 'text' as const, op: 'eq' as const, value: key }];
      onFilter({ ...filter, fields: next.length ? next : null });
    }
  };
  const max = ranked ? Math.max(1, ...ranked.counts) : 1;
  return (
    <figure className="chart ranked-chart" data-testid="ranked-chart">
      <figcaption>
        <select aria-label="Ranked chart" data-testid="ranked-kind" value={kind} onChange={(e) => setKind(e.target.value as RankedKind)}>
          {(Object.keys(TITLES) as RankedKind[]).map((k) => (
            <option key={k} value={k}>
              {TITLES[k]}
            </option>
          ))}
        </select>
        {ranked && ranked.distinct > ranked.keys.length ? <span className="note"> {ranked.keys.length} of {fmt(ranked.distinct)}</span> : null}
      </figcaption>
      {!ranked && <p className="note">{kind === 'address' && base && !address ? 'No address column.' : kind === 'beat' && base?.columns && !base.columns.beat ? 'No beat column.' : 'Counting…'}</p>}
      {ranked && (
        <ol className="ranked-bars">
          {ranked.keys.map((key, i) => (
            <li key={key}>
              <button type="button" className={chosen(key) ? 'ranked-bar chosen' : 'ranked-bar'} aria-pressed={chosen(key)} data-testid="ranked-bar" onClick={() => pick(key)} title={`${kind === 'offense' ? offenseLabel(key) : key}: ${fmt(ranked.counts[i] as number)} incidents`}>
                <span className="ranked-fill" style={{ width: `${(100 * (ranked.counts[i] as number)) / max}%` }} />
                <span className="ranked-label">{kind === 'offense' ? offenseLabel(key) : key}</span>
                <span className="ranked-n">{fmt(ranked.counts[i] as number)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
