import { useEffect, useMemo, useRef, useState } from 'react';
import type { HostApi, HostFile } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { ColumnMapping, DatasetKind } from '../../../shared/domain/ingest/mapping';
import { DEFAULT_MAX_FILE_BYTES } from '../../../shared/domain/ingest/options';
import type { SourcePreview } from '../../../shared/domain/ingest/preview';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import type { IngestProgress } from '../../../shared/domain/ingest/source';
import { EMPTY_TEMPLATE_STORE, findTemplates, saveTemplate, type TemplateStore } from '../../../shared/domain/ingest/templates';
import { CrsField } from './CrsField';
import { ImportSummary } from './ImportSummary';
import { describeImportError, importFile, IngestWorkerClient, quarantineCsv, type ImportedDataset } from './import-task';
import { MappingTable } from './MappingTable';
import { JurisdictionField, KindField, SheetField, type ChosenJurisdiction } from './ImportOptions';
import { ReferenceLayerForm } from './ReferenceLayerForm';
import { listWorkbookSheets } from './workbook-sheets';
import { detectSensitiveColumns } from '../../../shared/domain/privacy/sensitive';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';
import type { Store } from '../../state/store';
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
  /** The app's store: reference layers are added to its project, exports and choices logged in its log. */
  store: Store;
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
export function ImportDialog({ engine, host, onImported, onClose, templates, onTemplatesChange, store: appStore }: ImportDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<IngestError | null>(null);
  const [kind, setKind] = useState<DatasetKind>('incidents');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [crs, setCrs] = useState<string | undefined>(undefined);
  const [templateName, setTemplateName] = useState('');
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [jurisdiction, setJurisdiction] = useState<ChosenJurisdiction | null>(null);
  const [sensitive, setSensitive] = useState<ReadonlySet<string>>(new Set());
  const [sensitiveWhy, setSensitiveWhy] = useState<ReadonlyMap<string, string>>(new Map());
  const [exported, setExported] = useState<string | null>(null);
  const [localTemplates, setLocalTemplates] = useState<TemplateStore>(templates ?? EMPTY_TEMPLATE_STORE);
  const store = templates ?? localTemplates;
  const abort = useRef<AbortController | null>(null);
  const worker = useMemo(() => new IngestWorkerClient(), []);
  useEffect(() => () => worker.terminate(), [worker]);

  const preview = async (file: HostFile, k: DatasetKind, sheetName?: string) => {
    setError(null);
    setStep({ kind: 'previewing', file });
    // A workbook's sheets are listed from its workbook.xml alone (cheap); the preview reads the chosen one.
    const listed = /\.xlsx$/i.test(file.name) ? listWorkbookSheets(file.bytes, file.name) : null;
    setSheets(listed?.ok ? listed.value : []);
    setSheet(sheetName);
    const r = await worker.preview(file.name, file.bytes, { kind: k, maxBytes: DEFAULT_MAX_FILE_BYTES, ...(sheetName !== undefined ? { sheet: sheetName } : {}) });
    if (!r.ok) {
      setError(r.error);
      setStep({ kind: 'choose' });
      return;
    }
    const offered = findTemplates(store, r.value.columns)[0];
    const nextMapping = offered ? { ...offered.mapping, kind: k } : r.value.detected.mapping;
    setMapping(nextMapping);
    setCrs(offered?.mapping.crs);
    // Columns with an analysis role are judged by name only ("ASSAULT, SIMPLE" is no person).
    const found = detectSensitiveColumns(r.value.columns, r.value.rows, new Set(Object.values(nextMapping.roles).filter((c): c is string => typeof c === 'string')));
    setSensitive(new Set(found.map((f) => f.column)));
    setSensitiveWhy(new Map(found.map((f) => [f.column, `marked: ${f.why}`])));
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
    setExported(null);
    setStep({ ...step, kind: 'importing', progress: null });
    const options = {
      kind,
      mapping: { ...mapping, kind, ...(crs ? { crs } : {}) },
      ...(crs ? { crs } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(jurisdiction ? { jurisdiction: jurisdiction.polygons } : {}),
    };
    const onProgress = (p: IngestProgress) => setStep((s) => (s.kind === 'importing' ? { ...s, progress: p } : s));
    const r = await importFile(await engine, worker, step.file, options, onProgress, controller.signal, [...sensitive]);
    abort.current = null;
    if (!r.ok) {
      if (r.error.kind !== 'cancelled') setError(r.error);
      else setExported(`Import of ${step.file.name} cancelled: nothing was loaded, the datasets you had are unchanged.`);
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

  // quarantine.csv leaves the workbench: sensitive columns out unless included, and logged.
  const download = async (dataset: ImportedDataset, includeSensitive: boolean) => {
    const csv = await quarantineCsv(await engine, dataset.quarantineTable, dataset.sensitive, includeSensitive);
    const suggestedName = `${dataset.table}_quarantine.csv`;
    const saved = await host.saveFile({ suggestedName, bytes: csv.bytes as Uint8Array<ArrayBuffer>, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    if (!saved.ok) return setError(saved.error);
    if (!saved.value.saved) return;
    const file = saved.value.path ?? suggestedName;
    const entry = await toExportLogEntry({ kind: 'csv', format: 'csv', file, bytes: csv.bytes, rows: csv.rows, privacy: null, includeSensitive, omitted: csv.omitted, by: 'analyst', extra: { table: dataset.quarantineTable } });
    appStore.dispatch({ type: 'append-log', entry });
    setExported(`Exported ${csv.rows} quarantined rows to ${file}${csv.omitted.length ? ` without ${csv.omitted.join(', ')}` : ''}; logged.`);
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
            <ReferenceLayerForm host={host} store={appStore} />
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
                  if (step.kind === 'mapping') void preview(step.file, k, sheet);
                }}
              />
              {sheets.length > 1 && <SheetField sheets={sheets} value={sheet} onChange={(name) => step.kind === 'mapping' && void preview(step.file, kind, name)} />}
              <JurisdictionField host={host} value={jurisdiction} onChange={setJurisdiction} />
              <CrsField label="CRS of the X/Y columns" value={crs} onChange={setCrs} suggestions={crsSuggestions} />
              <label className="ingest-field">
                <span>Save this mapping as</span>
                <input value={templateName} placeholder="template name" onChange={(e) => setTemplateName(e.target.value)} />
              </label>
              <button type="button" disabled={templateName.trim() === ''} onClick={saveAsTemplate}>
                Save template
              </button>
            </div>
            <MappingTable
              columns={step.preview.columns}
              rows={step.preview.rows}
              mapping={mapping}
              evidence={step.preview.detected.evidence}
              onChange={setMapping}
              sensitive={sensitive}
              sensitiveWhy={sensitiveWhy}
              onSensitiveChange={(column, on) => {
                const next = new Set(sensitive);
                if (on) next.add(column);
                else next.delete(column);
                setSensitive(next);
                setSensitiveWhy(new Map(sensitiveWhy).set(column, on ? 'marked by you' : 'unmarked by you'));
              }}
            />
            {step.kind === 'importing' ? (
              <div aria-live="polite">
                <progress className="ingest-progress" max={1} value={step.progress?.fraction ?? 0} />
                <p className="progress">{step.progress?.message ?? 'Starting…'}</p>
              </div>
            ) : null}
          </>
        )}
        {step.kind === 'done' && <ImportSummary summary={step.dataset.summary} sensitive={step.dataset.sensitive} onDownloadQuarantine={(include) => void download(step.dataset, include)} />}
        {exported && <p className="notice" role="status">{exported}</p>}
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
