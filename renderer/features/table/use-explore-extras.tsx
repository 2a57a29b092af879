import { useMemo, useState, type ReactNode } from 'react';
import type { Layer } from '@deck.gl/core';
import type { HostApi } from '../../../shared/contract/host-api';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { CompstatPanel } from '../compstat/CompstatPanel';
import { useAreaDrawing, type AreaDrawing } from '../explore/use-area-drawing';
import { effectiveFilter } from '../explore/use-explore';
import { PlaybackBar } from '../playback/PlaybackBar';
import { formatFrame } from '../playback/playback-steps';
import { usePlayback } from '../playback/use-playback';
import { IncidentTable } from './IncidentTable';
import { buildSelectedLayer, pointOf } from './select-incident';
import { useTableInfo } from './table-info';
import './table.css';

/** What the workbench takes from the explore extras. */
export interface ExploreExtras {
  /** The filter the SQL runs: the saved one (plus legend groups), with playback's dates while it plays. */
  readonly filter: ExploreFilter;
  /** Map layers: a ring on the selected incident, the drawn filter area, the CompStat change map. */
  readonly layers: Layer[];
  /** MapView props of the area-drawing tool while it is drawing (empty otherwise). */
  readonly mapProps: AreaDrawing['mapProps'];
  /** Toolbar, table drawer, CompStat panel, playback bar and its big date label (inside the map area), given the filtered count. */
  overlay(count: number | null): ReactNode;
}

/**
 * The incident table, CompStat and playback, wired to the workbench: one hook so App.tsx needs
 * only a line or two. Playback is transient: its frame's dates replace the saved filter's in the
 * SQL filter only, so nothing enters the undo history until "Keep dates".
 */
export function useExploreExtras({ store, host, engine, state }: { store: Store; host: HostApi; engine: Promise<SqlEngine>; state: AppState }): ExploreExtras {
  const { dataset } = state;
  const info = useTableInfo(engine, dataset);
  const [open, setOpen] = useState({ table: false, compstat: false });
  const playback = usePlayback(info?.minDay ?? null, info?.maxDay ?? null);
  const frame = playback.frame;
  const { filter: saved, visibleGroups } = state.doc;
  const filter = useMemo(
    () => effectiveFilter(frame ? { ...saved, dateFrom: frame.from, dateTo: frame.to } : saved, visibleGroups),
    [saved, visibleGroups, frame],
  );
  const selectedRowId = state.selected?.rowId ?? null;
  const area = useAreaDrawing(store, saved);
  const [changeLayers, setChangeLayers] = useState<Layer[]>([]);
  const layers = useMemo(() => {
    const at = dataset && selectedRowId !== null ? pointOf(dataset, selectedRowId) : null;
    return [...changeLayers, ...area.layers, ...(at ? [buildSelectedLayer(at) as unknown as Layer] : [])];
  }, [dataset, selectedRowId, area.layers, changeLayers]);

  const ready = dataset !== null && info !== null;
  const toggle = (k: 'table' | 'compstat') => setOpen((o) => ({ ...o, [k]: !o[k] }));
  const overlay = (count: number | null) => (ready ? (
    <div className={open.table ? 'extras extras-open-table' : 'extras'}>
      <div className="extras-toolbar" role="toolbar" aria-label="Explore tools">
        <button
          type="button"
          aria-pressed={area.active}
          onClick={() => (area.active ? area.cancel() : area.start())}
          data-testid="draw-area"
          title="Filter to an area: click its corners on the map; double-click, Enter or click the first corner to finish; Esc cancels"
        >
          {area.active ? `Drawing… (${area.vertices})` : 'Draw area'}
        </button>
        <button type="button" aria-pressed={open.table} onClick={() => toggle('table')} data-testid="open-table">Table</button>
        <button type="button" aria-pressed={open.compstat} onClick={() => toggle('compstat')} data-testid="open-compstat">CompStat</button>
        <button type="button" aria-pressed={playback.active} onClick={() => (playback.active ? playback.stop() : playback.start(saved.dateTo))} data-testid="open-playback">
          Playback
        </button>
      </div>
      {frame && (
        <div className="playback-label" data-testid="playback-label" aria-live="polite">
          {formatFrame(frame)}
        </div>
      )}
      {area.active && (
        <div className="area-hint" role="status" data-testid="area-hint">
          Click the corners of the area · double-click, Enter or click the first corner to finish · Esc cancels
        </div>
      )}
      {open.compstat && <CompstatPanel engine={engine} host={host} info={info} filter={filter} dataset={dataset} onLayers={setChangeLayers} onClose={() => toggle('compstat')} />}
      {playback.active && (
        <PlaybackBar
          playback={playback}
          count={count}
          onKeep={(dateFrom, dateTo) => {
            store.dispatch({ type: 'set-filter', filter: { ...saved, dateFrom, dateTo } });
            playback.stop();
          }}
        />
      )}
      {open.table && (
        <IncidentTable engine={engine} host={host} store={store} dataset={dataset} info={info} filter={filter} selection={state.selected} onClose={() => toggle('table')} />
      )}
    </div>
  ) : null);
  return { filter, layers, overlay, mapProps: area.mapProps };
}
