// The client's score history as a small line chart: the geometry (pure, no
// DOM) and a sentence that says what the chart shows.
import { formatDate, formatScore } from '../../shared/format';

export interface ScorePoint {
  at: string;
  score: number | null | undefined;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels: left, right, top, bottom. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const chartBox: ChartBox = { width: 320, height: 120, left: 30, right: 10, top: 8, bottom: 22 };

export interface Chart {
  /** One SVG path per run of points with a score; a null score breaks the line. */
  lines: string[];
  dots: Array<{ x: number; y: number; score: number; at: string }>;
  /** Where a null score stands: a mark on the time axis. */
  blanks: Array<{ x: number; at: string }>;
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Places the points on a time axis (x) and a 0–100 score axis (y). */
export function chartOf(points: ScorePoint[], box: ChartBox = chartBox): Chart {
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.height - box.bottom;
  const y1 = box.top;
  const xOf = (t: number) => round(t1 === t0 ? (x0 + x1) / 2 : x0 + ((t - t0) / (t1 - t0)) * (x1 - x0));
  const yOf = (s: number) => round(y0 - (Math.max(0, Math.min(100, s)) / 100) * (y0 - y1));

  const lines: string[] = [];
  const dots: Chart['dots'] = [];
  const blanks: Chart['blanks'] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    const x = xOf(times[i] ?? t0);
    if (p.score === null || p.score === undefined) {
      blanks.push({ x, at: p.at });
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
      return;
    }
    const y = yOf(p.score);
    dots.push({ x, y, score: p.score, at: p.at });
    run.push(`${run.length ? 'L' : 'M'}${x},${y}`);
  });
  if (run.length > 1) lines.push(run.join(' '));

  const yTicks = [0, 50, 100].map((s) => ({ y: yOf(s), label: String(s) }));
  const first = points[0];
  const last = points[points.length - 1];
  const xTicks: Chart['xTicks'] = [];
  // Months for a long history, days for a short one (both ends in one month).
  const days = (t1 - t0) / 86_400_000 < 62;
  if (first && last && t1 !== t0) {
    xTicks.push({ x: x0, label: shortDate(first.at, days), anchor: 'start' }, { x: x1, label: shortDate(last.at, days), anchor: 'end' });
  } else if (first) {
    xTicks.push({ x: (x0 + x1) / 2, label: shortDate(first.at, true), anchor: 'middle' });
  }
  return { lines, dots, blanks, yTicks, xTicks };
}

/** "May 2026", or with the day: "26 Nov" */
function shortDate(at: string, withDay: boolean): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString('en-GB', withDay ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** What the chart says, in one sentence: "From 87 on 1 May 2026 to 75 today; lowest 75, highest 87." */
export function historySummary(points: ScorePoint[], current: number | null | undefined): string {
  const scored = points.filter((p): p is { at: string; score: number } => p.score !== null && p.score !== undefined);
  if (points.length === 0) return 'No score history yet.';
  const first = scored[0];
  if (!first) return 'No score yet: the client has had no requirements.';
  const now = current ?? null;
  const values = scored.map((p) => p.score);
  const range = `lowest ${formatScore(Math.min(...values))}, highest ${formatScore(Math.max(...values))}`;
  const end = now === null ? 'no score today (no requirements)' : `${formatScore(now)} today`;
  if (scored.length === 1 && now === first.score) return `${formatScore(now)} since ${formatDate(first.at)}.`;
  return `From ${formatScore(first.score)} on ${formatDate(first.at)} to ${end}; ${range}.`;
}
