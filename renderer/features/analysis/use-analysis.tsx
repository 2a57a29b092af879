import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { analysisDocumentKey, nextAnalysisId } from '../../../shared/domain/analysis/document';
import { buildFilterWhereSql } from '../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { effectiveFilter, type ExploreView } from '../explore/use-explore';
import { logEntry } from '../project/project-tasks';
import type { AnalysisDoc } from './analysis-jobs';
import { buildAnalysisLayers } from './analysis-layers';
import { jobUnitLayer } from './analysis-unit-layers';
import { DEFAULT_PARAMS, methodFromParams, needsDates, toCliCommand, unitChoices, type MethodKind, type PanelParams, type UnitChoice } from './analysis-params';
import { loadRowFacts, selectJobPoints, type RowFacts } from './analysis-points';
import { AnalysisWorkerClient } from './analysis-worker-client';
import { AnalysisPanel } from './AnalysisPanel';

/** What the panel shows while a job runs. */
export interface Running {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

/** The panel's controller: form, run/cancel, the shown document, save and re-show. */
export interface AnalysisController {
  readonly kind: MethodKind;
  setKind(kind: MethodKind): void;
  readonly params: PanelParams;
  setParams(p: Partial<PanelParams>): void;
  /** Units concentration can count in: cells, then the project's street and polygon layers. */
  readonly unitChoices: readonly UnitChoice[];
  readonly running: Running | null;
  readonly error: string | null;
  /** The document on the map (live or re-shown). */
  readonly doc: AnalysisDoc | null;
  /** Its key when it is saved in the project. */
  readonly savedKey: string | null;
  /** The command line that re-runs the shown live result. */
  readonly command: string | null;
  readonly ms: number | null;
  readonly saved: readonly { key: string; doc: AnalysisDoc }[];
  readonly canSave: boolean;
  run(): void;
  cancel(): void;
  save(): void;
  show(key: string): void;
  clear(): void;
}

/**
 * The Analysis panel and its map layers. Jobs run in the analysis worker on the map's filtered
 * points; results are project documents (analyses/<id>) saved with a log entry and re-shown
 * from the saved document. App renders `panel` in the side panel and adds `layers` to the map.
 */
export function useAnalysis(store: Store, enginePromise: Promise<SqlEngine>, state: AppState, explore: ExploreView) {
  const [kind, setKind] = useState<MethodKind>('moran');
  const [params, setParamsState] = useState<PanelParams>(DEFAULT_PARAMS);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState<{ doc: AnalysisDoc; command: string; ms: number } | null>(null);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const facts = useRef<{ table: string; facts: Promise<RowFacts> } | null>(null);
  const client = useRef<AnalysisWorkerClient | null>(null);
  const { dataset } = state;
  const documents = state.doc.documents;

  useEffect(() => {
    const c = new AnalysisWorkerClient();
    client.current = c;
    return () => c.dispose();
  }, []);
  useEffect(() => {
    client.current?.cancel();
    facts.current = null;
    setLive(null);
    setRunning(null);
    setError(null);
  }, [dataset]);

  const setParams = useCallback((p: Partial<PanelParams>) => setParamsState((o) => ({ ...o, ...p })), []);

  const run = useCallback(() => {
    const base = explore.base;
    const points = explore.points;
    if (!dataset || !base || !points) {
      setError('The incidents are still loading.');
      return;
    }
    const checked = methodFromParams(kind, params);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    setShownKey(null);
    setRunning({ label: 'Reading the incidents…', done: 0, total: 0 });
    if (facts.current?.table !== dataset.table) {
      const crs = dataset.stored?.meta.crs.analysis ?? dataset.imported?.analysisCrs ?? null;
      facts.current = { table: dataset.table, facts: enginePromise.then((e) => loadRowFacts(e, dataset.table, base, crs)) };
    }
    const where = base.columns ? buildFilterWhereSql(effectiveFilter(state.doc.filter, state.doc.visibleGroups), base.columns).trim() : '';
    const filter = where === 'TRUE' ? '' : where;
    void facts.current.facts
      .then((f) => {
        const p = selectJobPoints(points, f, base.crs, needsDates(kind));
        setRunning({ label: kind === 'knox' ? 'Knox Monte Carlo simulations' : 'Computing', done: 0, total: 0 });
        const dataHash = dataset.stored?.meta.source.sha256 ?? 'not saved yet';
        return client.current!.run(
          {
            method: checked.method,
            crs: p.crs,
            x: p.x,
            y: p.y,
            days: p.days,
            addresses: p.addresses,
            weights: p.weights,
            pointsNote: p.note,
            unitLayer: jobUnitLayer(checked.method, state.project.layers),
            provenance: {
              id: 'unsaved',
              createdAt: new Date().toISOString(),
              dataHash,
              dataset: { id: dataset.stored?.meta.id ?? dataset.name, rows: dataset.rows, matched: explore.count ?? points.rowId.length, used: p.x.length, filter: filter || null },
              by: 'analyst',
            },
          },
          (done, total) => setRunning((r) => (r ? { ...r, done, total } : r)),
        ).then((outcome) => ({ outcome, filter }));
      })
      .then(({ outcome, filter: f }) => {
        if (!outcome) return;
        setRunning(null);
        if (!outcome.ok) setError(outcome.error);
        else setLive({ doc: outcome.doc, command: toCliCommand(checked.method, f || null), ms: outcome.ms });
      })
      .catch((e: unknown) => {
        setRunning(null);
        setError(e instanceof Error ? e.message : String(e));
      });
  }, [dataset, explore.base, explore.points, explore.count, kind, params, enginePromise, state.doc.filter, state.doc.visibleGroups, state.project.layers]);

  const cancel = useCallback(() => {
    client.current?.cancel();
    setRunning(null);
    setError('Cancelled: nothing was computed or saved.');
  }, []);

  const saved = useMemo(
    () =>
      Object.entries(documents)
        .filter(([k, v]) => k.startsWith('analyses/') && v && typeof v === 'object')
        .map(([key, doc]) => ({ key, doc: doc as AnalysisDoc }))
        .sort((a, b) => String(b.doc.createdAt).localeCompare(String(a.doc.createdAt))),
    [documents],
  );

  const save = useCallback(() => {
    if (!live) return;
    const createdAt = new Date().toISOString();
    const verb = String(live.doc.verb);
    const id = nextAnalysisId(verb, createdAt, store.getState().doc.documents);
    const key = analysisDocumentKey(id);
    const ds = live.doc.dataset as { id?: string; filter?: string | null } | undefined;
    const value: AnalysisDoc = { ...live.doc, id, createdAt, command: live.command };
    const log = {
      ...logEntry(`analysis.${verb}`, { ...(live.doc.parameters as object), dataset: ds?.id ?? null, filter: ds?.filter ?? null, document: key }),
      dataHashes: typeof live.doc.dataHash === 'string' && /^[0-9a-f]{64}$/.test(live.doc.dataHash) && ds?.id ? { [ds.id]: live.doc.dataHash } : {},
    };
    store.dispatch({ type: 'set-document', path: key, value, log });
    setLive(null);
    setShownKey(key);
  }, [live, store]);

  const show = useCallback((key: string) => {
    setLive(null);
    setError(null);
    setShownKey(key);
  }, []);
  const clear = useCallback(() => {
    setLive(null);
    setShownKey(null);
  }, []);

  const shownDoc = shownKey ? ((documents[shownKey] as AnalysisDoc | undefined) ?? null) : null;
  const doc = live?.doc ?? shownDoc;
  const layers = useMemo(() => buildAnalysisLayers(doc), [doc]);
  const choices = useMemo(() => unitChoices(state.project.layers, params.snap), [state.project.layers, params.snap]);
  const c: AnalysisController = {
    kind,
    setKind,
    params,
    setParams,
    unitChoices: choices,
    running,
    error,
    doc,
    savedKey: live ? null : shownKey,
    command: live?.command ?? (typeof shownDoc?.command === 'string' ? shownDoc.command : null),
    ms: live?.ms ?? null,
    saved,
    canSave: live !== null && !state.project.readOnly,
    run,
    cancel,
    save,
    show,
    clear,
  };
  const panel = dataset ? <AnalysisPanel c={c} /> : null;
  return { panel, layers };
}
