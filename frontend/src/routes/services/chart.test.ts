import { describe, expect, it } from 'vitest';
import {
  buildSeries,
  describeSeries,
  layoutChart,
  linearScale,
  linePath,
  meets,
  niceStep,
  pickTimeTicks,
  stepDecimals,
  timeDomain,
  timeLabel,
  valueAxis,
  type MeasurementRow,
  type MetricInfo,
} from './chart';

const availability: MetricInfo = { key: 'availability', name: 'Availability', unit: 'percent', direction: 'HIGHER_IS_BETTER' };
const response: MetricInfo = { key: 'response_minutes', name: 'Response time', unit: 'minutes', direction: 'LOWER_IS_BETTER' };

let nextId = 1;
function m(metric: MetricInfo, value: number, end: string, recordedAt = '2026-11-26T00:00:00Z'): MeasurementRow {
  const id = String(nextId++);
  return { id, value, metric, periodStart: '2026-01-01T00:00:00Z', periodEnd: `${end}T00:00:00Z`, recordedAt };
}

describe('meets', () => {
  it('follows the direction of the metric', () => {
    expect(meets(99.95, 99.95, 'HIGHER_IS_BETTER')).toBe(true);
    expect(meets(99.2, 99.95, 'HIGHER_IS_BETTER')).toBe(false);
    expect(meets(15, 15, 'LOWER_IS_BETTER')).toBe(true);
    expect(meets(16, 15, 'LOWER_IS_BETTER')).toBe(false);
  });
});

describe('buildSeries', () => {
  it('groups by metric, oldest first, designed metrics first, and marks misses', () => {
    const rows = [
      m(response, 20, '2026-11-01'),
      m(availability, 99.2, '2026-11-01'),
      m(availability, 99.97, '2026-10-01'),
      m({ key: 'zeta', name: 'Zeta', unit: 'x', direction: 'HIGHER_IS_BETTER' }, 1, '2026-10-01'),
      m(response, 10, '2026-10-01'),
    ];
    const s = buildSeries(rows, [
      { metric: availability, value: 99.95 },
      { metric: response, value: 15 },
    ]);
    expect(s.map((x) => x.metric.key)).toEqual(['availability', 'response_minutes', 'zeta']);
    expect(s[0]!.points.map((p) => [p.value, p.miss])).toEqual([
      [99.97, false],
      [99.2, true],
    ]);
    expect(s[1]!.points.map((p) => [p.value, p.miss])).toEqual([
      [10, false],
      [20, true],
    ]);
    expect(s[2]!.designed).toBeNull();
    expect(s[2]!.points[0]!.miss).toBe(false);
  });

  it('puts the measurement recorded last after another with the same period end', () => {
    const later = m(availability, 98, '2026-11-01', '2026-11-27T00:00:00Z');
    const earlier = m(availability, 99, '2026-11-01', '2026-11-26T00:00:00Z');
    const s = buildSeries([later, earlier], []);
    expect(s[0]!.points.map((p) => p.value)).toEqual([99, 98]);
  });

  it('is empty without measurements', () => {
    expect(buildSeries([], [{ metric: availability, value: 99 }])).toEqual([]);
  });
});

describe('scales and ticks', () => {
  it('maps a domain to a range, inverted for y', () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
  });

  it('puts a one-value domain in the middle of the range', () => {
    expect(linearScale(5, 5, 0, 100)(5)).toBe(50);
  });

  it('chooses round steps', () => {
    expect(niceStep(1, 4)).toBe(0.2);
    expect(niceStep(0.924, 4)).toBeCloseTo(0.2);
    expect(niceStep(100, 4)).toBe(20);
    expect(niceStep(16, 4)).toBe(5);
    expect(niceStep(40, 4)).toBe(10);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0, 4)).toBe(1);
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(50)).toBe(0);
  });

  it('covers the values and the designed level with round ticks', () => {
    const a = valueAxis([99.97, 99.2, 99.96], 99.95);
    expect(a.min).toBeLessThanOrEqual(99.2);
    expect(a.max).toBeGreaterThanOrEqual(99.97);
    expect(a.ticks[0]).toBe(a.min);
    expect(a.ticks[a.ticks.length - 1]).toBe(a.max);
    expect(a.ticks).toEqual([99, 99.2, 99.4, 99.6, 99.8, 100, 100.2]);
    // a percentage stops at 100
    expect(valueAxis([99.97, 99.2, 99.96], 99.95, 4, 100).ticks).toEqual([99, 99.2, 99.4, 99.6, 99.8, 100]);
    expect(valueAxis([99.99, 100], null, 4, 100).max).toBe(100);
    // the designed level alone widens the domain
    const b = valueAxis([10, 12], 30);
    expect(b.max).toBeGreaterThanOrEqual(30);
  });

  it('gives a flat series room and never goes below zero for figures that cannot', () => {
    const a = valueAxis([168, 168], 168);
    expect(a.min).toBeLessThan(168);
    expect(a.max).toBeGreaterThan(168);
    const z = valueAxis([0, 0], null);
    expect(z.min).toBe(0);
    expect(z.max).toBeGreaterThan(0);
    expect(valueAxis([1, 9], null).min).toBe(0);
  });

  it('gives one point a fortnight either side', () => {
    const t = Date.parse('2026-11-01T00:00:00Z');
    const [a, b] = timeDomain([t]);
    expect(b - a).toBe(28 * 86_400_000);
    expect(timeDomain([t, t + 5])).toEqual([t, t + 5]);
  });

  it('picks at most max time ticks, evenly spaced back from the latest', () => {
    const times = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(pickTimeTicks(times, 20)).toEqual(times);
    expect(pickTimeTicks(times, 4)).toEqual([1, 4, 7, 10]);
    expect(pickTimeTicks([1, 2, 3, 4, 5, 6], 5)).toEqual([2, 4, 6]);
    expect(pickTimeTicks([3, 3, 1], 5)).toEqual([1, 3]);
    expect(pickTimeTicks(times, 1)).toEqual([10]);
    for (let max = 2; max < 12; max++) {
      const picked = pickTimeTicks(times, max);
      expect(picked.length).toBeLessThanOrEqual(max);
      expect(picked[picked.length - 1]).toBe(10);
    }
  });

  it('writes the year on the first label and when it changes', () => {
    const dec = Date.parse('2025-12-01T00:00:00Z');
    const jan = Date.parse('2026-01-01T00:00:00Z');
    const feb = Date.parse('2026-02-01T00:00:00Z');
    expect(timeLabel(dec, null)).toBe('1 Dec 2025');
    expect(timeLabel(jan, dec)).toBe('1 Jan 2026');
    expect(timeLabel(feb, jan)).toBe('1 Feb');
  });
});

describe('linePath', () => {
  it('moves to the first point and draws lines to the others, rounded to a tenth', () => {
    expect(linePath([
      [1, 2],
      [3.14159, 4],
      [5, 6.06],
    ])).toBe('M1,2L3.1,4L5,6.1');
    expect(linePath([])).toBe('');
  });
});

describe('layoutChart', () => {
  const series = buildSeries(
    [m(availability, 99.96, '2026-09-01'), m(availability, 99.95, '2026-10-01'), m(availability, 99.2, '2026-11-01')],
    [{ metric: availability, value: 99.95 }],
  )[0]!;

  it('keeps every point inside the plot, oldest on the left', () => {
    const l = layoutChart(series, 600, 220);
    for (const p of l.points) {
      expect(p.x).toBeGreaterThanOrEqual(l.plot.left);
      expect(p.x).toBeLessThanOrEqual(l.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(l.plot.top);
      expect(p.y).toBeLessThanOrEqual(l.plot.bottom);
    }
    expect(l.points[0]!.x).toBeLessThan(l.points[2]!.x);
    expect(l.path.startsWith('M')).toBe(true);
    expect(l.path.split('L')).toHaveLength(3);
  });

  it('draws the designed level between the values above and below it', () => {
    const l = layoutChart(series, 600, 220);
    expect(l.designedY).not.toBeNull();
    // SVG y grows downwards: the miss (99.2) lies below the designed line.
    expect(l.points[2]!.y).toBeGreaterThan(l.designedY!);
    expect(l.points[0]!.y).toBeLessThan(l.designedY!);
    expect(l.points.map((p) => p.point.miss)).toEqual([false, false, true]);
  });

  it('labels fewer dates on a narrow chart', () => {
    const many = buildSeries(
      Array.from({ length: 12 }, (_, i) => m(availability, 99.9, `2026-${String(i + 1).padStart(2, '0')}-01`)),
      [],
    )[0]!;
    expect(layoutChart(many, 1000, 220).xTicks.length).toBeGreaterThan(layoutChart(many, 320, 220).xTicks.length);
    expect(layoutChart(many, 320, 220).xTicks.length).toBeGreaterThanOrEqual(2);
  });
});

describe('describeSeries', () => {
  it('says the span, the latest value against the design and how many miss', () => {
    const s = buildSeries(
      [m(availability, 99.97, '2026-10-01'), m(availability, 99.2, '2026-11-01')],
      [{ metric: availability, value: 99.95 }],
    )[0]!;
    expect(describeSeries(s)).toBe(
      '2 measurements, periods ending 1 Oct 2026 to 1 Nov 2026, from 99.2% to 99.97%; latest 99.2% misses the designed 99.95%; 1 of 2 misses it.',
    );
  });

  it('says when every value is the same', () => {
    const s = buildSeries([m(response, 12, '2026-10-01'), m(response, 12, '2026-11-01')], [{ metric: response, value: 15 }])[0]!;
    expect(describeSeries(s)).toBe('2 measurements, periods ending 1 Oct 2026 to 1 Nov 2026, all 12 minutes; latest 12 minutes meets the designed 15 minutes; none misses it.');
  });

  it('says when there is no designed level', () => {
    const s = buildSeries([m(response, 12, '2026-11-01')], [])[0]!;
    expect(describeSeries(s)).toBe('One measurement, for the period ending 1 Nov 2026; latest 12 minutes. The service has no designed level for it.');
  });
});
