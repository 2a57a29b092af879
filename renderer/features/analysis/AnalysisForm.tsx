import type { ReactNode } from 'react';
import type { PanelParams } from './analysis-params';
import type { AnalysisController } from './use-analysis';

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="analysis-field" title={hint}>
      <span>{label}</span>
      {children}
    </label>
  );
}

function Text({ c, name, label, hint, width = 7 }: { c: AnalysisController; name: keyof PanelParams; label: string; hint?: string; width?: number }) {
  return (
    <Field label={label} hint={hint}>
      <input type="text" size={width} value={String(c.params[name])} onChange={(e) => c.setParams({ [name]: e.target.value } as Partial<PanelParams>)} aria-label={label} />
    </Field>
  );
}

function Cells({ c }: { c: AnalysisController }) {
  return (
    <>
      <Field label="Cells" hint="Square cells of this side, or pointy-top hexagons this wide across flats; every cell counts, empty ones too">
        <select value={c.params.unitKind} onChange={(e) => c.setParams({ unitKind: e.target.value as 'grid' | 'hex' })} aria-label="Cell shape">
          <option value="grid">squares</option>
          <option value="hex">hexagons</option>
        </select>
      </Field>
      <Text c={c} name="unitSize" label="Size (m)" width={5} />
    </>
  );
}

/** The form of the chosen method (the values are text as typed; Run checks them). */
export function AnalysisForm({ c }: { c: AnalysisController }) {
  const neighbours = <Text c={c} name="weights" label="Neighbours" hint="queen, rook, band:<metres> or knn:<k> (as spi --weights)" width={9} />;
  return (
    <div className="analysis-form" data-testid={`analysis-form-${c.kind}`}>
      {c.kind === 'moran' && (
        <>
          <Cells c={c} />
          {neighbours}
          <Text c={c} name="permutations" label="Permutations" width={5} />
          <Text c={c} name="seed" label="Seed" width={4} />
          <Text c={c} name="alpha" label="Significance" width={4} hint="a LISA class is shown when its pseudo p < this level" />
        </>
      )}
      {c.kind === 'emerging' && (
        <>
          <Cells c={c} />
          {neighbours}
          <Field label="Time step">
            <select value={c.params.step} onChange={(e) => c.setParams({ step: e.target.value as 'week' | 'month' })} aria-label="Time step">
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </Field>
          <Field label="Compare steps" hint="also run the other step and show how many cells change class">
            <input type="checkbox" checked={c.params.compareSteps} onChange={(e) => c.setParams({ compareSteps: e.target.checked })} />
          </Field>
        </>
      )}
      {c.kind === 'concentration' && (
        <>
          <Field label="Units" hint="cells over the incidents, or the street segments / polygons of a project layer (as spi concentration --unit)">
            <select value={c.params.layerUnit} onChange={(e) => c.setParams({ layerUnit: e.target.value })} aria-label="Units">
              {c.unitChoices.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
          </Field>
          {c.params.layerUnit === '' && <Cells c={c} />}
          {c.params.layerUnit.startsWith('segments:') && (
            <Text c={c} name="snap" label="Snap (m)" width={4} hint="an incident counts on the nearest segment within this distance; farther ones are reported as unsnapped" />
          )}
          <Text c={c} name="top" label="PAI of top N" width={5} hint="PAI and shares of the N highest-count cells (empty: none); the map marks them" />
        </>
      )}
      {c.kind === 'knox' && (
        <>
          <Text c={c} name="spaceBands" label="Space bands (m)" width={18} hint="edges, half-open [a, b); end with inf for an open band" />
          <Text c={c} name="timeBands" label="Time bands (days)" width={18} />
          <Field label="Distance">
            <select value={c.params.metric} onChange={(e) => c.setParams({ metric: e.target.value as 'euclidean' | 'manhattan' })} aria-label="Distance">
              <option value="euclidean">straight line</option>
              <option value="manhattan">Manhattan</option>
            </select>
          </Field>
          <Text c={c} name="simulations" label="Simulations" width={5} />
          <Text c={c} name="knoxSeed" label="Seed" width={4} />
          <Field label="NRC-compatible" hint="reproduce the Near Repeat Calculator's observed tables (its band edges, whole days)">
            <input type="checkbox" checked={c.params.nrcCompatible} onChange={(e) => c.setParams({ nrcCompatible: e.target.checked })} />
          </Field>
        </>
      )}
      {c.kind === 'clusters' && (
        <>
          <Text c={c} name="eps" label="Eps (m)" width={5} hint="neighbourhood radius, inclusive" />
          <Text c={c} name="minPoints" label="Min points" width={4} hint="points (itself included) a core point needs within eps" />
        </>
      )}
      {c.kind === 'repeats' && (
        <>
          <Text c={c} name="precision" label="Same place" width={7} hint="address (the address text), 1m (same point) or 10m (within a 10 m square: near repeats)" />
          <Text c={c} name="minCount" label="Min incidents" width={3} />
          <Text c={c} name="periodFrom" label="From" width={10} hint="YYYY-MM-DD (empty: every date)" />
          <Text c={c} name="periodTo" label="To" width={10} />
        </>
      )}
    </div>
  );
}
