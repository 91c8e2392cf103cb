// The maths of the levels chart of a service page: measurements grouped by
// metric, the scales from values and times to pixels, the ticks, the line's
// path and which measurements miss the designed level. Pure: the SVG that
// draws it is in LevelChart.tsx.
import { formatDate, formatLevel, formatNumber } from '../../shared/format';

export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface MetricInfo {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
}

/** A measurement as the service page reads it. */
export interface MeasurementRow {
  id: string;
  value: number;
  periodStart: string;
  periodEnd: string;
  source?: string | null;
  recordedAt: string;
  metric: MetricInfo;
}

/** One measurement placed in time, with whether it misses the designed level. */
export interface SeriesPoint {
  m: MeasurementRow;
  /** The period end, in milliseconds. */
  t: number;
  value: number;
  /** It misses the designed level (false without a designed level). */
  miss: boolean;
}

/** The measurements of one metric, oldest first, with the designed level if the service has one. */
export interface Series {
  metric: MetricInfo;
  designed: number | null;
  points: SeriesPoint[];
}

/** Whether a value meets a level: at least it when higher is better, at most it when lower is. */
export function meets(value: number, level: number, direction: Direction): boolean {
  return direction === 'HIGHER_IS_BETTER' ? value >= level : value <= level;
}

/**
 * Groups measurements by metric, each series oldest first (by period end,
 * then by when recorded, so the last point is the latest measurement as the
 * coverage rules define it). Series follow the order of the designed levels,
 * then metrics without a designed level by name.
 */
export function buildSeries(measurements: MeasurementRow[], designed: Array<{ metric: MetricInfo; value: number }>): Series[] {
  const byKey = new Map<string, MeasurementRow[]>();
  for (const m of measurements) {
    const list = byKey.get(m.metric.key);
    if (list) list.push(m);
    else byKey.set(m.metric.key, [m]);
  }
  const order = designed.map((d) => d.metric.key);
  const keys = [...byKey.keys()].sort((a, b) => {
    const ia = order.includes(a) ? order.indexOf(a) : order.length;
    const ib = order.includes(b) ? order.indexOf(b) : order.length;
    if (ia !== ib) return ia - ib;
    const na = byKey.get(a)?.[0]?.metric.name ?? a;
    const nb = byKey.get(b)?.[0]?.metric.name ?? b;
    return na.localeCompare(nb);
  });
  return keys.map((key) => {
    const rows = [...(byKey.get(key) ?? [])];
    rows.sort((a, b) => Date.parse(a.periodEnd) - Date.parse(b.periodEnd) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || Number(a.id) - Number(b.id));
    const metric = rows[0]!.metric;
    const level = designed.find((d) => d.metric.key === key)?.value ?? null;
    return {
      metric,
      designed: level,
      points: rows.map((m) => ({ m, t: Date.parse(m.periodEnd), value: m.value, miss: level !== null && !meets(m.value, level, metric.direction) })),
    };
  });
}

/** A linear map from a domain to a range; a domain of one value maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/** A round step near span / count: 1, 2 or 5 times a power of ten, whichever is nearest (geometrically). */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.sqrt(2) ? 2 : 1;
  return nice * power;
}

/** Decimals needed to write multiples of step exactly. */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * The value domain of a chart: every measured value and the designed level,
 * widened to round ticks with a little room above and below, never past a
 * ceiling the figures cannot exceed (100 for a percentage). Returns the
 * domain and its ticks (about count of them).
 */
export function valueAxis(values: number[], designed: number | null, count = 4, ceiling?: number): { min: number; max: number; ticks: number[] } {
  const all = designed === null ? values : [...values, designed];
  if (all.length === 0) return { min: 0, max: 1, ticks: [0, 1] };
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  } else {
    const pad = (hi - lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // Never below zero for figures that cannot be negative.
  if (Math.min(...all) >= 0 && lo < 0) lo = 0;
  if (ceiling !== undefined && Math.max(...all) <= ceiling && hi > ceiling) hi = ceiling;
  const step = niceStep(hi - lo, count);
  const decimals = stepDecimals(step);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1e6; i++) ticks.push(Number((min + i * step).toFixed(decimals)));
  return { min: Number(min.toFixed(decimals)), max: Number(max.toFixed(decimals)), ticks };
}

const DAY = 86_400_000;

/** The time domain: first to last period end; one point gets a fortnight either side. */
export function timeDomain(times: number[]): [number, number] {
  if (times.length === 0) return [0, DAY];
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  return lo === hi ? [lo - 14 * DAY, hi + 14 * DAY] : [lo, hi];
}

/**
 * Which of the distinct times get a label: at most max of them, every k-th
 * counted back from the latest (the one that matters most), so the labels
 * are evenly spaced.
 */
export function pickTimeTicks(times: number[], max: number): number[] {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  const n = Math.max(1, Math.floor(max));
  if (distinct.length <= n) return distinct;
  const last = distinct.length - 1;
  if (n === 1) return [distinct[last]!];
  const k = Math.ceil(last / (n - 1));
  return distinct.filter((_, i) => (last - i) % k === 0);
}

/** A date label of an axis: "1 Nov", with the year on the first label and whenever it changes. */
export function timeLabel(t: number, previous: number | null): string {
  const d = new Date(t);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const year = d.getUTCFullYear();
  return previous === null || new Date(previous).getUTCFullYear() !== year ? `${day} ${year}` : day;
}

/** An SVG path through points, in order: "M10,20L30,40". */
export function linePath(points: Array<[number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join('');
}

const round = (x: number): number => Math.round(x * 10) / 10;

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: Array<{ x: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  /** Where the designed level's line is; null without a designed level. */
  designedY: number | null;
  path: string;
  points: Array<{ x: number; y: number; point: SeriesPoint }>;
}

/** Places a series in a chart of the given size in pixels. */
export function layoutChart(series: Series, width: number, height: number): ChartLayout {
  const plot = { left: 56, right: width - 16, top: 14, bottom: height - 30 };
  const axis = valueAxis(
    series.points.map((p) => p.value),
    series.designed,
    height < 200 ? 3 : 4,
    series.metric.unit === 'percent' ? 100 : undefined,
  );
  const [t0, t1] = timeDomain(series.points.map((p) => p.t));
  const x = linearScale(t0, t1, plot.left + 8, plot.right - 8);
  const y = linearScale(axis.min, axis.max, plot.bottom, plot.top);
  const decimals = axis.ticks.length > 1 ? stepDecimals(axis.ticks[1]! - axis.ticks[0]!) : 0;
  const tickTimes = pickTimeTicks(
    series.points.map((p) => p.t),
    Math.max(2, Math.floor((plot.right - plot.left) / 90)),
  );
  const points = series.points.map((p) => ({ x: x(p.t), y: y(p.value), point: p }));
  return {
    width,
    height,
    plot,
    yTicks: axis.ticks.map((v) => ({ y: y(v), label: v.toFixed(decimals) })),
    xTicks: tickTimes.map((t, i) => ({ x: x(t), label: timeLabel(t, i === 0 ? null : tickTimes[i - 1]!) })),
    designedY: series.designed === null ? null : y(series.designed),
    path: linePath(points.map((p) => [p.x, p.y])),
    points,
  };
}

/** The chart in one or two sentences, for screen readers and as its caption. */
export function describeSeries(s: Series): string {
  const n = s.points.length;
  const first = s.points[0];
  const last = s.points[n - 1];
  if (!first || !last) return `No measurements of ${s.metric.name.toLowerCase()}.`;
  const unit = s.metric.unit;
  const span = n === 1 ? `One measurement, for the period ending ${formatDate(last.m.periodEnd)}` : `${n} measurements, periods ending ${formatDate(first.m.periodEnd)} to ${formatDate(last.m.periodEnd)}`;
  const values = s.points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const range = n === 1 ? '' : lo === hi ? `, all ${formatLevel(lo, unit)}` : `, from ${formatLevel(lo, unit)} to ${formatLevel(hi, unit)}`;
  if (s.designed === null) return `${span}${range}; latest ${formatLevel(last.value, unit)}. The service has no designed level for it.`;
  const missed = s.points.filter((p) => p.miss).length;
  const latest = `latest ${formatLevel(last.value, unit)} ${last.miss ? 'misses' : 'meets'} the designed ${formatLevel(s.designed, unit)}`;
  const count = missed === 0 ? 'none misses it' : `${missed} of ${n} ${missed === 1 ? 'misses' : 'miss'} it`;
  return `${span}${range}; ${latest}; ${count}.`;
}

/** A value for a marker's label: "99.2". */
export const pointLabel = (v: number): string => formatNumber(v);
