import type { IncidentPoints } from '../../shared/domain/explore/query-incident-points';
import type { PlainValue } from '../../shared/engine/arrow-values';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import type { StyleSpecification } from 'maplibre-gl';
import type { MapLabel } from '../map/label-layer';

/** A dataset shown on the map. */
export interface DatasetView {
  name: string;
  table: string;
  rows: number;
  points: IncidentPoints;
  countsByGroup: number[];
}

/** The base map: an offline style and where to look. */
export interface BasemapView {
  style: StyleSpecification;
  bounds: [number, number, number, number] | null;
  labels: MapLabel[];
  title: string;
}

/** The whole UI state: immutable, replaced by `reduce` on every action. */
export interface AppState {
  phase: 'starting' | 'ready' | 'error';
  progress: string;
  error: string | null;
  dataset: DatasetView | null;
  basemap: BasemapView | null;
  /** visibleGroups[i] for OFFENSE_GROUPS[i]; the last entry is "unmapped". */
  visibleGroups: readonly boolean[];
  pointRadius: number;
  selected: { rowId: number; record: Record<string, PlainValue> } | null;
  aboutOpen: boolean;
}

export type AppAction =
  | { type: 'progress'; message: string }
  | { type: 'dataset-loaded'; dataset: DatasetView; basemap: BasemapView }
  | { type: 'failed'; message: string }
  | { type: 'toggle-group'; index: number }
  | { type: 'set-radius'; pixels: number }
  | { type: 'select'; selection: AppState['selected'] }
  | { type: 'about'; open: boolean };

/** The state before anything has loaded. */
export const INITIAL_STATE: AppState = {
  phase: 'starting',
  progress: 'Starting…',
  error: null,
  dataset: null,
  basemap: null,
  visibleGroups: new Array(OFFENSE_GROUPS.length + 1).fill(true),
  pointRadius: 2.5,
  selected: null,
  aboutOpen: false,
};

/** Pure updater: (state, action) -> new state; unchanged parts keep their identity. */
export function reduce(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'progress':
      return { ...state, progress: action.message };
    case 'dataset-loaded':
      return { ...state, phase: 'ready', progress: '', error: null, dataset: action.dataset, basemap: action.basemap, selected: null };
    case 'failed':
      return { ...state, phase: state.dataset ? 'ready' : 'error', error: action.message, progress: '' };
    case 'toggle-group': {
      if (action.index < 0 || action.index >= state.visibleGroups.length) return state;
      const visibleGroups = state.visibleGroups.map((v, i) => (i === action.index ? !v : v));
      return { ...state, visibleGroups };
    }
    case 'set-radius':
      return Number.isFinite(action.pixels) && action.pixels > 0 ? { ...state, pointRadius: action.pixels } : state;
    case 'select':
      return { ...state, selected: action.selection };
    case 'about':
      return { ...state, aboutOpen: action.open };
  }
}
