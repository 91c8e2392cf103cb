// The client's score history: a small hand-drawn SVG line chart with its axes,
// a sentence that says what it shows, and the points as a table on demand.
import { formatDate, formatScore } from '../../shared/format';
import { chartBox, chartOf, historySummary, type ScorePoint } from './history';

export function ScoreChart({ points, current, name }: { points: ScorePoint[]; current: number | null | undefined; name: string }) {
  const summary = historySummary(points, current);
  if (points.length === 0) return <p class="muted small">{summary}</p>;
  const c = chartOf(points);
  const b = chartBox;
  return (
    <figure class="clientmap-chart">
      <svg viewBox={`0 0 ${b.width} ${b.height}`} width={b.width} height={b.height} role="img" aria-label={`Score history of ${name}: ${summary}`}>
        <g class="clientmap-chart-axes" aria-hidden="true">
          {c.yTicks.map((t) => (
            <g key={t.label}>
              <line x1={b.left} x2={b.width - b.right} y1={t.y} y2={t.y} class={t.label === '0' ? 'axis' : 'grid'} />
              <text x={b.left - 5} y={t.y} dy="0.32em" text-anchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {c.xTicks.map((t) => (
            <text key={t.label + t.anchor} x={t.x} y={b.height - 6} text-anchor={t.anchor}>
              {t.label}
            </text>
          ))}
        </g>
        {c.lines.map((d) => (
          <path key={d} d={d} class="clientmap-chart-line" />
        ))}
        {c.blanks.map((p, i) => (
          <g key={i} class="clientmap-chart-blank">
            <line x1={p.x} x2={p.x} y1={b.height - b.bottom - 4} y2={b.height - b.bottom + 4} />
            <title>{formatDate(p.at)}: no score</title>
          </g>
        ))}
        {c.dots.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={3} class="clientmap-chart-dot">
            <title>
              {formatDate(p.at)}: {formatScore(p.score)}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption class="small">
        {summary}
        <details class="clientmap-chart-points">
          <summary>The {points.length === 1 ? 'point' : `${points.length} points`}</summary>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col" class="num">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={i}>
                  <td>{formatDate(p.at)}</td>
                  <td class="num">{p.score === null || p.score === undefined ? 'no score' : formatScore(p.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
