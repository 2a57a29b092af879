import type { PlainValue } from '../../../shared/engine/arrow-values';

/** The clicked record's fields, as exported. */
export function RecordPopup({ record, onClose }: { record: Record<string, PlainValue>; onClose: () => void }) {
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
              <td>{v === null ? '—' : String(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
