import type { MatchMethod } from '../../../shared/domain/design/match-report';
import { findCategoryLayer } from './design-actions';
import { ExtraCovariates } from './ExtraCovariates';
import { UnitPicker } from './UnitPicker';
import type { DesignController } from './use-design-workbench';

const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback);

/**
 * The matching settings: name, unit (UnitPicker: grid, segments, polygons, circles), method (Mahalanobis, propensity, synthetic), pairing
 * (greedy / optimal), 1:k, replacement, exact matching on a district or beat layer, caliper,
 * minimum distance, seed, and the covariate terms (with other datasets and layer fields:
 * ExtraCovariates). Pair-matching fields are disabled for the
 * synthetic method, where they do not apply.
 */
export function MatchOptions({ c }: { c: DesignController }) {
  const { settings: s } = c;
  const synthetic = s.method === 'synthetic';
  const layers = c.state.project.layers;
  const district = findCategoryLayer(layers, 'district');
  const beat = findCategoryLayer(layers, 'beat');
  return (
    <>
      <div className="field-grid">
        <label className="field">
          Design name
          <input data-testid="design-name" value={s.name} onChange={(e) => c.setSettings({ name: e.target.value })} />
        </label>
        <UnitPicker c={c} />
        <label className="field">
          Method
          <select data-testid="match-method" value={s.method} onChange={(e) => c.setSettings({ method: e.target.value as MatchMethod })}>
            <option value="mahalanobis">Mahalanobis distance</option>
            <option value="propensity">Propensity score (logistic)</option>
            <option value="synthetic">Synthetic control weights</option>
          </select>
        </label>
        <label className="field">
          Pairing
          <select data-testid="match-pairing" value={s.pairing} disabled={synthetic} onChange={(e) => c.setSettings({ pairing: e.target.value as 'greedy' | 'optimal', replace: e.target.value === 'optimal' ? false : s.replace })}>
            <option value="greedy">Greedy nearest neighbour</option>
            <option value="optimal">Optimal (least total distance)</option>
          </select>
        </label>
        <label className="field">
          Comparisons per target (1:k)
          <input type="number" data-testid="match-ratio" min={1} max={10} value={s.ratio} disabled={synthetic} onChange={(e) => c.setSettings({ ratio: Math.max(1, Math.round(num(e.target.value, 1))) })} />
        </label>
        <label className="field">
          Caliper, SD (blank = none)
          <input type="number" data-testid="match-caliper" min={0} step={0.05} value={s.caliper ?? ''} disabled={synthetic} onChange={(e) => c.setSettings({ caliper: e.target.value === '' ? null : Math.max(0.01, num(e.target.value, 0.2)) })} />
        </label>
        <label className="field">
          Exact match on
          <select data-testid="match-exact" value={s.exact} disabled={synthetic} onChange={(e) => c.setSettings({ exact: e.target.value as 'none' | 'district' | 'beat' })}>
            <option value="none">nothing</option>
            <option value="district" disabled={!district}>district{district ? ` (${district.meta.name})` : ' (no layer)'}</option>
            <option value="beat" disabled={!beat}>beat{beat ? ` (${beat.meta.name})` : ' (no layer)'}</option>
          </select>
        </label>
        <label className="field">
          Minimum distance, m
          <input type="number" data-testid="match-min-distance" min={0} step={50} value={s.minDistanceM} onChange={(e) => c.setSettings({ minDistanceM: Math.max(0, num(e.target.value, 0)) })} />
        </label>
        <label className="field checkbox-field">
          <span>
            <input type="checkbox" data-testid="match-replace" checked={s.replace && s.pairing !== 'optimal'} disabled={synthetic || s.pairing === 'optimal'} onChange={(e) => c.setSettings({ replace: e.target.checked })} /> With replacement
          </span>
          <span className="muted">{s.pairing === 'optimal' ? 'optimal pairing is without replacement' : 'a comparison may serve several targets'}</span>
        </label>
        <label className="field">
          Seed (recorded)
          <input type="number" min={0} value={s.seed} onChange={(e) => c.setSettings({ seed: Math.max(0, Math.round(num(e.target.value, 1))) })} />
        </label>
      </div>
      <fieldset className="covariates" data-testid="covariate-terms">
        <legend>Covariates (pre period){synthetic ? ': shown in the balance table; the weights fit the monthly history' : ''}</legend>
        <label><input type="checkbox" checked={s.counts} onChange={(e) => c.setSettings({ counts: e.target.checked })} /> Counts by offense group</label>
        <label><input type="checkbox" checked={s.total} onChange={(e) => c.setSettings({ total: e.target.checked })} /> Total count</label>
        <label><input type="checkbox" checked={s.history} onChange={(e) => c.setSettings({ history: e.target.checked })} /> Monthly history (trajectory)</label>
        <label><input type="checkbox" checked={s.quarterly} onChange={(e) => c.setSettings({ quarterly: e.target.checked })} /> Quarterly history</label>
        <label><input type="checkbox" checked={s.trend} onChange={(e) => c.setSettings({ trend: e.target.checked })} /> Trend (slope per month)</label>
        <span className="muted">Terms that are sums of others (total, trend and the group counts vs the monthly history) are left out of the distance, named, and kept in the balance table.</span>
      </fieldset>
      <ExtraCovariates c={c} />
    </>
  );
}
