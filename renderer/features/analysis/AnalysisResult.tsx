import type { JsonValue } from '../../../shared/domain/analysis/result';
import type { AnalysisDoc } from './analysis-jobs';
import { cellClasses, docColumn, docRows, fmt, knoxCellClass, numbers, topUnits, type LegendEntry } from './analysis-view';
import { LorenzChart } from './LorenzChart';

type Obj = Record<string, JsonValue>;
const obj = (v: JsonValue | undefined): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

function Legend({ entries }: { entries: LegendEntry[] }) {
  return (
    <ul className="analysis-legend" data-testid="analysis-legend">
      {entries.map((e) => (
        <li key={e.label}>
          <span className="swatch" style={{ background: rgb(e.color) }} />
          {e.label} <span className="count">{e.count.toLocaleString('en-US')}</span>
        </li>
      ))}
    </ul>
  );
}

function Figures({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="analysis-figures">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ head, rows, testId }: { head: string[]; rows: { cells: string[]; className?: string }[]; testId?: string }) {
  return (
    <table className="analysis-table" data-testid={testId}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.className}>
            {r.cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const pText = (p: JsonValue | undefined) => (typeof p === 'number' ? (p < 0.001 ? '< 0.001' : fmt(p, 3)) : '—');

function MoranView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const legend = cellClasses(doc)?.legend ?? [];
  return (
    <>
      <Figures
        rows={[
          ["Global Moran's I", fmt(s.I)],
          ['E[I]', fmt(s.expectedI)],
          ['z (randomization)', fmt(s.zRandomization, 3)],
          ['p (randomization)', pText(s.pRandomization)],
          [`pseudo p (${fmt(s.permutations)} permutations)`, pText(s.pSim)],
        ]}
      />
      <p className="note">LISA classes on the map (pseudo p &lt; {fmt(s.localAlpha)}):</p>
      <Legend entries={legend} />
    </>
  );
}

function EmergingView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const cmp = obj(s.stepComparison);
  const legend = (cellClasses(doc)?.legend ?? []).sort((a, b) => b.count - a.count);
  const week = docColumn(doc, 'class_week', 'step-comparison');
  const month = docColumn(doc, 'class_month', 'step-comparison');
  const units = docColumn(doc, 'units', 'step-comparison');
  return (
    <>
      <Figures rows={[['Time steps', `${fmt(s.steps)} ${String(s.step)}s, ${String(s.firstStep ?? '')} to ${String(s.lastStep ?? '')}`], ['Cells', fmt(s.units)]]} />
      <Legend entries={legend} />
      {week && month && units && (
        <details className="analysis-step-compare" open>
          <summary>
            The step matters: {fmt(cmp.unitsWithDifferentClass)} of {fmt(s.units)} cells change class between weekly ({fmt(cmp.weekSteps)} steps) and monthly (
            {fmt(cmp.monthSteps)} steps)
          </summary>
          <Table
            head={['weekly', 'monthly', 'cells']}
            rows={week.map((w, i) => ({ cells: [String(w), String(month[i]), fmt(units[i])], className: w === month[i] ? '' : 'changed' })).filter((_, i) => week[i] !== 'no pattern detected' || month[i] !== 'no pattern detected')}
          />
        </details>
      )}
    </>
  );
}

function ConcentrationView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const top = obj(s.top);
  const crime = docColumn(doc, 'crime_percent', 'p-of-m') ?? [];
  const unitsCol = docColumn(doc, 'units', 'p-of-m') ?? [];
  const unitPct = docColumn(doc, 'unit_percent', 'p-of-m') ?? [];
  const k = topUnits(doc);
  const shown = Math.min(docRows(doc), 10);
  const ids = docColumn(doc, 'id') ?? [];
  const counts = docColumn(doc, 'count') ?? [];
  const cumCrime = docColumn(doc, 'cumulative_crime_percent') ?? [];
  const unit = String(obj(doc.parameters).unit ?? '');
  const [unitKind, unitLayer] = [unit.slice(0, unit.indexOf(':')), unit.slice(unit.indexOf(':') + 1)];
  const unitName = unitKind === 'segments' ? 'segment id' : unitKind === 'polygons' ? 'polygon id' : 'cell id';
  const measure = top.lengthPercent !== undefined ? 'of the street length' : 'of the area';
  const lost =
    typeof s.unsnapped === 'number'
      ? ([['Unsnapped incidents', `${fmt(s.unsnapped)} (farther than the snapping tolerance from every segment of "${unitLayer}"; not counted)`]] as [string, string][])
      : typeof s.outside === 'number' && unitKind === 'polygons'
        ? ([['Incidents outside every polygon', `${fmt(s.outside)} (not counted)`]] as [string, string][])
        : [];
  return (
    <>
      {unitKind === 'segments' || unitKind === 'polygons' ? (
        <p className="note" data-testid="concentration-units">
          Units: {unitKind === 'segments' ? 'street segments' : 'polygons'} of layer “{unitLayer}”.
        </p>
      ) : null}
      <Table
        testId="concentration-table"
        head={['% of crime', 'held by % of places', 'places']}
        rows={crime.map((c, i) => ({ cells: [`${fmt(c)}%`, `${fmt(unitPct[i], 3)}%`, fmt(unitsCol[i])] }))}
      />
      <Figures
        rows={[
          ['Gini', fmt(s.gini, 4)],
          ['Generalized Gini (sparse data)', fmt(s.generalizedGini, 4)],
          ['Crimes per place', fmt(s.crimesPerUnit, 3)],
          ['Places with any crime', `${fmt(s.unitsWithCrime)} of ${fmt(s.units)} (${fmt(100 * Number(s.shareOfUnitsWithCrime), 3)}%)`],
          ...lost,
          ...(top.units !== undefined
            ? ([[`Top ${fmt(top.units)} places`, `${fmt(top.crimePercent, 3)}% of crime on ${fmt(top.lengthPercent ?? top.areaPercent, 3)}% ${measure}: PAI ${fmt(top.pai, 4)}`]] as [string, string][])
            : []),
        ]}
      />
      <LorenzChart unitPercent={numbers(docColumn(doc, 'cumulative_unit_percent'))} crimePercent={numbers(cumCrime)} gini={typeof s.gini === 'number' ? s.gini : null} />
      <p className="note">Highest-count places{k ? ` (the map marks the top ${fmt(k)})` : ''}:</p>
      <Table head={['rank', unitName, 'crimes', 'cum. % crime']} rows={Array.from({ length: shown }, (_, i) => ({ cells: [String(i + 1), String(ids[i]), fmt(counts[i]), `${fmt(cumCrime[i], 3)}%`] }))} />
    </>
  );
}

function KnoxView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const col = (n: string) => docColumn(doc, n) ?? [];
  const [space, time, obs, exp, ratio, p] = ['space_band', 'time_band', 'observed', 'expected', 'ratio', 'p'].map(col) as JsonValue[][];
  const params = obj(doc.parameters);
  const times = [...new Set((time ?? []).map(String))];
  const spaces = [...new Set((space ?? []).map(String))];
  const T = times.length;
  return (
    <>
      <Figures rows={[['Events', fmt(s.events)], ['Pairs', fmt(s.pairs)], ['Simulations', `${fmt(params.simulations)} (seed ${fmt(params.seed)})`], ['Distance', String(params.metric)]]} />
      <p className="note">Knox ratio (observed / expected pairs) by distance (rows, metres) and days apart (columns); bands are half-open [a, b).</p>
      <table className="analysis-table knox-matrix" data-testid="knox-table">
        <thead>
          <tr>
            <th>m \ days</th>
            {times.map((t) => (
              <th key={t}>{t}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spaces.map((sp, si) => (
            <tr key={sp}>
              <th>{sp}</th>
              {times.map((_, ti) => {
                const i = si * T + ti;
                return (
                  <td key={ti} className={`knox-${knoxCellClass(Number(ratio?.[i]), Number(p?.[i]))}`} title={`observed ${fmt(obs?.[i])}, expected ${fmt(exp?.[i], 5)}, p ${pText(p?.[i])}`}>
                    <b>{fmt(ratio?.[i], 3)}</b>
                    <small>
                      {fmt(obs?.[i])}/{fmt(exp?.[i], 3)}
                    </small>
                    <small>p {pText(p?.[i])}</small>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        <span className="swatch knox-p01" /> more pairs than chance, p &lt; .01 <span className="swatch knox-p05" /> p &lt; .05 · each cell: ratio, observed/expected, Monte Carlo p
      </p>
    </>
  );
}

function ClustersView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const nn = obj(s.nearestNeighbour);
  const pts = docColumn(doc, 'points') ?? [];
  const area = docColumn(doc, 'hull_area_m2') ?? [];
  const order = pts.map((_, i) => i).sort((a, b) => Number(pts[b]) - Number(pts[a])).slice(0, 10);
  return (
    <>
      <Figures
        rows={[
          ['Clusters', fmt(s.clusters)],
          ['Points in clusters', `${fmt(s.clustered)} of ${fmt(s.points)} (noise ${fmt(s.noise)})`],
          ['Clark-Evans R', `${fmt(nn.ratio, 4)} (z ${fmt(nn.z, 3)}, p ${pText(nn.p)})`],
        ]}
      />
      <Table head={['cluster', 'points', 'hull area (ha)']} testId="clusters-table" rows={order.map((i) => ({ cells: [String(i), fmt(pts[i]), fmt(Number(area[i]) / 10_000, 3)] }))} />
    </>
  );
}

function RepeatsView({ doc }: { doc: AnalysisDoc }) {
  const s = obj(doc.summary);
  const place = docColumn(doc, 'place') ?? [];
  const count = docColumn(doc, 'count') ?? [];
  const gap = docColumn(doc, 'shortest_gap_days') ?? [];
  return (
    <>
      <Figures
        rows={[
          ['Repeat places', `${fmt(s.repeatPlaces)} of ${fmt(s.places)} places (${fmt(100 * Number(s.shareOfPlacesRepeat), 3)}%)`],
          ['Incidents at repeat places', `${fmt(s.incidentsAtRepeatPlaces)} of ${fmt(s.incidents)} (${fmt(100 * Number(s.shareOfIncidentsAtRepeatPlaces), 3)}%)`],
        ]}
      />
      <Table head={['place', 'incidents', 'shortest gap (days)']} testId="repeats-table" rows={place.slice(0, 12).map((p, i) => ({ cells: [String(p), fmt(count[i]), fmt(gap[i], 3)] }))} />
    </>
  );
}

/** The result of a document: figures, table, legend, then the stated conventions and warnings. */
export function AnalysisResult({ doc }: { doc: AnalysisDoc }) {
  const convention = (doc.convention as string[] | undefined) ?? [];
  const warnings = (doc.warnings as string[] | undefined) ?? [];
  return (
    <>
      {doc.verb === 'moran' && <MoranView doc={doc} />}
      {doc.verb === 'emerging' && <EmergingView doc={doc} />}
      {doc.verb === 'concentration' && <ConcentrationView doc={doc} />}
      {doc.verb === 'knox' && <KnoxView doc={doc} />}
      {doc.verb === 'clusters' && <ClustersView doc={doc} />}
      {doc.verb === 'repeats' && <RepeatsView doc={doc} />}
      {warnings.length > 0 && (
        <ul className="analysis-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <details className="analysis-convention">
        <summary>Method and conventions</summary>
        {typeof doc.points === 'string' && <p>{doc.points}</p>}
        {convention.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </details>
    </>
  );
}
