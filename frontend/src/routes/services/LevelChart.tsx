// A line chart of a metric's measurements by period end, drawn in SVG: the
// designed level as a dashed horizontal line, every measurement that misses
// it marked with a cross and its value in words. It is sized to its box in
// pixels, so the text stays readable on a phone.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatLevel } from '../../shared/format';
import { describeSeries, layoutChart, pointLabel, type Series } from './chart';

let charts = 0;

/** The width of an element in CSS pixels, kept current. */
function useWidth(fallback: number): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setWidth(Math.max(260, Math.floor(el.getBoundingClientRect().width)));
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** summaryId: an element that says the chart in words; without it, the SVG carries the words itself. */
export function LevelChart({ series, height = 230, summaryId }: { series: Series; height?: number; summaryId?: string }) {
  const [ref, width] = useWidth(640);
  const [id] = useState(() => `catalog-chart-${++charts}`);
  const l = layoutChart(series, width, height);
  const unit = series.metric.unit;
  const { plot } = l;
  return (
    <div class="catalog-chart" ref={ref}>
      <svg
        width={l.width}
        height={l.height}
        viewBox={`0 0 ${l.width} ${l.height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={summaryId ?? `${id}-desc`}
      >
        <title id={`${id}-title`}>{series.metric.name} by period end</title>
        {!summaryId && <desc id={`${id}-desc`}>{describeSeries(series)}</desc>}
        <g class="catalog-chart-grid" aria-hidden="true">
          {l.yTicks.map((t) => (
            <g key={t.label}>
              <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} />
              <text x={plot.left - 6} y={t.y} dy="0.32em" text-anchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {l.xTicks.map((t) => (
            <text key={t.label} x={t.x} y={plot.bottom + 16} text-anchor={t.x < plot.left + 30 ? 'start' : t.x > plot.right - 30 ? 'end' : 'middle'}>
              {t.label}
            </text>
          ))}
          <line class="catalog-chart-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
          <text class="catalog-chart-axis-title" x={plot.left + (plot.right - plot.left) / 2} y={l.height - 4} text-anchor="middle">
            Period end
          </text>
          <text class="catalog-chart-axis-title" transform={`translate(12 ${plot.top + (plot.bottom - plot.top) / 2}) rotate(-90)`} text-anchor="middle">
            {unit}
          </text>
        </g>
        {l.designedY !== null && series.designed !== null && (
          <g class="catalog-chart-designed" aria-hidden="true">
            <line x1={plot.left} x2={plot.right} y1={l.designedY} y2={l.designedY} />
            <text x={plot.right - 4} y={l.designedY} dy={l.designedY - plot.top < 16 ? '1.1em' : '-0.45em'} text-anchor="end">
              designed {formatLevel(series.designed, unit)}
            </text>
          </g>
        )}
        <path class="catalog-chart-line" d={l.path} aria-hidden="true" />
        <g aria-hidden="true">
          {l.points.map(({ x, y, point }) => {
            const text = `${formatDate(point.m.periodEnd)}: ${formatLevel(point.value, unit)}${point.miss ? ` misses the designed ${formatLevel(series.designed, unit)}` : ''}`;
            if (!point.miss) {
              return (
                <circle key={point.m.id} class="catalog-chart-point" cx={x} cy={y} r={4}>
                  <title>{text}</title>
                </circle>
              );
            }
            // The label goes where there is room: below the point unless that leaves the plot.
            const below = y + 20 <= plot.bottom;
            const anchor = x > plot.right - 60 ? 'end' : x < plot.left + 60 ? 'start' : 'middle';
            return (
              <g key={point.m.id} class="catalog-chart-miss">
                <title>{text}</title>
                <path d={`M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}`} />
                <text x={x} y={below ? y + 18 : y - 10} text-anchor={anchor}>
                  ✕ miss {pointLabel(point.value)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <ul class="catalog-chart-legend" aria-hidden="true">
        <li>
          <span class="catalog-key-line" /> measured
        </li>
        {series.designed !== null && (
          <li>
            <span class="catalog-key-dash" /> designed level ({formatLevel(series.designed, unit)})
          </li>
        )}
        {series.points.some((p) => p.miss) && (
          <li>
            <span class="catalog-key-miss">✕</span> misses the designed level
          </li>
        )}
      </ul>
    </div>
  );
}
