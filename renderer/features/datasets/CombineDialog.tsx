import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { ProjectDataset } from '../../../shared/domain/project/project';
import { formatCombinationLabel, formatSourceOption, toCombinationDocument, type CombinationDocument } from '../../../shared/domain/sources/combination';

/** Default weights: the harm-index example (offenses 1, calls a quarter). */
const defaultWeight = (kind: string) => (kind === 'calls' ? '0.25' : '1');

/**
 * "Combine sources…": tick datasets, give each a weight (each of its records counts this much,
 * e.g. incidents 1, calls 0.25) and a name. The document is checked with the CLI's own parser,
 * and the dialog shows the label and the `--source` text it stands for before it is applied.
 */
export function CombineDialog(props: { datasets: readonly ProjectDataset[]; onApply: (doc: CombinationDocument) => void; onClose: () => void }) {
  const { datasets, onApply, onClose } = props;
  const usable = datasets.filter((d) => d.table);
  const [picked, setPicked] = useState<Record<string, boolean>>(() => Object.fromEntries(usable.map((d) => [d.meta.id, d.meta.kind === 'incidents' || d.meta.kind === 'calls'])));
  const [weights, setWeights] = useState<Record<string, string>>(() => Object.fromEntries(usable.map((d) => [d.meta.id, defaultWeight(d.meta.kind)])));
  const [name, setName] = useState('harm-index');
  const sources = usable.filter((d) => picked[d.meta.id]).map((d) => ({ dataset: d.meta.id, kind: d.meta.kind, weight: Number((weights[d.meta.id] ?? '').trim() === '' ? Number.NaN : weights[d.meta.id]) }));
  const doc = toCombinationDocument(name, sources, new Date().toISOString());
  return (
    <div className="modal-backdrop combine-backdrop">
      <div className="modal combine-dialog" role="dialog" aria-label="Combine sources">
        <h2>Combine sources with weights</h2>
        <p className="combine-hint">Each record of a source counts its weight in every place-based count (a harm index: offenses 1, calls 0.25). Weight 0 keeps a source listed but counts nothing.</p>
        <table className="combine-table">
          <thead>
            <tr>
              <th scope="col">Use</th>
              <th scope="col">Dataset</th>
              <th scope="col">Kind</th>
              <th scope="col">Rows</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {usable.map((d) => (
              <tr key={d.meta.id}>
                <td>
                  <input type="checkbox" aria-label={`Use ${d.meta.id}`} checked={!!picked[d.meta.id]} onChange={(e) => setPicked({ ...picked, [d.meta.id]: e.target.checked })} />
                </td>
                <td>{d.meta.id}</td>
                <td>{d.meta.kind}</td>
                <td className="num">{d.meta.rows.toLocaleString('en-US')}</td>
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    size={5}
                    aria-label={`Weight of ${d.meta.id}`}
                    disabled={!picked[d.meta.id]}
                    value={weights[d.meta.id] ?? ''}
                    onChange={(e) => setWeights({ ...weights, [d.meta.id]: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="combine-name">
          Name <input type="text" aria-label="Combination name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {doc.ok ? (
          <p className="combine-preview" data-testid="combine-preview">
            {formatCombinationLabel(doc.value)}
            <br />
            <code>--source {formatSourceOption(doc.value.sources)}</code>
          </p>
        ) : (
          <p className="error" role="alert">
            {formatAppError(doc.error)}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!doc.ok} onClick={() => doc.ok && onApply(doc.value)}>
            Combine and show
          </button>
        </div>
      </div>
    </div>
  );
}
