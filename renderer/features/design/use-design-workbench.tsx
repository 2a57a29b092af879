import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import type { Rings } from '../../../shared/domain/design/areas';
import { parsePeriod, type DayPeriod } from '../../../shared/domain/design/period';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { MatchMethod } from '../../../shared/domain/design/match-report';
import { createTransform } from '../../../shared/domain/geo/crs';
import type { HostApi } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import type { ExploreView } from '../explore/use-explore';
import { buildDesignLayers, buildEditLayers, type MapArea } from './design-layers';
import { loadDesignData, type DesignData } from './design-points';
import { applyClick, applyDoubleClick, previewOutline, type DrawState, type DrawTool } from './drawing';
import { bufferOutlineLonLat, ringsToLonLat, type RingList, type XY } from './geometry';
import { DesignTabs } from './DesignTabs';
import { addDays, DEFAULT_SETTINGS, groundTruthStart, toMapAreas } from './workbench-defaults';
import { editPreview, useTargetEditing, type TargetEdit } from './use-target-editing';

/** A target area being designed (metres, the design CRS). */
export interface DraftTarget {
  readonly id: string;
  readonly name: string;
  readonly rings: RingList;
  readonly source: string;
}

/** Every setting of the Design panel (one object: saved designs restore it). */
export interface DesignSettings {
  readonly name: string;
  readonly preFrom: string;
  readonly preTo: string;
  readonly bufferM: number;
  readonly minAreaM2: number;
  readonly cellSizeM: number;
  /** Covariate terms (covariate-spec.ts): counts by group, total, monthly / quarterly history, trend. */
  readonly counts: boolean;
  readonly total: boolean;
  readonly history: boolean;
  readonly quarterly: boolean;
  readonly trend: boolean;
  readonly method: MatchMethod;
  /** Pair matching only: greedy or optimal (Hungarian) 1:1/1:k, replacement, exact category. */
  readonly pairing: 'greedy' | 'optimal';
  readonly replace: boolean;
  readonly exact: 'none' | 'district' | 'beat';
  readonly ratio: number;
  readonly caliper: number | null;
  readonly minDistanceM: number;
  readonly seed: number;
  /**
   * The unit (unit-spec.ts): grid cells of `cellSizeM`, hexagons `cellSizeM` across flats (the
   * analysis verbs' hex:M), street segments of layer `unitLayer`
   * snapped within `snapM`, the polygons of layer `unitLayer`, or circles of `circleRadiusM`.
   */
  readonly unitKind: 'grid' | 'hex' | 'segments' | 'polygons' | 'circles';
  readonly unitLayer: string;
  readonly snapM: number;
  readonly circleRadiusM: number;
  /** Other datasets of the project whose pre-period total is a covariate (ids: `total@ID`). */
  readonly otherDatasets: readonly string[];
  /** Offense-group counts of other datasets ("GROUP@ID": `counts:GROUP@ID`). */
  readonly otherGroups: readonly string[];
  /** Other datasets whose monthly pre-period history is a covariate (ids: `history:month@ID`). */
  readonly otherHistory: readonly string[];
  /** Numeric polygon-layer fields as covariates ("LAYER.FIELD": `field:LAYER.FIELD`). */
  readonly fields: readonly string[];
  /** Drop units without a value for a field covariate instead of stopping with an error. */
  readonly dropMissing: boolean;
}

export type WorkbenchTab = 'explore' | 'design' | 'evaluate';

/** What the panels need: state, data and actions. */
export interface DesignController {
  readonly store: Store;
  readonly host: HostApi;
  readonly engine: Promise<SqlEngine>;
  readonly state: AppState;
  readonly explore: ExploreView;
  readonly tab: WorkbenchTab;
  setTab(t: WorkbenchTab): void;
  readonly data: DesignData | null;
  readonly dataError: string | null;
  readonly settings: DesignSettings;
  setSettings(s: Partial<DesignSettings>): void;
  readonly targets: readonly DraftTarget[];
  setTargets(t: readonly DraftTarget[]): void;
  addTargets(shapes: readonly { rings: RingList; name?: string; source: string }[]): void;
  readonly selected: string | null;
  select(id: string | null): void;
  readonly draw: DrawState | null;
  startDraw(tool: DrawTool, replace?: string): void;
  cancelDraw(): void;
  /** The design on the map (built now or opened), with whether it is saved unchanged. */
  readonly current: DesignDoc | null;
  setCurrent(d: DesignDoc | null): void;
  /** Areas the Evaluate tab shows (its chosen design). */
  setEvaluationAreas(d: DesignDoc | null): void;
  /** The pre period parsed, or null when the fields are not a valid period. */
  readonly pre: DayPeriod | null;
  /** Target edits on the map (use-target-editing.ts): split by a line, move vertices, merge. */
  readonly edit: TargetEdit | null;
  readonly editMessage: string | null;
  setEditMessage(m: string | null): void;
  startSplit(id: string): void;
  startVertexEdit(id: string): void;
  stopEdit(): void;
  /** Merges the targets into the first of them; an error sentence when they are not one area. */
  mergeTargets(ids: readonly string[]): string | null;
}

/**
 * The Design and Evaluate workbench: panel tabs in the side panel, drawing on the map, and the
 * deck.gl layers of targets, buffers and comparisons. App renders `panel`, adds `layers` to the
 * map and passes `mapProps` to MapView.
 */
export function useDesignWorkbench(store: Store, host: HostApi, engine: Promise<SqlEngine>, state: AppState, explore: ExploreView) {
  const [tab, setTab] = useState<WorkbenchTab>('explore');
  const [data, setData] = useState<DesignData | null>(null);
  const [dataError, setDataError] = useState<string | null>(null);
  const [settings, setSettingsState] = useState<DesignSettings>(DEFAULT_SETTINGS);
  const [targets, setTargets] = useState<readonly DraftTarget[]>([]);
  const [selected, select] = useState<string | null>(null);
  const [draw, setDraw] = useState<DrawState | null>(null);
  const [hover, setHover] = useState<XY | null>(null);
  const [current, setCurrent] = useState<DesignDoc | null>(null);
  const [evaluationAreas, setEvaluationAreas] = useState<DesignDoc | null>(null);
  const replacing = useRef<string | null>(null);
  const replaceTargets = useCallback((t: readonly DraftTarget[]) => {
    setTargets(t);
    setCurrent(null);
  }, []);
  const editing = useTargetEditing(targets, replaceTargets);
  const { edit, stopEdit } = editing;
  const { dataset } = state;
  const base = explore.base;

  // The points load once per dataset, the first time a design tab opens.
  useEffect(() => {
    setData(null);
    setDataError(null);
    setTargets([]);
    setCurrent(null);
  }, [dataset]);
  useEffect(() => {
    if (tab === 'explore' || data || dataError || !dataset || !base) return;
    let live = true;
    void engine
      .then((e) => loadDesignData(e, dataset, base))
      .then((d) => {
        if (!live) return;
        setData(d);
        const start = groundTruthStart(store.getState().doc.documents);
        setSettingsState((s) => {
          if (s.preFrom) return s;
          const mid = addDays(d.firstDay, Math.floor((Date.parse(d.lastDay) - Date.parse(d.firstDay)) / 86_400_000 / 2));
          return { ...s, preFrom: d.firstDay, preTo: start && start > d.firstDay ? addDays(start, -1) : mid };
        });
      })
      .catch((e: unknown) => live && setDataError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [tab, data, dataError, dataset, base, engine, store]);

  const crs = data?.crs ?? null;
  const toXY = useMemo(() => (crs ? createTransform('EPSG:4326', crs) : null), [crs]);
  const setSettings = useCallback((s: Partial<DesignSettings>) => setSettingsState((o) => ({ ...o, ...s })), []);

  const addTargets = useCallback((shapes: readonly { rings: RingList; name?: string; source: string }[]) => {
    setTargets((list) => {
      const out = [...list];
      const replaceId = replacing.current;
      for (const s of shapes) {
        if (replaceId && out.some((t) => t.id === replaceId)) {
          const i = out.findIndex((t) => t.id === replaceId);
          out[i] = { ...out[i]!, rings: s.rings, source: s.source };
          replacing.current = null;
          continue;
        }
        let n = out.length + 1;
        while (out.some((t) => t.id === `T${n}`)) n++;
        out.push({ id: `T${n}`, name: s.name ?? `Target ${n}`, rings: s.rings, source: s.source });
      }
      return out;
    });
    setCurrent(null);
  }, []);

  const startDraw = useCallback((tool: DrawTool, replace?: string) => {
    stopEdit();
    replacing.current = replace ?? null;
    setDraw({ tool, vertices: [] });
    setHover(null);
  }, [stopEdit]);
  const cancelDraw = useCallback(() => {
    replacing.current = null;
    setDraw(null);
    setHover(null);
  }, []);

  useEffect(() => {
    if (!draw && !edit) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      cancelDraw();
      stopEdit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draw, edit, cancelDraw, stopEdit]);

  const onMapClick = useCallback(
    (lngLat: [number, number], metresPerPixel?: number) => {
      if (edit && toXY) {
        editing.onEditClick(toXY(lngLat[0], lngLat[1]), metresPerPixel ?? 1);
        return;
      }
      if (!draw || !toXY) return;
      const step = applyClick(draw, toXY(lngLat[0], lngLat[1]), Math.max(1, 6 * (metresPerPixel ?? 0)));
      if (step.shape) {
        addTargets([{ rings: step.shape, source: draw.tool }]);
        setDraw(null);
        setHover(null);
      } else setDraw(step.state);
    },
    [draw, toXY, addTargets, edit, editing],
  );
  const onMapDoubleClick = useCallback(() => {
    if (!draw) return;
    const step = applyDoubleClick(draw);
    if (step.shape) {
      addTargets([{ rings: step.shape, source: draw.tool }]);
      setDraw(null);
      setHover(null);
    }
  }, [draw, addTargets]);
  const onMapMove = useCallback((lngLat: [number, number]) => {
    if (toXY && ((draw && draw.vertices.length > 0) || edit)) setHover(toXY(lngLat[0], lngLat[1]));
  }, [draw, toXY, edit]);

  const layers = useMemo((): Layer[] => {
    if (tab === 'explore' || !crs) return [];
    const areas: MapArea[] = [];
    if (tab === 'evaluate') {
      if (evaluationAreas) areas.push(...toMapAreas(evaluationAreas, crs, 'target', evaluationAreas.targets), ...toMapAreas(evaluationAreas, crs, 'comparison', evaluationAreas.comparisons));
      return buildDesignLayers(areas, null, 'evaluation');
    }
    // A built design shows its own areas (a randomized one's treatment places are not the drafts).
    if (current) areas.push(...toMapAreas(current, crs, 'target', current.targets), ...toMapAreas(current, crs, 'comparison', current.comparisons));
    else for (const t of targets) {
      const rings = ringsToLonLat(t.rings, crs);
      areas.push({ id: `target-${t.id}`, label: t.name.length > 24 ? t.id : t.name, rings, bufferOutline: bufferOutlineLonLat(rings, settings.bufferM), role: 'target', selected: t.id === selected });
    }
    const back = createTransform(crs, 'EPSG:4326');
    const draft = draw ? { vertices: draw.vertices.map(([x, y]) => back(x, y)), outline: previewOutline(draw, hover)?.map(([x, y]) => back(x, y)) ?? null } : null;
    const shape = current ? null : editPreview(edit, targets, hover);
    const ll = (v: readonly (readonly [number, number])[]) => v.map(([x, y]) => back(x, y));
    return [...buildDesignLayers(areas, draft), ...(shape ? buildEditLayers({ handles: ll(shape.handles), midpoints: ll(shape.midpoints), outline: shape.outline ? ll(shape.outline) : null }) : [])];
  }, [tab, crs, targets, settings.bufferM, selected, current, draw, hover, evaluationAreas, edit]);

  const pre = useMemo(() => {
    const p = parsePeriod('pre', `${settings.preFrom}..${settings.preTo}`);
    return p.ok ? p.value : null;
  }, [settings.preFrom, settings.preTo]);

  const controller: DesignController = {
    store,
    host,
    engine,
    state,
    explore,
    tab,
    setTab,
    data,
    dataError,
    settings,
    setSettings,
    targets,
    setTargets: replaceTargets,
    addTargets: (shapes) => {
      editing.setMessage(null);
      addTargets(shapes);
    },
    selected,
    select,
    draw,
    startDraw,
    cancelDraw,
    current,
    setCurrent,
    setEvaluationAreas,
    pre,
    edit,
    editMessage: editing.message,
    setEditMessage: editing.setMessage,
    startSplit: (id) => {
      cancelDraw();
      editing.startSplit(id);
    },
    startVertexEdit: (id) => {
      cancelDraw();
      editing.startVertexEdit(id);
    },
    stopEdit,
    mergeTargets: editing.mergeTargets,
  };
  return {
    tab,
    layers,
    mapProps: { drawing: draw !== null || edit !== null, onMapClick, onMapDoubleClick, onMapMove },
    panel: <DesignTabs c={controller} />,
  };
}

/** Rings of a design area as the draft list holds them. */
export function toDraftRings(rings: Rings): RingList {
  return rings.map((r) => r.map(([x, y]) => [x, y] as [number, number]));
}
