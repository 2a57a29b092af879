import { useState } from 'react';
import { designDocumentKey, DESIGN_NAME } from '../../../shared/domain/design/design-doc';
import type { RandomizationAlgorithm, RandomizationResult } from '../../../shared/domain/design/randomization';
import { BalanceTable } from './BalanceTable';
import { saveDesign } from './design-actions';
import { ringsFromLonLat } from './geometry';
import { mergeCells, selectTopCells } from './hotspot-targets';
import { buildRandomizedDesign, computeCandidateCovariates, countStrata, type Candidate } from './randomized-design';
import type { DesignController } from './use-design-workbench';

const ALGORITHMS: { id: RandomizationAlgorithm; label: string }[] = [
  { id: 'paired', label: 'Paired (rank by pre count, pair neighbours, coin flip per pair)' },
  { id: 'blocked', label: 'Blocked (strata of similar pre counts)' },
  { id: 'simple-shuffle', label: 'Simple (exactly half treated, shuffled)' },
  { id: 'simple-coin', label: 'Simple (a coin flip per place)' },
];

interface Outcome {
  candidates: Candidate[];
  total: Float64Array;
  blocks: Int32Array | null;
  assignment: RandomizationResult;
}

/** Randomized design: candidate hot spots assigned to treatment and control with a recorded seed. */
export function RandomizeSection({ c }: { c: DesignController }) {
  const { data, settings: s, pre } = c;
  const [source, setSource] = useState<'targets' | 'cells'>('targets');
  const [topN, setTopN] = useState(20);
  const [algorithm, setAlgorithm] = useState<RandomizationAlgorithm>('paired');
  const [blocks, setBlocks] = useState(3);
  const [seed, setSeed] = useState(7);
  const [out, setOut] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const grid = c.explore.layer?.kind === 'grid' ? c.explore.layer.data : null;
  if (!data) return null;

  const candidates = (): Candidate[] => {
    if (source === 'targets') return c.targets.map((t) => ({ id: t.id, name: t.name, rings: t.rings, cellId: -1 }));
    if (!grid) return [];
    return mergeCells(grid, selectTopCells(grid.counts, topN)).map((m, i) => ({ id: `H${i + 1}`, name: `cell ${m.cells.join('+')}`, rings: ringsFromLonLat(m.rings, data.crs), cellId: m.cells[0]! }));
  };
  const run = () => {
    setError(null);
    if (!pre) return setError('Set a valid pre period (Targets step).');
    if (!DESIGN_NAME.test(s.name)) return setError(`Name “${s.name}”: use 1-64 letters, digits, “.”, “_” or “-”.`);
    const list = candidates();
    if (list.length < 4) return setError(`${list.length} candidate places: randomization needs at least 4 (2 per arm for balance).`);
    const covariates = computeCandidateCovariates(list, data.points, pre);
    const strata = algorithm === 'blocked' ? countStrata(covariates.total, blocks) : null;
    const r = buildRandomizedDesign({
      name: s.name,
      created: new Date().toISOString(),
      crs: data.crs,
      candidates: list,
      covariates,
      algorithm,
      seed,
      ...(strata ? { blocks: strata } : {}),
      bufferM: s.bufferM,
      cellSizeM: grid?.cell ?? s.cellSizeM,
      pre,
      source: { dataset: data.dataset, dataHash: data.dataHash, incidents: data.points.x.length },
    });
    if (!r.ok) return setError(r.error);
    setOut({ candidates: list, total: covariates.total, blocks: strata, assignment: r.value.assignment });
    c.setCurrent(r.value.doc);
  };
  const doc = c.current?.method.kind === 'randomized' ? c.current : null;
  const saved = doc ? c.state.doc.documents[designDocumentKey(doc.name)] : undefined;
  const isSaved = saved !== undefined && JSON.stringify(saved) === JSON.stringify(doc);

  return (
    <section className="panel design-section">
      <h3>Randomized assignment</h3>
      <div className="segmented">
        <label><input type="radio" name="cand" checked={source === 'targets'} onChange={() => setSource('targets')} /> The target areas ({c.targets.length})</label>
        <label>
          <input type="radio" name="cand" checked={source === 'cells'} onChange={() => setSource('cells')} disabled={!grid} /> Top{' '}
          <input type="number" className="tiny" min={4} max={200} value={topN} onChange={(e) => setTopN(Number(e.target.value))} /> grid cells {grid ? '' : '(turn on Grid counts)'}
        </label>
      </div>
      <div className="field-grid">
        <label className="field">
          Algorithm
          <select data-testid="random-algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value as RandomizationAlgorithm)}>
            {ALGORITHMS.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </select>
        </label>
        {algorithm === 'blocked' && (
          <label className="field">
            Strata
            <input type="number" min={1} max={10} value={blocks} onChange={(e) => setBlocks(Number(e.target.value))} />
          </label>
        )}
        <label className="field">
          Seed
          <input type="number" data-testid="random-seed" value={seed} onChange={(e) => setSeed(Math.round(Number(e.target.value)))} />
        </label>
        <label className="field">
          Design name
          <input value={s.name} onChange={(e) => c.setSettings({ name: e.target.value })} />
        </label>
      </div>
      <button type="button" className="primary" data-testid="run-randomize" onClick={run}>Randomize</button>
      {error && <p className="error" role="alert">{error}</p>}
      {out && doc && (
        <div className="design-result">
          <p className="small" data-testid="random-description">
            {out.assignment.nTreated} treatment, {out.assignment.nControl} control; seed {out.assignment.seed}; {out.assignment.description}. Generator: {out.assignment.generator}.
          </p>
          <table className="design-table" data-testid="assignment-table">
            <thead>
              <tr><th>Place</th><th>Pre count</th>{out.assignment.pair && <th>Pair</th>}{out.blocks && <th>Stratum</th>}<th>Arm</th></tr>
            </thead>
            <tbody>
              {out.candidates.map((cand, i) => (
                <tr key={cand.id}>
                  <td>{cand.id} <span className="muted">{cand.name.length > 28 ? `${cand.name.slice(0, 27)}…` : cand.name}</span></td>
                  <td className="num">{out.total[i]}</td>
                  {out.assignment.pair && <td className="num">{out.assignment.pair[i]! >= 0 ? out.assignment.pair[i]! + 1 : '–'}</td>}
                  {out.blocks && <td className="num">{out.blocks[i]! + 1}</td>}
                  <td className={out.assignment.assignment[i] ? 'arm-t' : 'arm-c'} data-testid="arm">{out.assignment.assignment[i] ? 'treatment' : 'control'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BalanceTable design={doc} />
          <button type="button" className="primary" data-testid="save-randomized" disabled={isSaved || c.state.project.readOnly} onClick={() => saveDesign(c.store, doc, data)}>
            {isSaved ? 'Saved in the project' : `Save as designs/${doc.name}`}
          </button>
        </div>
      )}
    </section>
  );
}
