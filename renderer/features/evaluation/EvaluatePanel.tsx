import { useEffect, useMemo, useState } from 'react';
import type { EvaluationResult } from '../../../shared/domain/evaluation/run-evaluation';
import { isAvailable } from '../../../shared/domain/evaluation/run-evaluation';
import { cumulativeWddSvg, monthlyCountsSvg, syntheticGapSvg } from '../../../shared/domain/report/charts';
import { listDesigns } from '../design/design-actions';
import type { DesignController } from '../design/use-design-workbench';
import { AppendData } from '../append/AppendData';
import { evaluateDesign, saveEvaluation, type EvaluationChoices, type PointCodes } from './evaluation-task';
import { HarmWeights } from './HarmWeights';
import { loadPointCodes } from './point-codes';
import { exportEvaluationReport } from './report-export';
import { toResultRows } from './results-view';
import { syntheticWeightingNote } from './synthetic-rows';
import './evaluation.css';

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const fmtCount = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const ZONES = [['T', 'Targets (T)'], ['C', 'Comparisons (C)'], ['D', 'Target buffers (D)'], ['DC', 'Comparison buffers (DC)']] as const;

/** Evaluate: pick a saved design, periods and outcome; WDD, WDQ/TNE, RES, DiD with sources; charts; save and export. */
export function EvaluatePanel({ c }: { c: DesignController }) {
  const { data } = c;
  const documents = c.state.doc.documents;
  const designs = useMemo(() => listDesigns(documents).filter((d) => d.doc), [documents]);
  const [name, setName] = useState<string>('');
  const chosenName = designs.some((d) => d.name === name) ? name : (designs[0]?.name ?? '');
  // Keyed on the design's own document, so saving an evaluation (another document) keeps the result.
  const raw = documents[`designs/${chosenName}`];
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const chosen = useMemo(() => designs.find((d) => d.name === chosenName)?.doc ?? null, [raw, chosenName]);
  const [choices, setChoices] = useState<EvaluationChoices | null>(null);
  const [washout, setWashout] = useState(0);
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { setEvaluationAreas } = c;
  // Offense codes of the points, read once per data (harm weights by code), null = none.
  const [codes, setCodes] = useState<{ data: unknown; codes: PointCodes } | null>(null);

  useEffect(() => {
    setEvaluationAreas(chosen);
    setResult(null);
    if (chosen && data) {
      const postFrom = addDays(chosen.pre.to, 1);
      setChoices((prev) => ({ preFrom: chosen.pre.from, preTo: chosen.pre.to, postFrom, postTo: data.lastDay, groups: [], family: 'poisson', harm: prev?.harm ?? null }));
      setWashout(0);
    }
  }, [chosen, data, setEvaluationAreas]);
  const rows = useMemo(() => (result ? toResultRows(result) : []), [result]);
  const charts = useMemo(() => (result ? { monthly: monthlyCountsSvg(result), cumulative: cumulativeWddSvg(result), gap: result.synthetic && isAvailable(result.synthetic) ? syntheticGapSvg(result.synthetic) : null } : null), [result]);
  const synthNote = result ? syntheticWeightingNote(result) : null;
  if (!data) return null;
  const append = <AppendData store={c.store} host={c.host} engine={c.engine} />;
  if (designs.length === 0) return <>{append}<p className="note">No saved design in this project yet: make one in the Design tab (or with “spi design create --save”).</p></>;
  const set = (p: Partial<EvaluationChoices>) => choices && setChoices({ ...choices, ...p });

  const run = async () => {
    if (!chosen || !choices) return;
    setError(null);
    setStatus(null);
    let pointCodes: PointCodes = null;
    if (choices.harm) {
      if (codes?.data === data) pointCodes = codes.codes;
      else {
        pointCodes = await loadPointCodes(await c.engine, data).catch(() => null);
        setCodes({ data, codes: pointCodes });
      }
    }
    const r = evaluateDesign(chosen, data, choices, pointCodes);
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error);
    }
  };
  const exportReport = (format: 'html' | 'pdf') => {
    if (!result || !chosen) return;
    setStatus(`Writing the ${format.toUpperCase()} report…`);
    exportEvaluationReport(c.host, format, result, chosen, { title: c.state.project.title, layers: c.state.project.layers })
      .then(setStatus)
      .catch((e: unknown) => setStatus(`The report could not be written: ${e instanceof Error ? e.message : String(e)}`));
  };

  return (
    <>
    {append}
    <section className="panel design-section evaluate">
      <h3>Evaluate a design</h3>
      <label className="field">
        Design
        <select data-testid="eval-design" value={chosen?.name ?? ''} onChange={(e) => setName(e.target.value)}>
          {designs.map((d) => <option key={d.name} value={d.name}>{d.name}</option>)}
        </select>
      </label>
      {chosen && choices && (
        <>
          <p className="note">{chosen.targets.length} targets (crimson) and {chosen.comparisons.length} comparison areas (cyan) with {chosen.targets[0]?.bufferM ?? 0} m buffer rings; designed on {chosen.pre.from}..{chosen.pre.to}.</p>
          <div className="field-grid">
            <label className="field">Pre from<input type="date" data-testid="eval-pre-from" value={choices.preFrom} onChange={(e) => set({ preFrom: e.target.value })} /></label>
            <label className="field">Pre to<input type="date" data-testid="eval-pre-to" value={choices.preTo} onChange={(e) => set({ preTo: e.target.value, postFrom: addDays(e.target.value, 1 + washout) })} /></label>
            <label className="field">Washout, days<input type="number" min={0} max={730} value={washout} onChange={(e) => { const w = Math.max(0, Math.round(Number(e.target.value))); setWashout(w); set({ postFrom: addDays(choices.preTo, 1 + w) }); }} /></label>
            <label className="field">Post from<input type="date" data-testid="eval-post-from" value={choices.postFrom} onChange={(e) => set({ postFrom: e.target.value })} /></label>
            <label className="field">Post to<input type="date" data-testid="eval-post-to" value={choices.postTo} onChange={(e) => set({ postTo: e.target.value })} /></label>
            <label className="field">DiD model
              <select value={choices.family} onChange={(e) => set({ family: e.target.value as EvaluationChoices['family'] })}>
                <option value="poisson">Poisson</option>
                <option value="negative-binomial">Negative binomial</option>
              </select>
            </label>
          </div>
          <fieldset className="covariates">
            <legend>Outcome: offense groups (none ticked = all incidents)</legend>
            {data.points.groupNames.map((g) => (
              <label key={g}><input type="checkbox" checked={choices.groups.includes(g)} onChange={(e) => set({ groups: e.target.checked ? [...choices.groups, g] : choices.groups.filter((x) => x !== g) })} /> {g}</label>
            ))}
          </fieldset>
          <HarmWeights rows={choices.harm ?? null} onChange={(harm) => set({ harm })} host={c.host} />
          <button type="button" className="primary" data-testid="run-evaluation" onClick={() => void run()}>Evaluate</button>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <div className="evaluation-result" data-testid="evaluation-result">
          <table className="design-table">
            <caption>{result.harm ? 'Weighted harm' : 'Counts'}: {result.outcomeLabel}{result.harm ? ` (${result.harm}; Var = Σ w²·n)` : ''}{result.washout ? `; washout ${result.washout.from}..${result.washout.to} left out` : ''}</caption>
            <thead><tr><th>Zone</th><th>Pre</th><th>Post</th><th>Change</th></tr></thead>
            <tbody>
              {ZONES.map(([z, label]) => (
                <tr key={z}><td>{label}</td><td className="num">{fmtCount(result.counts[z].pre)}</td><td className="num">{fmtCount(result.counts[z].post)}</td><td className="num">{fmtCount(result.counts[z].post - result.counts[z].pre)}</td></tr>
              ))}
            </tbody>
          </table>
          <table className="design-table results-table" data-testid="results-table">
            <caption>Results ({result.pre.days} days before, {result.post.days} days after). Hover a row, or see the numbered notes, for each formula and its source.</caption>
            <thead><tr><th>Statistic</th><th>Estimate</th><th>Interval / test</th></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id} title={r.source} data-testid={`result-${r.id}`} className={r.available ? '' : 'unavailable'}>
                  <td>{r.label}<sup>{i + 1}</sup>{r.reading && <div className="muted">{r.reading}</div>}</td>
                  <td className="num estimate">{r.estimate}</td>
                  <td className="small">{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {synthNote && <p className="note" data-testid="synthetic-note">{synthNote}</p>}
          {result.warnings.length > 0 && (
            <ul className="problems" data-testid="evaluation-warnings">{result.warnings.map((w) => <li key={w} className="warning">{w}</li>)}</ul>
          )}
          {charts && (
            <>
              <figure className="chart eval-chart" data-testid="monthly-chart"><figcaption>Monthly counts, targets vs comparisons; dashed line = intervention (post period start)</figcaption><div dangerouslySetInnerHTML={{ __html: charts.monthly }} /></figure>
              <figure className="chart eval-chart" data-testid="cumulative-chart"><figcaption>Cumulative WDD over the post period with its confidence band</figcaption><div dangerouslySetInnerHTML={{ __html: charts.cumulative }} /></figure>
              {charts.gap && <figure className="chart eval-chart" data-testid="synthetic-gap-chart"><figcaption>Synthetic control: monthly gap, average target − synthetic counterpart; dashed line = intervention</figcaption><div dangerouslySetInnerHTML={{ __html: charts.gap }} /></figure>}
            </>
          )}
          <ol className="footnotes small">{rows.map((r) => <li key={r.id}>{r.source}</li>)}</ol>
          <p className="button-row">
            <button type="button" className="primary" data-testid="save-evaluation" onClick={() => setStatus(`Saved as ${saveEvaluation(c.store, result, choices!, data)} (logged).`)} disabled={c.state.project.readOnly}>Save evaluation</button>
            <button type="button" data-testid="export-html" onClick={() => exportReport('html')}>Export report (HTML)</button>
            <button type="button" data-testid="export-pdf" onClick={() => exportReport('pdf')}>Export report (PDF)</button>
          </p>
          {status && <p className="notice" role="status" data-testid="evaluation-status">{status}</p>}
        </div>
      )}
    </section>
    </>
  );
}
