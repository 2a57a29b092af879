import { useMemo, useState } from 'react';
import { ClusterTargets } from './ClusterTargets';
import { mergeCells, selectHotCells, selectTopCells } from './hotspot-targets';
import { circleRings, ringsFromLonLat } from './geometry';
import { searchAddresses, type AddressHit } from './design-points';
import { checkTargets, computeTargetStats, describeProblem, isBlocking } from './target-stats';
import type { DesignController } from './use-design-workbench';
import type { DrawTool } from './drawing';

const TOOLS: { tool: DrawTool; label: string; hint: string }[] = [
  { tool: 'polygon', label: 'Polygon', hint: 'Click the vertices; double-click (or click the first vertex) to finish.' },
  { tool: 'rectangle', label: 'Rectangle', hint: 'Click one corner, then the opposite corner.' },
  { tool: 'circle', label: 'Circle', hint: 'Click the centre, then a point on the edge.' },
];

/** Step 1: target areas — draw, search an address, or take hot spot cells; live counts and checks. */
export function TargetsSection({ c }: { c: DesignController }) {
  const { data, settings, targets, pre } = c;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<AddressHit[]>([]);
  const [radius, setRadius] = useState(150);
  const [topN, setTopN] = useState(10);
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const grid = c.explore.layer?.kind === 'grid' ? c.explore.layer.data : null;
  const stats = useMemo(() => (data && pre ? targets.map((t) => computeTargetStats(t.rings, data.points, pre)) : []), [data, pre, targets]);
  const problems = useMemo(() => checkTargets(targets, settings.bufferM, settings.minAreaM2, data?.extent ?? null), [targets, settings.bufferM, settings.minAreaM2, data]);
  if (!data) return null;

  const fromCells = (cells: number[], source: string) => {
    if (!grid) return;
    const merged = mergeCells(grid, cells);
    c.addTargets(merged.map((m) => ({ rings: ringsFromLonLat(m.rings, data.crs), source: `${source} (${m.cells.length} cell${m.cells.length > 1 ? 's' : ''})` })));
  };
  const hot = grid?.hotSpots;
  const tool = c.draw ? TOOLS.find((t) => t.tool === c.draw!.tool) : null;

  return (
    <section className="panel design-section">
      <h3>Target areas</h3>
      <div className="tool-row" role="toolbar" aria-label="Drawing tools">
        {TOOLS.map((t) => (
          <button key={t.tool} type="button" className={c.draw?.tool === t.tool ? 'on' : ''} aria-pressed={c.draw?.tool === t.tool} onClick={() => (c.draw?.tool === t.tool ? c.cancelDraw() : c.startDraw(t.tool))}>
            {t.label}
          </button>
        ))}
      </div>
      {tool && (
        <p className="draw-hint" role="status">
          {tool.hint} Esc cancels. <button type="button" className="link" onClick={c.cancelDraw}>Cancel</button>
        </p>
      )}
      {c.edit && (
        <p className="draw-hint" role="status" data-testid="edit-hint">
          {c.edit.kind === 'split'
            ? `Split ${c.edit.targetId}: click two points of a straight line across it.`
            : c.edit.picked === null
              ? `Editing ${c.edit.targetId}: click a white handle to pick up a vertex, or a pink one to add a vertex there.`
              : `Click where vertex ${c.edit.picked + 1} of ${c.edit.targetId} goes.`}{' '}
          Esc cancels. <button type="button" className="link" onClick={c.stopEdit}>Done</button>
        </p>
      )}
      {c.editMessage && <p className="note" role="status" data-testid="edit-message">{c.editMessage}</p>}
      <details className="design-more">
        <summary>Buffer around an address</summary>
        {data.address ? (
          <>
            <label className="field">
              Address contains
              <input type="search" data-testid="address-search" value={query} placeholder="e.g. INDUSTRIAL" onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void c.engine.then((en) => searchAddresses(en, data, query)).then(setHits)} />
            </label>
            <label className="field">
              Radius, m
              <input type="number" min={10} max={2000} step={10} value={radius} onChange={(e) => setRadius(Number(e.target.value))} />
            </label>
            <button type="button" onClick={() => void c.engine.then((en) => searchAddresses(en, data, query)).then(setHits)}>Search</button>
            <ul className="hit-list">
              {hits.map((h) => (
                <li key={h.address}>
                  <button type="button" className="link" onClick={() => { const r = circleRings([h.x, h.y], radius); if (r) c.addTargets([{ rings: r, name: h.address, source: `${radius} m around an address` }]); }}>
                    {h.address}
                  </button>{' '}
                  <span className="muted">({h.n} incidents)</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="note">The dataset has no address column.</p>
        )}
      </details>
      <details className="design-more">
        <summary>From the hot spot analysis</summary>
        {!grid && <p className="note">Switch “Show incidents as” to Grid counts (Explore tab) to take cells from it.</p>}
        {grid && hot && (
          <p>
            <button type="button" onClick={() => fromCells(selectHotCells(hot.bins, 3, grid.counts), 'Gi* hot spot 99%')}>Hot spots, 99%</button>{' '}
            <button type="button" onClick={() => fromCells(selectHotCells(hot.bins, 2, grid.counts), 'Gi* hot spot 95%')}>Hot spots, 95%+</button>
          </p>
        )}
        {grid && !hot && <p className="note">Colour the grid by Gi* hot spots (Explore tab) to take significant cells.</p>}
        {grid && (
          <p className="inline-fields">
            <label>
              Top <input type="number" min={1} max={200} value={topN} onChange={(e) => setTopN(Number(e.target.value))} /> cells by count
            </label>{' '}
            <button type="button" onClick={() => fromCells(selectTopCells(grid.counts, topN), `top ${topN} cells`)}>Add</button>
          </p>
        )}
        {grid && <p className="note">Neighbouring cells become one target (their outlines merged). Cells: {grid.shape === 'square' ? 'squares' : 'hexagons'} of {grid.cell} m.</p>}
      </details>
      <ClusterTargets c={c} />
      <div className="field-grid">
        <label className="field">
          Pre period from
          <input type="date" data-testid="pre-from" value={settings.preFrom} onChange={(e) => c.setSettings({ preFrom: e.target.value })} />
        </label>
        <label className="field">
          to
          <input type="date" data-testid="pre-to" value={settings.preTo} onChange={(e) => c.setSettings({ preTo: e.target.value })} />
        </label>
        <label className="field">
          Displacement buffer, m
          <input type="number" data-testid="buffer-m" min={0} max={2000} step={10} value={settings.bufferM} onChange={(e) => c.setSettings({ bufferM: Math.max(0, Number(e.target.value)) })} />
        </label>
        <label className="field">
          Minimum size, km²
          <input type="number" min={0} step={0.005} value={settings.minAreaM2 / 1e6} onChange={(e) => c.setSettings({ minAreaM2: Math.max(0, Number(e.target.value)) * 1e6 })} />
        </label>
      </div>
      {!pre && <p className="error">The pre period is not a valid pair of dates.</p>}
      {targets.length === 0 ? (
        <p className="note">No targets yet: draw one on the map, or take hot spot cells.</p>
      ) : (
        <>
        {ticked.filter((id) => targets.some((t) => t.id === id)).length >= 2 && (
          <p>
            <button type="button" data-testid="merge-targets" onClick={() => { const e = c.mergeTargets(ticked); c.setEditMessage(e); if (!e) setTicked([]); }}>
              Merge ticked ({ticked.filter((id) => targets.some((t) => t.id === id)).join(' + ')})
            </button>
          </p>
        )}
        <table className="design-table" data-testid="target-table">
          <thead>
            <tr>
              <th title="Tick targets to merge them">⊕</th>
              <th>Target</th>
              <th title="Incidents inside the area in the pre period (each case once)">Pre</th>
              <th>km²</th>
              <th>Top offenses</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {targets.map((t, i) => (
              <tr key={t.id} className={c.selected === t.id ? 'selected' : ''} onClick={() => c.select(t.id)}>
                <td>
                  <input type="checkbox" aria-label={`Tick ${t.id} to merge`} data-testid={`tick-${t.id}`} checked={ticked.includes(t.id)} onChange={(e) => setTicked(e.target.checked ? [...ticked, t.id] : ticked.filter((x) => x !== t.id))} />
                </td>
                <td>
                  <input className="name-input" aria-label={`Name of ${t.id}`} value={t.name} onChange={(e) => c.setTargets(targets.map((x) => (x.id === t.id ? { ...x, name: e.target.value } : x)))} />
                  <div className="muted">{t.id} · {t.source}</div>
                </td>
                <td className="num" data-testid={`target-count-${t.id}`}>{stats[i]?.count.toLocaleString('en-US') ?? '…'}</td>
                <td className="num">{stats[i] ? stats[i].areaKm2.toFixed(3) : '…'}</td>
                <td className="small">{stats[i]?.top.map((g) => `${g.group} ${g.n}`).join(', ') || '–'}</td>
                <td className="actions">
                  <button type="button" className="link" title="Move or add vertices on the map" data-testid={`edit-${t.id}`} onClick={() => c.startVertexEdit(t.id)}>Vertices</button>
                  <button type="button" className="link" title="Cut this target in two with a straight line" data-testid={`split-${t.id}`} onClick={() => c.startSplit(t.id)}>Split</button>
                  <button type="button" className="link" title="Draw this target again (rectangle)" onClick={() => c.startDraw('rectangle', t.id)}>Redraw</button>
                  <button type="button" className="link danger" aria-label={`Delete ${t.id}`} onClick={() => c.setTargets(targets.filter((x) => x.id !== t.id))}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </>
      )}
      {problems.length > 0 && (
        <ul className="problems" data-testid="target-problems">
          {problems.map((p, i) => (
            <li key={i} className={isBlocking(p) ? 'error' : 'warning'}>{describeProblem(p)}</li>
          ))}
        </ul>
      )}
      {targets.length > 0 && problems.length === 0 && <p className="ok-note">Checks passed: no overlaps, buffers clear, sizes above the minimum, inside the data.</p>}
    </section>
  );
}
