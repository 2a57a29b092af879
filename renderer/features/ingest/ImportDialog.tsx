import { useEffect, useMemo, useRef, useState } from 'react';
import type { HostApi, HostFile } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { DATASET_KINDS, type ColumnMapping, type DatasetKind } from '../../../shared/domain/ingest/mapping';
import { DEFAULT_MAX_FILE_BYTES } from '../../../shared/domain/ingest/options';
import type { SourcePreview } from '../../../shared/domain/ingest/preview';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import type { IngestProgress } from '../../../shared/domain/ingest/source';
import { EMPTY_TEMPLATE_STORE, findTemplates, saveTemplate, type TemplateStore } from '../../../shared/domain/ingest/templates';
import { CrsField } from './CrsField';
import { ImportSummary } from './ImportSummary';
import { describeImportError, importFile, IngestWorkerClient, quarantineCsv, type ImportedDataset } from './import-task';
import { MappingTable } from './MappingTable';
import './ingest.css';

export interface ImportDialogProps {
  /** The app's engine (the browser DuckDB). */
  engine: Promise<SqlEngine>;
  host: HostApi;
  /** Called once a dataset is loaded (the dialog stays open on its summary until closed). */
  onImported: (dataset: ImportedDataset) => void;
  onClose: () => void;
  /** Saved mapping templates (persist them with the host); without it templates live for the session. */
  templates?: TemplateStore;
  onTemplatesChange?: (store: TemplateStore) => void;
}

const FILTERS = [{ name: 'Tables and layers', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'geojson', 'json', 'zip', 'parquet'] }];

type Step =
  | { kind: 'choose' }
  | { kind: 'previewing'; file: HostFile }
  | { kind: 'mapping'; file: HostFile; preview: SourcePreview }
  | { kind: 'importing'; file: HostFile; preview: SourcePreview; progress: IngestProgress | null }
  | { kind: 'done'; dataset: ImportedDataset };

/**
 * Import dialog: choose a file -> preview with the detected role of each column (change any),
 * dataset kind and CRS -> Import with a progress bar and Cancel -> summary (rows read = loaded +
 * quarantined by reason, hit rate with the 85% rule, quality highlights) and quarantine.csv.
 * The pipeline is the shared one `spi ingest` runs; previews and the coordinate step run in
 * renderer/workers/ingest.worker.ts, DuckDB in its own worker, so the page stays responsive.
 */
export function ImportDialog({ engine, host, onImported, onClose, templates, onTemplatesChange }: ImportDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<IngestError | null>(null);
  const [kind, setKind] = useState<DatasetKind>('incidents');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [crs, setCrs] = useState<string | undefined>(undefined);
  const [templateName, setTemplateName] = useState('');
  const [localTemplates, setLocalTemplates] = useState<TemplateStore>(templates ?? EMPTY_TEMPLATE_STORE);
  const store = templates ?? localTemplates;
  const abort = useRef<AbortController | null>(null);
  const worker = useMemo(() => new IngestWorkerClient(), []);
  useEffect(() => () => worker.terminate(), [worker]);

  const preview = async (file: HostFile, k: DatasetKind) => {
    setError(null);
    setStep({ kind: 'previewing', file });
    const r = await worker.preview(file.name, file.bytes, { kind: k, maxBytes: DEFAULT_MAX_FILE_BYTES });
    if (!r.ok) {
      setError(r.error);
      setStep({ kind: 'choose' });
      return;
    }
    const offered = findTemplates(store, r.value.columns)[0];
    setMapping(offered ? { ...offered.mapping, kind: k } : r.value.detected.mapping);
    setCrs(offered?.mapping.crs);
    setStep({ kind: 'mapping', file, preview: r.value });
  };

  const choose = async () => {
    const picked = await host.openFiles({ title: 'Import a dataset', filters: FILTERS, multiple: false });
    if (!picked.ok) {
      setError(picked.error);
      return;
    }
    const file = picked.value[0];
    if (file) await preview(file, kind);
  };

  const run = async () => {
    if (step.kind !== 'mapping' || !mapping) return;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setStep({ ...step, kind: 'importing', progress: null });
    const r = await importFile(await engine, worker, step.file, { kind, mapping: { ...mapping, kind, ...(crs ? { crs } : {}) }, ...(crs ? { crs } : {}) }, (p) => setStep((s) => (s.kind === 'importing' ? { ...s, progress: p } : s)), controller.signal);
    abort.current = null;
    if (!r.ok) {
      if (r.error.kind !== 'cancelled') setError(r.error);
      setStep({ kind: 'mapping', file: step.file, preview: step.preview });
      return;
    }
    onImported(r.value);
    setStep({ kind: 'done', dataset: r.value });
  };

  const saveAsTemplate = () => {
    if (step.kind !== 'mapping' || !mapping || templateName.trim() === '') return;
    const next = saveTemplate(store, templateName, step.preview.columns, { ...mapping, ...(crs ? { crs } : {}) }, new Date().toISOString());
    setLocalTemplates(next);
    onTemplatesChange?.(next);
    setTemplateName('');
  };

  const download = async (dataset: ImportedDataset) => {
    const bytes = await quarantineCsv(await engine, dataset.quarantineTable);
    const saved = await host.saveFile({ suggestedName: `${dataset.table}_quarantine.csv`, bytes: bytes as Uint8Array<ArrayBuffer>, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    if (!saved.ok) setError(saved.error);
  };

  const crsSuggestions =
    step.kind === 'mapping' && step.preview.crsGuess?.kind === 'projected' ? step.preview.crsGuess.candidates.map((c) => ({ code: c.code, name: c.name })) : error?.kind === 'crs-required' ? error.candidates : [];

  return (
    <div className="modal-backdrop">
      <div className="modal ingest-dialog" role="dialog" aria-label="Import a dataset">
        <h2>Import a dataset</h2>
        {error && <p className="error" role="alert">{describeImportError(error)}</p>}
        {step.kind === 'choose' && (
          <>
            <p className="note">CSV, TSV or pipe-delimited text (UTF-8 or Windows-1252), Excel .xlsx, GeoJSON points, a zipped shapefile of points, or Parquet.</p>
            <div className="ingest-row">
              <KindField kind={kind} onChange={setKind} />
              <button type="button" onClick={() => void choose()}>
                Choose file…
              </button>
            </div>
          </>
        )}
        {step.kind === 'previewing' && <p className="progress">Reading {step.file.name}…</p>}
        {(step.kind === 'mapping' || step.kind === 'importing') && mapping && (
          <>
            <p className="note">
              {step.file.name}: {step.preview.format}
              {step.preview.encoding ? `, ${step.preview.encoding}` : ''}
              {step.preview.crsGuess?.kind === 'degrees' ? ', coordinates in degrees' : ''}
              {step.preview.declaredCrs ? `, CRS ${step.preview.declaredCrs.code} from the file` : ''}. Check the role of each column; unused columns are kept as they are.
            </p>
            <CrsHint preview={step.preview} chosen={crs} />
            <div className="ingest-row">
              <KindField
                kind={kind}
                onChange={(k) => {
                  setKind(k);
                  if (step.kind === 'mapping') void preview(step.file, k);
                }}
              />
              <CrsField label="CRS of the X/Y columns" value={crs} onChange={setCrs} suggestions={crsSuggestions} />
              <label className="ingest-field">
                <span>Save this mapping as</span>
                <input value={templateName} placeholder="template name" onChange={(e) => setTemplateName(e.target.value)} />
              </label>
              <button type="button" disabled={templateName.trim() === ''} onClick={saveAsTemplate}>
                Save template
              </button>
            </div>
            <MappingTable columns={step.preview.columns} rows={step.preview.rows} mapping={mapping} evidence={step.preview.detected.evidence} onChange={setMapping} />
            {step.kind === 'importing' ? (
              <div aria-live="polite">
                <progress className="ingest-progress" max={1} value={step.progress?.fraction ?? 0} />
                <p className="progress">{step.progress?.message ?? 'Starting…'}</p>
              </div>
            ) : null}
          </>
        )}
        {step.kind === 'done' && <ImportSummary summary={step.dataset.summary} onDownloadQuarantine={() => void download(step.dataset)} />}
        <div className="ingest-actions">
          {step.kind === 'mapping' && (
            <button type="button" onClick={() => void run()}>
              Import
            </button>
          )}
          {step.kind === 'importing' ? (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              {step.kind === 'done' ? 'Close' : 'Cancel'}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** What the preview's X/Y values say about their CRS, next to the CRS field. */
function CrsHint({ preview, chosen }: { preview: SourcePreview; chosen: string | undefined }) {
  const g = preview.crsGuess;
  if (chosen || !g || g.kind !== 'projected' || preview.declaredCrs) return null;
  const best = g.candidates[0];
  if (best && best.medianOffsetM !== undefined && best.medianOffsetM < 100) {
    return <p className="note">X/Y are {best.code} ({best.name}): they match the latitude/longitude columns.</p>;
  }
  return <p className="ingest-warn">X/Y are projected coordinates in an unknown system: choose the CRS (likely: {g.candidates.slice(0, 3).map((c) => c.code).join(', ') || 'none found'}).</p>;
}

function KindField({ kind, onChange }: { kind: DatasetKind; onChange: (k: DatasetKind) => void }) {
  return (
    <label className="ingest-field">
      <span>Dataset kind</span>
      <select value={kind} onChange={(e) => onChange(e.target.value as DatasetKind)}>
        {DATASET_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}
