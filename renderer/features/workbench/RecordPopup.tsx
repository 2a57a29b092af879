import { useMemo, useState } from 'react';
import type { PlainValue } from '../../../shared/engine/arrow-values';
import { isSensitive, MASK } from '../../../shared/domain/privacy/sensitive';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { logReveal, sensitiveColumnsOf } from '../ingest/sensitive-view';
import './record-popup.css';

/**
 * The clicked record's fields, as exported. Sensitive fields (names, DOB, phone, ... see
 * shared/domain/privacy/sensitive.ts) are masked: "•••• (sensitive — show)"; a click reveals
 * that one value and records `privacy.reveal` (dataset, column, row; never the value) in the
 * project log. Revealed values are masked again for the next record.
 */
export function RecordPopup({
  record,
  rowId,
  dataset,
  store,
  onClose,
}: {
  record: Record<string, PlainValue>;
  rowId?: number;
  /** The shown dataset (its sensitive columns); without it nothing is masked. */
  dataset?: DatasetView | null;
  /** Where reveals are logged. */
  store?: Store;
  onClose: () => void;
}) {
  const sensitive = useMemo(() => sensitiveColumnsOf(dataset ?? null, Object.keys(record)), [dataset, record]);
  const [revealed, setRevealed] = useState<{ record: Record<string, PlainValue>; columns: ReadonlySet<string> }>({ record, columns: new Set() });
  const shown = revealed.record === record ? revealed.columns : new Set<string>();
  const reveal = (column: string) => {
    if (store && dataset) logReveal(store, dataset.name, column, rowId ?? -1);
    setRevealed({ record, columns: new Set(shown).add(column) });
  };
  return (
    <div className="record-popup" role="dialog" aria-label="Incident record">
      <button type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      <table>
        <tbody>
          {Object.entries(record).map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>
                {v === null ? (
                  '—'
                ) : isSensitive(sensitive, k) && !shown.has(k) ? (
                  <span className="record-masked" data-sensitive={k}>
                    {MASK} (sensitive —{' '}
                    <button type="button" className="link" aria-label={`Show ${k}`} title="Reveal this value; the reveal is recorded in the project log" onClick={() => reveal(k)}>
                      show
                    </button>
                    )
                  </span>
                ) : (
                  String(v)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
