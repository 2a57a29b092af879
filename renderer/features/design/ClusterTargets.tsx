import { useState } from 'react';
import { areaDistance, prepareArea } from '../../../shared/domain/design/areas';
import { clusterTargets } from './target-edit';
import type { DesignController } from './use-design-workbench';

/**
 * Targets from DBSCAN clusters of the pre-period incidents (eps, minimum points, how many, a
 * padding around each hull), largest clusters first; clusters overlapping a target already drawn
 * are left out (targets must be separate), and the note says how many. Runs on this thread: DBSCAN with a grid
 * index takes well under a second on a city's year of incidents.
 */
export function ClusterTargets({ c }: { c: DesignController }) {
  const [eps, setEps] = useState(75);
  const [minPoints, setMinPoints] = useState(40);
  const [max, setMax] = useState(5);
  const [pad, setPad] = useState(25);
  const [note, setNote] = useState<string | null>(null);
  const { data, pre } = c;
  if (!data) return null;
  const run = () => {
    if (!pre) return setNote('Set a valid pre period first.');
    // Enough candidates that `max` remain after leaving out those overlapping a target already drawn.
    const r = clusterTargets(data.points, pre, eps, minPoints, max + c.targets.length, pad);
    if (!r.ok) return setNote(r.error);
    const existing = c.targets.map((t) => prepareArea(t.rings, 0));
    const clear = r.targets.filter((t) => existing.every((e) => areaDistance(prepareArea(t.rings, 0), e) > 0));
    const added = clear.slice(0, max);
    const skipped = r.targets.length - clear.length;
    if (added.length === 0) return setNote(`No cluster to add: ${r.clusters} clusters with eps ${eps} m and ${minPoints} points (${r.noise.toLocaleString('en-US')} noise points)${skipped ? `, ${skipped} overlapping targets already drawn` : ''}. Raise eps or lower the minimum.`);
    const first = c.targets.filter((t) => t.name.startsWith('Cluster ')).length;
    c.addTargets(added.map((t, k) => ({ rings: t.rings, name: `Cluster ${first + k + 1}`, source: `DBSCAN eps ${eps} m, min ${minPoints} (${t.count} incidents)` })));
    setNote(`${r.clusters} clusters found (${r.noise.toLocaleString('en-US')} noise points); the ${added.length} largest added as targets (hull + ${pad} m)${skipped ? `; ${skipped} left out because they overlap a target already drawn` : ''}.`);
  };
  return (
    <details className="design-more" data-testid="dbscan-targets">
      <summary>From DBSCAN clusters</summary>
      <p className="note">Clusters of the pre-period incidents (Ester et al. 1996; scikit-learn’s conventions): a point with at least “min points” within eps metres is a core point; each cluster’s convex hull, widened by the padding, becomes a target.</p>
      <p className="inline-fields">
        <label>eps, m <input type="number" data-testid="dbscan-eps" min={5} max={2000} step={5} value={eps} onChange={(e) => setEps(Number(e.target.value))} /></label>{' '}
        <label>min points <input type="number" data-testid="dbscan-min" min={2} max={10000} value={minPoints} onChange={(e) => setMinPoints(Math.round(Number(e.target.value)))} /></label>{' '}
        <label>largest <input type="number" data-testid="dbscan-max" min={1} max={50} value={max} onChange={(e) => setMax(Math.round(Number(e.target.value)))} /></label>{' '}
        <label>padding, m <input type="number" min={0} max={500} step={5} value={pad} onChange={(e) => setPad(Math.max(0, Number(e.target.value)))} /></label>{' '}
        <button type="button" data-testid="dbscan-run" onClick={run}>Add clusters</button>
      </p>
      {note && <p className="note" role="status">{note}</p>}
    </details>
  );
}
