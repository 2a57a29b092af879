/**
 * The briefing map's data in the app: the map's filtered points and period (read through the
 * engine with the map document's filter, exactly as `spi export map` does), the reference
 * layers, the grid/KDE layer on screen (or computed when the view has none), annotations and
 * the layout's design.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import type { Layout } from '../../../shared/domain/outputs/layout/layout-schema';
import { computeAnalysisLayer, designAreas, type MapData, type MapPoints } from '../../../shared/domain/outputs/layout/map-data';
import { queryLayoutPoints } from '../../../shared/domain/outputs/layout/query-points';
import { ANNOTATIONS_DOC, parseAnnotations } from '../../../shared/domain/session/annotations';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';

/** The map data for `layout`, or an error message; null while loading. */
export function useLayoutData(state: AppState, engine: Promise<SqlEngine>, layout: Layout | null): { data: MapData | null; error: string | null } {
  const { dataset } = state;
  const { filter, visibleGroups, layer, documents } = state.doc;
  const [base, setBase] = useState<{ points: MapPoints | null; dateRange: MapData['dateRange'] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!dataset) {
      setBase({ points: null, dateRange: null });
      return;
    }
    void engine.then(async (e) => {
      const q = await queryLayoutPoints(e, dataset.table, filter, visibleGroups);
      if (!live) return;
      if (q.ok) setBase(q.value);
      else setError(formatAppError(q.error));
    });
    return () => {
      live = false;
    };
  }, [engine, dataset, filter, visibleGroups]);

  const wantsAnalysis = layout?.map.analysisLayer ?? false;
  const analysis = useMemo(() => {
    if (!base?.points || !wantsAnalysis || base.points.lon.length === 0) return { layer: null, error: null };
    const a = computeAnalysisLayer(base.points, visibleGroups, layer);
    return a.ok ? { layer: a.value, error: null } : { layer: null, error: `The map's ${layer.kind} layer is left out: ${formatStatsError(a.error)}` };
  }, [base, wantsAnalysis, visibleGroups, layer]);

  const designName = layout?.map.design ?? null;
  const areas = useMemo(() => {
    if (!designName) return { list: [], error: null };
    const d = readDesignDocument(documents, designName);
    return d.ok ? { list: designAreas(d.value), error: null } : { list: [], error: formatAppError(d.error) };
  }, [documents, designName]);

  const data = useMemo<MapData | null>(
    () =>
      base && {
        points: base.points,
        visibleGroups,
        referenceLayers: state.project.layers,
        analysis: analysis.layer,
        annotations: parseAnnotations(documents[ANNOTATIONS_DOC]).annotations,
        areas: areas.list,
        designName,
        dateRange: base.dateRange,
        privacyLine: null,
      },
    [base, visibleGroups, state.project.layers, analysis, documents, areas, designName],
  );
  return { data, error: error ?? analysis.error ?? areas.error };
}
