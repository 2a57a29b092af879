import { CLASSING_LABELS, type ClassingMethod } from '../../../shared/domain/explore/classing';
import { numericProperties } from '../../../shared/domain/explore/choropleth';
import type { ChoroplethLayerSettings } from '../../../shared/domain/explore/choropleth-layer';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import { polygonLayersOf, type ChoroplethView } from '../../map/choropleth-view';

const PER = [1, 100, 1000, 10_000, 100_000];

/**
 * Settings of the counts-by-polygon layer: which polygon layer, the rate (count, per km²/mi², or
 * per N of a numeric property such as population) and the classing.
 */
export function ChoroplethSettings({ settings, view, layers, onChange }: { settings: LayerSettings; view: ChoroplethView | null; layers: readonly ProjectLayer[]; onChange: (s: LayerSettings) => void }) {
  const c = settings.choropleth;
  const set = (patch: Partial<ChoroplethLayerSettings>) => onChange({ ...settings, choropleth: { ...c, ...patch } });
  const candidates = polygonLayersOf(layers);
  const fields = view?.ok ? numericProperties(view.units) : [];
  const perMatch = /^per:([^:]+):(.+)$/.exec(c.rate);
  const rateKind = perMatch ? `per:${perMatch[1]}` : c.rate;
  const per = perMatch ? Number(perMatch[2]) : 1000;
  return (
    <div className="layer-settings">
      <label className="field">
        Polygons
        <select data-testid="choropleth-layer" value={view?.ok ? view.layer.meta.id : (c.layer ?? '')} onChange={(e) => set({ layer: e.target.value })}>
          {candidates.length === 0 && <option value="">(no polygon layer in the project)</option>}
          {candidates.map((l) => (
            <option key={l.meta.id} value={l.meta.id}>
              {l.meta.name} ({l.meta.role}, {l.meta.features.toLocaleString('en-US')})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Value
        <select data-testid="choropleth-rate" value={rateKind} onChange={(e) => set({ rate: e.target.value.startsWith('per:') ? `${e.target.value}:${per}` : e.target.value })}>
          <option value="count">Incident count</option>
          <option value="km2">Incidents per km²</option>
          <option value="mi2">Incidents per mi²</option>
          {fields.map((f) => (
            <option key={f} value={`per:${f}`}>
              Incidents per {f}
            </option>
          ))}
        </select>
      </label>
      {perMatch && (
        <label className="field">
          Per
          <select value={per} onChange={(e) => set({ rate: `${rateKind}:${e.target.value}` })}>
            {PER.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        Classes by
        <select data-testid="choropleth-classing" value={c.classing} onChange={(e) => set({ classing: e.target.value as ClassingMethod | 'equal' })}>
          {(Object.keys(CLASSING_LABELS) as ClassingMethod[]).map((m) => (
            <option key={m} value={m}>
              {CLASSING_LABELS[m]}
            </option>
          ))}
          <option value="equal">Equal intervals</option>
        </select>
      </label>
      {c.classing !== 'stddev' && (
        <label className="field">
          Number of classes
          <select value={c.classes} onChange={(e) => set({ classes: Number(e.target.value) })}>
            {[3, 4, 5, 6, 7].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
