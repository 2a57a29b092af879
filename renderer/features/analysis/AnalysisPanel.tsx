import { AnalysisForm } from './AnalysisForm';
import { AnalysisResult } from './AnalysisResult';
import { METHODS } from './analysis-params';
import type { AnalysisController } from './use-analysis';
import './analysis.css';

const BLURB: Record<string, string> = {
  moran: "Is crime clustered, and where? Global Moran's I tests the whole map; local Moran (LISA) marks high-high and low-low clusters and high-low / low-high outliers.",
  emerging: 'How are hot spots changing? Gi* for every week or month, then a trend test per cell: new, intensifying, persistent, diminishing… hot spots.',
  concentration: 'How few places hold how much crime? The "P% of places hold M% of crime" table, the Lorenz curve, Gini and PAI.',
  knox: 'Do incidents close in space also come close in time (near repeats)? Observed pairs against dates shuffled at random.',
  clusters: 'Dense groups of incidents (DBSCAN) drawn as hulls, and the nearest neighbour index for the whole map.',
  repeats: 'Which places are hit again and again, and how much crime happens at repeat places?',
};

/** The Analysis panel: method tabs, the form, Run/Cancel with progress, the result, Save and the saved analyses. */
export function AnalysisPanel({ c }: { c: AnalysisController }) {
  const pct = c.running && c.running.total > 0 ? Math.round((100 * c.running.done) / c.running.total) : null;
  return (
    <details className="analysis-panel" data-testid="analysis-panel">
      <summary>Analysis</summary>
      <nav className="analysis-methods" aria-label="Analysis method">
        {METHODS.map((m) => (
          <button key={m.kind} type="button" className={c.kind === m.kind ? 'on' : ''} aria-pressed={c.kind === m.kind} onClick={() => c.setKind(m.kind)}>
            {m.label}
          </button>
        ))}
      </nav>
      <p className="note">{BLURB[c.kind]}</p>
      <AnalysisForm c={c} />
      <div className="analysis-run">
        <button type="button" className="primary" onClick={c.run} disabled={c.running !== null} data-testid="analysis-run">
          Run
        </button>
        {c.running && (
          <>
            <span role="status" className="progress" data-testid="analysis-progress">
              {c.running.label}
              {pct !== null ? ` ${c.running.done.toLocaleString('en-US')} of ${c.running.total.toLocaleString('en-US')} (${pct}%)` : '…'}
            </span>
            <button type="button" onClick={c.cancel} data-testid="analysis-cancel">
              Cancel
            </button>
          </>
        )}
      </div>
      {pct !== null && <progress max={100} value={pct} className="analysis-progress-bar" />}
      {c.error && (
        <p className="error" role="alert" data-testid="analysis-error">
          {c.error}
        </p>
      )}
      {c.doc && (
        <div className="analysis-result" data-testid="analysis-result">
          <div className="analysis-result-head">
            <strong>{String(c.doc.method)}</strong>
            {c.savedKey ? <span className="saved-as" data-testid="analysis-saved-as">saved as {c.savedKey}</span> : <span className="unsaved">not saved</span>}
            {c.ms !== null && <span className="note">{Math.round(c.ms).toLocaleString('en-US')} ms</span>}
          </div>
          <AnalysisResult doc={c.doc} />
          <div className="analysis-actions">
            {c.canSave && (
              <button type="button" onClick={c.save} data-testid="analysis-save">
                Save in project
              </button>
            )}
            <button type="button" onClick={c.clear}>
              Clear
            </button>
          </div>
          {c.command && (
            <p className="note analysis-cli" title="The same analysis with the command-line tool">
              CLI: <code>{c.command}</code>
            </p>
          )}
        </div>
      )}
      {c.saved.length > 0 && (
        <div className="analysis-saved" data-testid="analysis-saved">
          <h4>Saved analyses</h4>
          <ul>
            {c.saved.map((s) => (
              <li key={s.key}>
                <button type="button" className="link" onClick={() => c.show(s.key)} aria-current={c.savedKey === s.key}>
                  {s.key.slice('analyses/'.length)}
                </button>{' '}
                <span className="note">{String(s.doc.method)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
