import { useEffect, useRef, useState } from 'react';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { GridMatchSummary } from '../../../shared/domain/design/grid-match';
import { buildMatchInput } from './design-actions';
import { DesignWorkerClient } from './design-worker-client';
import { DesignResult } from './DesignResult';
import { MatchOptions } from './MatchOptions';
import type { DesignController } from './use-design-workbench';

/**
 * Step 2: matching settings, "Match" (run in a Web Worker with progress text and Cancel, so the
 * panel and the map stay responsive on a large pool), and the design's balance, plots and save.
 */
export function MatchSection({ c }: { c: DesignController }) {
  const { settings: s, data, current } = c;
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  // The summary belongs to the design it came with (an opened saved design has none).
  const [summary, setSummary] = useState<{ doc: DesignDoc; summary: GridMatchSummary } | null>(null);
  const client = useRef<DesignWorkerClient | null>(null);
  useEffect(() => () => client.current?.cancel(), []);
  if (!data) return null;

  const match = () => {
    setError(null);
    const input = buildMatchInput(data, c.targets, s, c.pre, c.state.project.layers);
    if (!input.ok) return setError(input.error);
    setProgress('Starting…');
    const t0 = performance.now();
    void (client.current ??= new DesignWorkerClient()).run(input.value, setProgress).then((r) => {
      if (!r) return;
      setProgress(null);
      if (!r.ok) return setError(r.error);
      setSummary({ doc: r.doc, summary: r.summary });
      c.setCurrent(r.doc);
      setError(null);
      console.info(`design matching: ${Math.round(r.ms)} ms in the worker, ${Math.round(performance.now() - t0)} ms in all`);
    });
  };
  const cancel = () => {
    client.current?.cancel();
    setProgress(null);
  };

  return (
    <section className="panel design-section">
      <h3>Matched comparison areas</h3>
      <p className="note">
        {c.targets.length} target{c.targets.length === 1 ? '' : 's'}, pre period {s.preFrom || '?'} to {s.preTo || '?'}, buffer {s.bufferM} m (set in step 1). The pool is every grid cell at least max(2 × buffer, minimum distance) from every target.
      </p>
      <MatchOptions c={c} />
      <p className="button-row">
        <button type="button" className="primary" data-testid="run-match" disabled={progress !== null || c.targets.length === 0} onClick={match}>
          {progress !== null ? 'Matching…' : 'Match'}
        </button>
        {progress !== null && (
          <>
            {' '}
            <button type="button" data-testid="cancel-match" onClick={cancel}>Cancel</button>
          </>
        )}
      </p>
      {progress !== null && <p className="progress" role="status" data-testid="match-progress">{progress}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {current && <DesignResult c={c} design={current} summary={summary?.doc === current ? summary.summary : null} />}
    </section>
  );
}
