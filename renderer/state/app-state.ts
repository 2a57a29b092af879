import type { IncidentPoints } from '../../shared/domain/explore/query-incident-points';
import type { PlainValue } from '../../shared/engine/arrow-values';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import type { DatasetMeta, LogEntry } from '../../shared/domain/project/manifest';
import type { ProjectLayer } from '../../shared/domain/project/project';
import type { PartProblem } from '../../shared/domain/project/read-project';
import type { StyleSpecification } from 'maplibre-gl';
import type { MapLabel } from '../map/label-layer';
import { EMPTY_FILTER, type ExploreFilter } from '../../shared/domain/explore/filters';
import { DEFAULT_LAYER_SETTINGS, type LayerSettings } from '../../shared/domain/explore/layer-settings';

/** A dataset shown on the map. */
export interface DatasetView {
  name: string;
  table: string;
  rows: number;
  points: IncidentPoints;
  countsByGroup: number[];
  /** What the import reported (normalized datasets): kept for the project's quality report. */
  imported?: { quarantineTable: string; summary: unknown; kind: string; sourceCrs: string | null; analysisCrs: string | null };
  /** The dataset as stored in the open project (its description and Parquet bytes), if any. */
  stored?: { meta: DatasetMeta; parquet: Uint8Array | undefined };
  /** Columns marked sensitive at import (masked when shown, left out of exports); saved as `DatasetMeta.sensitive`. */
  sensitive?: readonly string[];
}

/** The base map: an offline style and where to look. */
export interface BasemapView {
  style: StyleSpecification;
  bounds: [number, number, number, number] | null;
  labels: MapLabel[];
  title: string;
}

/** The project's map document (saved as `docs/map.json`): every change to it can be undone. */
export interface MapDoc {
  /** visibleGroups[i] for OFFENSE_GROUPS[i]; the last entry is "unmapped". */
  visibleGroups: readonly boolean[];
  pointRadius: number;
  /** Which layer shows the incidents and its style (explore). */
  layer: LayerSettings;
  /** Filter shared by the map, the counts and the charts (groups follow `visibleGroups`). */
  filter: ExploreFilter;
  /**
   * Every other project document by its path below `docs/` (`designs/<name>`, `layouts/<name>`,
   * `evaluations/<name>`, `annotations`, `bookmarks`, ...), kept as opened and saved back, so a
   * design made with the CLI survives a save from the app. Edits go through `set-document` and
   * can be undone like any map change.
   */
  documents: Readonly<Record<string, unknown>>;
}

/** Which project is open and where it lives. */
export interface ProjectView {
  title: string;
  /** File name when it was opened from or saved to a file; null for a new project. */
  fileName: string | null;
  path: string | null;
  readOnly: boolean;
  problems: PartProblem[];
  createdAt: string;
  layers: ProjectLayer[];
  log: LogEntry[];
}

/** The whole UI state: immutable, replaced by `reduce` on every action. */
export interface AppState {
  phase: 'starting' | 'ready' | 'error';
  progress: string;
  error: string | null;
  notice: string | null;
  dataset: DatasetView | null;
  basemap: BasemapView | null;
  project: ProjectView;
  doc: MapDoc;
  /** Undo/redo stacks of earlier and undone map documents. */
  history: { past: readonly MapDoc[]; future: readonly MapDoc[] };
  /** The doc as last opened or saved (identity compare: unsaved when `doc !== savedDoc`). */
  savedDoc: MapDoc;
  /** True when data changed since the last open/save (a dataset was loaded). */
  dataDirty: boolean;
  selected: { rowId: number; record: Record<string, PlainValue> } | null;
  aboutOpen: boolean;
  /** An autosave found at start-up that the analyst can recover. */
  recovery: { savedAt: string; title: string } | null;
}

export type AppAction =
  | { type: 'progress'; message: string }
  | { type: 'dataset-loaded'; dataset: DatasetView; basemap: BasemapView; log?: LogEntry }
  | { type: 'project-opened'; dataset: DatasetView | null; basemap: BasemapView; project: ProjectView; doc: MapDoc | null; dirty?: boolean }
  | { type: 'project-saved'; fileName: string; path: string | null; log: LogEntry }
  | { type: 'failed'; message: string }
  | { type: 'notice'; message: string | null }
  | { type: 'toggle-group'; index: number }
  | { type: 'set-radius'; pixels: number }
  | { type: 'set-layer'; layer: LayerSettings }
  | { type: 'set-filter'; filter: ExploreFilter }
  /** Sets (or, with `value: undefined`, removes) project document `path`; `log` is appended to the project log. */
  | { type: 'set-document'; path: string; value: unknown; log?: LogEntry }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; selection: AppState['selected'] }
  | { type: 'about'; open: boolean }
  | { type: 'recovery'; offer: AppState['recovery'] }
  // Session (in one room): a follow-up log entry (a decision note) and a bookmark restore.
  /** Appends `entry` to the project log (not undoable: the log is append-only); marks the project unsaved. */
  | { type: 'append-log'; entry: LogEntry }
  /** Sets layer, filter and visible groups together: one undo step (restoring a bookmark). */
  | { type: 'apply-map-settings'; layer: LayerSettings; filter: ExploreFilter; visibleGroups: readonly boolean[] }
  // Import (issue 3): a reference layer loaded from the import dialog.
  /** Adds `layer` to the project (first, so the base map draws it; one of the same id is replaced), logged; marks the project unsaved. */
  | { type: 'add-layer'; layer: ProjectLayer; basemap: BasemapView; log: LogEntry };

const HISTORY_LIMIT = 200;

export const DEFAULT_DOC: MapDoc = {
  visibleGroups: new Array(OFFENSE_GROUPS.length + 1).fill(true),
  pointRadius: 2.5,
  layer: DEFAULT_LAYER_SETTINGS,
  filter: EMPTY_FILTER,
  documents: {},
};

/** The state before anything has loaded. */
export const INITIAL_STATE: AppState = {
  phase: 'starting',
  progress: 'Starting…',
  error: null,
  notice: null,
  dataset: null,
  basemap: null,
  project: { title: 'Untitled project', fileName: null, path: null, readOnly: false, problems: [], createdAt: new Date(0).toISOString(), layers: [], log: [] },
  doc: DEFAULT_DOC,
  history: { past: [], future: [] },
  savedDoc: DEFAULT_DOC,
  dataDirty: false,
  selected: null,
  aboutOpen: false,
  recovery: null,
};

/** True when the project has changes that are not in a file. */
export function isDirty(state: AppState): boolean {
  return state.dataDirty || state.doc !== state.savedDoc;
}

/** Replaces the map document, recording the old one for undo (redo history is cleared). */
function editDoc(state: AppState, doc: MapDoc): AppState {
  const past = [...state.history.past, state.doc].slice(-HISTORY_LIMIT);
  return { ...state, doc, history: { past, future: [] } };
}

/** Pure updater: (state, action) -> new state; unchanged parts keep their identity. */
export function reduce(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'progress':
      return { ...state, progress: action.message };
    case 'dataset-loaded':
      return {
        ...state,
        phase: 'ready',
        progress: '',
        error: null,
        dataset: action.dataset,
        basemap: action.basemap,
        selected: null,
        dataDirty: state.phase !== 'starting',
        project: action.log ? { ...state.project, log: [...state.project.log, action.log] } : state.project,
      };
    case 'project-opened': {
      const doc = action.doc ?? DEFAULT_DOC;
      return {
        ...state,
        phase: 'ready',
        progress: '',
        error: null,
        dataset: action.dataset,
        basemap: action.basemap,
        project: action.project,
        doc,
        savedDoc: action.dirty ? DEFAULT_DOC : doc,
        history: { past: [], future: [] },
        dataDirty: action.dirty ?? false,
        selected: null,
        recovery: null,
      };
    }
    case 'project-saved':
      return {
        ...state,
        savedDoc: state.doc,
        dataDirty: false,
        project: { ...state.project, fileName: action.fileName, path: action.path, readOnly: false, problems: [], log: [...state.project.log, action.log] },
        notice: `Saved ${action.fileName}`,
      };
    case 'failed':
      return { ...state, phase: state.dataset ? 'ready' : 'error', error: action.message, progress: '' };
    case 'notice':
      return { ...state, notice: action.message, error: action.message === null ? null : state.error };
    case 'toggle-group': {
      if (action.index < 0 || action.index >= state.doc.visibleGroups.length) return state;
      return editDoc(state, { ...state.doc, visibleGroups: state.doc.visibleGroups.map((v, i) => (i === action.index ? !v : v)) });
    }
    case 'set-radius':
      return Number.isFinite(action.pixels) && action.pixels > 0 && action.pixels !== state.doc.pointRadius
        ? editDoc(state, { ...state.doc, pointRadius: action.pixels })
        : state;
    case 'set-layer':
      return action.layer === state.doc.layer ? state : editDoc(state, { ...state.doc, layer: action.layer });
    case 'set-filter':
      return action.filter === state.doc.filter ? state : editDoc(state, { ...state.doc, filter: action.filter });
    case 'set-document': {
      if (action.path === 'map' || action.path.length === 0) return state;
      const { [action.path]: old, ...rest } = state.doc.documents;
      if (old === action.value && !action.log) return state;
      const documents = action.value === undefined ? rest : { ...state.doc.documents, [action.path]: action.value };
      const next = editDoc(state, { ...state.doc, documents });
      return action.log ? { ...next, project: { ...next.project, log: [...next.project.log, action.log] } } : next;
    }
    case 'undo': {
      const previous = state.history.past.at(-1);
      if (!previous) return state;
      return { ...state, doc: previous, history: { past: state.history.past.slice(0, -1), future: [state.doc, ...state.history.future] } };
    }
    case 'redo': {
      const next = state.history.future[0];
      if (!next) return state;
      return { ...state, doc: next, history: { past: [...state.history.past, state.doc], future: state.history.future.slice(1) } };
    }
    case 'select':
      return { ...state, selected: action.selection };
    case 'about':
      return { ...state, aboutOpen: action.open };
    case 'recovery':
      return { ...state, recovery: action.offer };
    case 'append-log':
      return { ...state, dataDirty: true, project: { ...state.project, log: [...state.project.log, action.entry] } };
    case 'apply-map-settings': {
      // Equal settings keep their identity, so restoring the view already shown is no undo step.
      const d = state.doc;
      const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);
      const layer = same(action.layer, d.layer) ? d.layer : action.layer;
      const filter = same(action.filter, d.filter) ? d.filter : action.filter;
      const visibleGroups = same(action.visibleGroups, d.visibleGroups) ? d.visibleGroups : [...action.visibleGroups];
      if (layer === d.layer && filter === d.filter && visibleGroups === d.visibleGroups) return state;
      return editDoc(state, { ...d, layer, filter, visibleGroups });
    }
    case 'add-layer': {
      const layers = [action.layer, ...state.project.layers.filter((l) => l.meta.id !== action.layer.meta.id)];
      return { ...state, basemap: action.basemap, dataDirty: true, project: { ...state.project, layers, log: [...state.project.log, action.log] } };
    }
  }
}
