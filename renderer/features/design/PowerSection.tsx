import { useMemo, useState } from 'react';
import { computePlacesNeeded, computePower, POWER_CONVENTION } from '../../../shared/domain/design/power';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { LineChart } from './plots';
import { computeTargetStats } from './target-stats';
import type { DesignController } from './use-design-workbench';

const REDUCTIONS = Array.from({ length: 10 }, (_, i) => 0.05 * (i + 1));

/** Power for count outcomes: a curve over 5-50% reductions (Poisson and NB) and places needed. */
export function PowerSection({ c }: { c: DesignController }) {
  const { data, pre, targets, settings } = c;
  const [alpha, setAlpha] = useState(0.05);
  const [manual, setManual] = useState(false);
  const [mean, setMean] = useState(40);
  const [dispersion, setDispersion] = useState(0.2);
  const [places, setPlaces] = useState(10);
  const [reduction, setReduction] = useState(0.2);
  const counts = useMemo(() => (data && pre ? targets.map((t) => computeTargetStats(t.rings, data.points, pre).count) : []), [data, pre, targets]);
  const useTargets = !manual && counts.length >= 2;
  const nt = useTargets ? counts.length : places;
  const nc = nt * settings.ratio;
  const curves = useMemo(() => {
    const base = useTargets ? { baseline: counts } : { baseline: mean, dispersion };
    const nb = REDUCTIONS.map((r) => computePower({ ...base, reduction: r, targets: nt, controls: nc, alpha }));
    const pois = REDUCTIONS.map((r) => computePower({ ...(useTargets ? { baseline: counts } : { baseline: mean }), dispersion: 0, reduction: r, targets: nt, controls: nc, alpha }));
    const bad = [...nb, ...pois].find((r) => !r.ok);
    if (bad && !bad.ok) return { error: formatStatsError(bad.error) };
    const first = nb[0]!.ok ? nb[0]!.value : null;
    return { nb: nb.map((r) => (r.ok ? r.value.power : 0)), pois: pois.map((r) => (r.ok ? r.value.power : 0)), lambda: first?.lambda ?? 0, kappa: first?.dispersion ?? 0, estimated: first?.dispersionEstimated ?? false };
  }, [useTargets, counts, mean, dispersion, nt, nc, alpha]);
  const needed = useMemo(() => {
    const r = computePlacesNeeded({ ...(useTargets ? { baseline: counts } : { baseline: mean, dispersion }), reduction, alpha, power: 0.8, controlRatio: settings.ratio });
    return r.ok ? r.value : formatStatsError(r.error);
  }, [useTargets, counts, mean, dispersion, reduction, alpha, settings.ratio]);

  return (
    <section className="panel design-section">
      <h3>Power</h3>
      <div className="segmented">
        <label><input type="radio" name="pw" checked={!manual} onChange={() => setManual(false)} /> Baseline: the targets' pre-period counts ({counts.length} targets{counts.length ? `: ${counts.join(', ')}` : ''})</label>
        <label><input type="radio" name="pw" checked={manual} onChange={() => setManual(true)} /> Baseline: a mean and dispersion</label>
      </div>
      {!useTargets && !manual && <p className="note">Fewer than 2 targets: using the mean and dispersion below.</p>}
      <div className="field-grid">
        {!useTargets && (
          <>
            <label className="field">Mean count per place<input type="number" min={0.1} step={1} value={mean} onChange={(e) => setMean(Number(e.target.value))} /></label>
            <label className="field">NB dispersion k (0 = Poisson)<input type="number" min={0} step={0.05} value={dispersion} onChange={(e) => setDispersion(Number(e.target.value))} /></label>
            <label className="field">Targets<input type="number" min={1} value={places} onChange={(e) => setPlaces(Math.max(1, Math.round(Number(e.target.value))))} /></label>
          </>
        )}
        <label className="field">Alpha (two-sided)<input type="number" min={0.001} max={0.5} step={0.01} value={alpha} onChange={(e) => setAlpha(Number(e.target.value))} /></label>
      </div>
      {'error' in curves ? (
        <p className="error">{curves.error}</p>
      ) : (
        <>
          <LineChart
            title={`Power by expected reduction: ${nt} targets vs ${nc} comparisons (1:${settings.ratio}), mean ${curves.lambda.toFixed(1)} per place per period`}
            yLabel="power"
            labels={REDUCTIONS.map((r) => `${Math.round(r * 100)}%`)}
            series={[{ label: 'Poisson', values: curves.pois, color: '#555', dashed: true }, { label: `Negative binomial, k = ${curves.kappa.toFixed(3)}${curves.estimated ? ' (estimated)' : ''}`, values: curves.nb, color: '#c80050' }]}
            testId="power-curve"
          />
          <p className="small" data-testid="power-at-20">Power at a 20% reduction: NB {(curves.nb[3]! * 100).toFixed(0)}%, Poisson {(curves.pois[3]! * 100).toFixed(0)}%.</p>
        </>
      )}
      <p className="inline-fields">
        <label>
          Places for 80% power at a reduction of <input type="number" className="tiny" min={1} max={90} value={Math.round(reduction * 100)} onChange={(e) => setReduction(Number(e.target.value) / 100)} /> %:
        </label>{' '}
        <strong data-testid="places-needed">{typeof needed === 'string' ? needed : `${needed.targets} targets and ${needed.controls} comparisons (power ${(needed.achievedPower * 100).toFixed(1)}%)`}</strong>
      </p>
      <p className="note">{POWER_CONVENTION}. The baseline is the count per place over a period as long as the pre period; the post period is assumed as long.</p>
    </section>
  );
}
