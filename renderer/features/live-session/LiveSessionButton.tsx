import { useEffect, useState } from 'react';
import type { GridLayerData } from '../../../shared/domain/explore/grid-layer';
import { DEFAULT_MIN_COUNT } from '../../../shared/domain/session/live-shared-layer';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { useLiveHost, type LiveHostModel } from './use-live-host';
import './live-session.css';

/**
 * The header's "Live session…" button and its panel: pick an interface, start, then the address,
 * join code (with its expiry countdown), certificate fingerprint, guests (remove, let drive) and
 * End. The panel floats over the map so the analyst keeps working while partners watch.
 */
export function LiveSessionButton(props: { store: Store; state: AppState; grid: GridLayerData | null }) {
  const model = useLiveHost(props);
  const [open, setOpen] = useState(false);
  const guests = model.session?.guests.length ?? 0;
  return (
    <>
      <button
        type="button"
        data-testid="live-session-button"
        className={model.session ? 'live-button is-live' : 'live-button'}
        onClick={() => setOpen((o) => !o)}
        title="Host a live session: partners on this network follow your map from a browser"
      >
        {model.session ? `● Live (${guests})` : 'Live session…'}
      </button>
      {open && <LiveSessionPanel model={model} onClose={() => setOpen(false)} />}
    </>
  );
}

function useCountdown(until: number | null): string {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  if (until === null) return '';
  const s = Math.max(0, Math.round((until - now) / 1000));
  return s === 0 ? 'expired' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function LiveSessionPanel({ model, onClose }: { model: LiveHostModel; onClose: () => void }) {
  const { session } = model;
  const [address, setAddress] = useState('127.0.0.1');
  const [maxGuests, setMaxGuests] = useState(4);
  const [hostName, setHostName] = useState('Analyst');
  const countdown = useCountdown(session ? session.codeExpiresAt : null);
  const { refreshInterfaces } = model;
  useEffect(() => void refreshInterfaces(), [refreshInterfaces]);

  return (
    <section className="live-panel" role="dialog" aria-label="Live session" data-testid="live-panel">
      <header>
        <h3>Live session</h3>
        <button type="button" className="link" onClick={onClose} aria-label="Close the live session panel">
          Close
        </button>
      </header>
      {model.error && (
        <p className="error" role="alert">
          {model.error}
        </p>
      )}
      {!session ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void model.start({ address, maxGuests, hostName });
          }}
        >
          <p className="live-note">
            Partners on this network open the address shown after you start, in a browser, and type the one-time code. They see
            your view, the base map and the annotations; incident records never leave this computer.
          </p>
          <label>
            Network interface
            <select data-testid="live-address" value={address} onChange={(e) => setAddress(e.target.value)}>
              {model.interfaces.map((i) => (
                <option key={`${i.name}-${i.address}`} value={i.address}>
                  {i.address} ({i.name}, {i.scope === 'loopback' ? 'this computer only' : 'local network'})
                </option>
              ))}
            </select>
          </label>
          <label>
            Your name
            <input value={hostName} maxLength={120} onChange={(e) => setHostName(e.target.value)} />
          </label>
          <label>
            Guests at most
            <input type="number" min={1} max={16} value={maxGuests} onChange={(e) => setMaxGuests(Number(e.target.value) || 1)} />
          </label>
          <button type="submit" data-testid="live-start" disabled={model.busy || model.interfaces.length === 0}>
            Start live session
          </button>
        </form>
      ) : (
        <div className="live-running">
          <dl>
            <dt>Address</dt>
            <dd data-testid="live-url">{session.url}</dd>
            <dt>Join code</dt>
            <dd>
              <span className="live-code" data-testid="live-code">
                {session.code}
              </span>{' '}
              <span className="live-expiry" data-testid="live-code-expiry">
                {session.codeUsed ? 'used' : `expires in ${countdown}`}
              </span>
              <br />
              <button type="button" className="link" onClick={() => void model.renewCode()}>
                New code
              </button>
            </dd>
            <dt>Certificate (SHA-256)</dt>
            <dd className="live-fingerprint" data-testid="live-fingerprint">
              {session.fingerprint}
            </dd>
          </dl>
          <p className="live-note">Guests compare this fingerprint with the one their browser shows for the address.</p>
          <h4>Guests ({session.guests.length} of {session.maxGuests})</h4>
          <ul className="live-guests" data-testid="live-guests">
            {session.guests.length === 0 && <li className="live-note">No one yet.</li>}
            {session.guests.map((g) => (
              <li key={g.id} data-testid="live-guest">
                <span>
                  {g.name} <small>{g.address}</small>
                  {session.controller === g.id && <strong> · driving</strong>}
                </span>
                {model.requests[g.id] && session.controller !== g.id && (
                  <button type="button" onClick={() => void model.setController(g.id)}>
                    Let drive
                  </button>
                )}
                {session.controller === g.id && (
                  <button type="button" onClick={() => void model.setController(null)}>
                    Take back
                  </button>
                )}
                <button type="button" className="link" onClick={() => void model.remove(g.id)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label className="live-share">
            <input type="checkbox" checked={model.shareGrid} onChange={(e) => model.setShareGrid(e.target.checked)} /> Share the grid counts (cells under{' '}
            {DEFAULT_MIN_COUNT} incidents withheld)
          </label>
          {model.shareProblem && <p className="live-note">{model.shareProblem}</p>}
          <button type="button" className="live-end" data-testid="live-end" disabled={model.busy} onClick={() => void model.end()}>
            End session
          </button>
          {model.activity.length > 0 && (
            <ol className="live-activity" aria-label="Session activity">
              {model.activity.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
