import { useMemo } from 'react';

/**
 * The Lorenz curve of crime over places as an SVG: x = cumulative % of places (highest count
 * first), y = cumulative % of crime; the diagonal is "crime spread evenly". Points are thinned
 * to at most 400 so a 100,000-cell grid still draws instantly.
 */
export function LorenzChart({ unitPercent, crimePercent, gini }: { unitPercent: Float64Array; crimePercent: Float64Array; gini: number | null }) {
  const W = 244;
  const H = 170;
  const L = 44;
  const B = 26;
  const path = useMemo(() => {
    const n = unitPercent.length;
    const step = Math.max(1, Math.floor(n / 400));
    const pts: string[] = [`${L},${H - B}`];
    for (let i = 0; i < n; i += step) pts.push(`${(L + ((W - L - 14) * (unitPercent[i] as number)) / 100).toFixed(1)},${(H - B - ((H - B - 6) * (crimePercent[i] as number)) / 100).toFixed(1)}`);
    if (n > 0) pts.push(`${(L + ((W - L - 14) * (unitPercent[n - 1] as number)) / 100).toFixed(1)},${(H - B - ((H - B - 6) * (crimePercent[n - 1] as number)) / 100).toFixed(1)}`);
    return `M${pts.join('L')}`;
  }, [unitPercent, crimePercent]);
  const x = (p: number) => L + ((W - L - 14) * p) / 100;
  const y = (p: number) => H - B - ((H - B - 6) * p) / 100;
  return (
    <svg className="lorenz" width={W} height={H} role="img" aria-label={`Lorenz curve of crime over places${gini !== null ? `, Gini ${gini.toFixed(3)}` : ''}`} data-testid="lorenz-chart">
      <rect x={L} y={6} width={W - L - 14} height={H - B - 6} fill="#fafafa" stroke="#bbb" />
      {[25, 50, 75].map((p) => (
        <g key={p}>
          <line x1={x(p)} x2={x(p)} y1={y(0)} y2={y(100)} stroke="#eee" />
          <line x1={x(0)} x2={x(100)} y1={y(p)} y2={y(p)} stroke="#eee" />
        </g>
      ))}
      <line x1={x(0)} y1={y(0)} x2={x(100)} y2={y(100)} stroke="#999" strokeDasharray="4 3" />
      <path d={path} fill="none" stroke="#cc4c02" strokeWidth={2} />
      {[0, 50, 100].map((p) => (
        <g key={p} fontSize={10} fill="#444">
          <text x={x(p)} y={H - B + 12} textAnchor="middle">{p}%</text>
          <text x={L - 4} y={y(p) + 3} textAnchor="end">{p}%</text>
        </g>
      ))}
      <text x={(L + W) / 2} y={H - 2} textAnchor="middle" fontSize={10} fill="#222">places, most crime first</text>
      <text x={9} y={(H - B) / 2} textAnchor="middle" fontSize={10} fill="#222" transform={`rotate(-90 9 ${(H - B) / 2})`}>crime</text>
    </svg>
  );
}
