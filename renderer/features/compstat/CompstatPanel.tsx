import { useEffect, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { comparisonPeriod, formatPctChange, parsePeriod, periodDays, type CompareMode, type CompstatBy, type CompstatResult } from '../../../shared/domain/explore/compstat';
import { compstatTable, queryCompstat } from '../../../shared/domain/explore/compstat-query';
import { buildFilterWhereSql, type ExploreFilter } from '../../../shared/domain/explore/filters';
import { formatRowsCsv } from '../../../shared/domain/explore/table-query';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { TableInfo } from '../table/table-info';
import { buildChangeMapLayers } from './change-map-layer';
import { ChangeMapLegend } from './ChangeMapLegend';
import { useChangeMap } from './use-change-map';
import './compstat.css';

const fmt = (n: number) => n.toLocaleString('en-US');
const PERIODS = [
  { value: 'last-28', label: 'Last 28 days' },
  { value: 'last-7', label: 'Last 7 days' },
  { value: 'mtd', label: 'Month to date' },
  { value: 'ytd', label: 'Year to date' },
  { value: 'custom', label: 'Custom…' },
] as const;

/**
 * CompStat: this period against the previous one or the same dates last year, by offense group,
 * beat or district: counts, change, % change and a flag where an exact Poisson test says the
 * change is unlikely to be chance (p < 0.05). Relative periods end on the latest incident date.
 * The other filters (groups, beats, days, hours) apply; the filter's own dates do not.
 */
export function CompstatPanel(props: { engine: Promise<SqlEngine>; host: HostApi; info: TableInfo; filter: ExploreFilter; onClose: () => void; dataset?: DatasetView | null; onLayers?: (layers: Layer[]) => void }) {
  const { engine, host, info, filter, onClose, dataset = null, onLayers } = props;
  const [mapOn, setMapOn] = useState(true);
  const [cell, setCell] = useState(500);
  const [period, setPeriod] = useState<string>('last-28');
  const [from, setFrom] = useState(info.maxDay ? info.maxDay.slice(0, 8) + '01' : '');
  const [to, setTo] = useState(info.maxDay ?? '');
  const [compare, setCompare] = useState<CompareMode>('previous');
  const [by, setBy] = useState<CompstatBy>('group');
  const [result, setResult] = useState<CompstatResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const cols = info.columns;
    if (!cols) {
      setError('This table has no occurred date and offense code columns: no CompStat.');
      return;
    }
    const current = parsePeriod(period === 'custom' ? `${from}..${to}` : period, info.maxDay);
    if (!current.ok) {
      setError(formatAppError(current.error).replace(/^--period: /, 'Period: '));
      setResult(null);
      return;
    }
    setBusy(true);
    const where = buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, cols);
    void engine
      .then((e) => queryCompstat(e, { table: info.table, columns: cols, extra: info.extra, where, current: current.value, previous: comparisonPeriod(current.value, compare), compare, by }))
      .then((r) => {
        if (!live) return;
        setBusy(false);
        if (r.ok) {
          setResult(r.value);
          setError(null);
        } else {
          setResult(null);
          setError(r.error.kind === 'column-missing' ? `This table has no ${by} column (${r.error.column}).` : formatAppError(r.error));
        }
      });
    return () => {
      live = false;
    };
  }, [engine, info, filter, period, from, to, compare, by]);

  const cols = info.columns;
  const current = result?.current ?? null;
  const previous = result?.previous ?? null;
  const changeReq =
    mapOn && onLayers && cols && current && previous
      ? { table: info.table, occurred: cols.occurred, where: buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, cols), current, previous, cell }
      : null;
  const change = useChangeMap(engine, dataset, changeReq);
  useEffect(() => {
    onLayers?.(change.data ? buildChangeMapLayers(change.data) : []);
  }, [change.data, onLayers]);
  useEffect(() => () => onLayers?.([]), [onLayers]);

  const save = async () => {
    if (!result) return;
    const t = compstatTable(result);
    const bytes = new TextEncoder().encode(formatRowsCsv(t.header, t.rows));
    const r = await host.saveFile({ suggestedName: `compstat-${result.by}-${result.current.from}-${result.current.to}.csv`, bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    setMessage(!r.ok ? `Export failed: ${formatAppError(r.error)}` : r.value.saved ? 'Saved.' : null);
  };

  const rows = result ? [...result.rows, result.total] : [];
  return (
    <section className="compstat" aria-label="CompStat" data-testid="compstat-panel">
      <header className="compstat-head">
        <h3>CompStat</h3>
        <button type="button" onClick={onClose} aria-label="Close CompStat">×</button>
      </header>
      <div className="compstat-controls">
        <label className="field">
          Period
          <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="compstat-period">
            {PERIODS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
        </label>
        {period === 'custom' && (
          <span className="compstat-custom">
            <input type="date" aria-label="Period from" value={from} onChange={(e) => setFrom(e.target.value)} />
            <input type="date" aria-label="Period to" value={to} onChange={(e) => setTo(e.target.value)} />
          </span>
        )}
        <label className="field">
          Compared with
          <select value={compare} onChange={(e) => setCompare(e.target.value as CompareMode)} data-testid="compstat-compare">
            <option value="previous">the period before</option>
            <option value="last-year">the same dates last year</option>
          </select>
        </label>
        <label className="field">
          By
          <select value={by} onChange={(e) => setBy(e.target.value as CompstatBy)} data-testid="compstat-by">
            <option value="group">offense group</option>
            <option value="beat">beat</option>
            <option value="district">district</option>
          </select>
        </label>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <p className="compstat-periods" data-testid="compstat-periods">
          {result.current.from} – {result.current.to} ({periodDays(result.current)} days) vs {result.previous.from} – {result.previous.to} ({periodDays(result.previous)} days)
          {busy ? ' · updating…' : ''}
        </p>
      )}
      {result && (
        <div className="compstat-table-wrap">
          <table className="compstat-table">
            <thead>
              <tr>
                <th>{by === 'group' ? 'Offense group' : by === 'beat' ? 'Beat' : 'District'}</th>
                <th>Now</th>
                <th>Before</th>
                <th>Change</th>
                <th>%</th>
                <th title="Two-sided exact Poisson test of the two counts">p</th>
                <th aria-label="Flag" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key} className={i === rows.length - 1 ? 'total' : r.flag ? `flag-${r.flag}` : ''} data-testid="compstat-row">
                  <th scope="row">{r.key}</th>
                  <td>{fmt(r.current)}</td>
                  <td>{fmt(r.previous)}</td>
                  <td>{r.change > 0 ? '+' : ''}{fmt(r.change)}</td>
                  <td>{formatPctChange(r)}</td>
                  <td>{r.p < 0.001 ? '<0.001' : r.p.toFixed(3)}</td>
                  <td className="flag" title={r.flag ? `Change unlikely to be chance (p < ${result.alpha})` : undefined}>{r.flag === 'up' ? '▲' : r.flag === 'down' ? '▼' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onLayers && <ChangeMapLegend on={mapOn} cell={cell} data={mapOn ? change.data : null} error={change.error} onToggle={setMapOn} onCell={setCell} />}
      <p className="note compstat-method">
        ▲/▼: the change is unlikely to be chance (two-sided exact Poisson test of the two counts, p &lt; 0.05; with many rows about 1 in 20
        unchanged rows is flagged by chance). Relative periods end on the latest incident date{info.maxDay ? ` (${info.maxDay})` : ''}. Dates are of occurred-from; the other filters apply.
      </p>
      <div className="compstat-actions">
        {message && <span className="note">{message}</span>}
        <button type="button" disabled={!result} onClick={() => void save()}>Export CSV…</button>
      </div>
    </section>
  );
}
