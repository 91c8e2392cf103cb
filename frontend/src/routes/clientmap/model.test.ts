import { describe, expect, it } from 'vitest';
import { chartBox, chartOf, historySummary } from './history';
import {
  clientDeleteText,
  countsOf,
  holdLook,
  latestByMetric,
  listOf,
  mapSearch,
  meets,
  modeOf,
  objectiveDeleteText,
  requirementDeleteText,
  servicesOf,
  shapeOf,
  type ClientLike,
} from './model';

const svc = (id: string, name: string, lifecycle = 'LIVE') => ({ id, name, lifecycle });
const client: ClientLike = {
  objectives: [
    {
      id: 'o1',
      requirements: [
        {
          id: 'r1',
          title: 'ERP available',
          commitments: [
            { id: 'c1', holds: true, coveragePercent: 100, service: svc('s2', 'hosting') },
            { id: 'c2', holds: false, coveragePercent: 50, service: svc('s1', 'Desk') },
          ],
        },
        { id: 'r2', title: 'Support', commitments: [{ id: 'c3', holds: true, coveragePercent: 100, service: svc('s2', 'hosting') }] },
      ],
    },
    { id: 'o2', requirements: [] },
  ],
};

describe('map model', () => {
  it('gives the layout ids and links', () => {
    expect(shapeOf(client).objectives[0]?.requirements[0]?.commitments).toEqual([
      { id: 'c1', serviceId: 's2' },
      { id: 'c2', serviceId: 's1' },
    ]);
  });

  it('lists each service once, by name, with its uses here', () => {
    const s = servicesOf(client);
    expect(s.map((x) => x.name)).toEqual(['Desk', 'hosting']);
    expect(s[1]?.uses.map((u) => u.requirementId)).toEqual(['r1', 'r2']);
    expect(s[1]?.held).toBe(2);
    expect(s[0]?.held).toBe(0);
  });

  it('says whether a service holds with an icon and a word', () => {
    expect(holdLook(2, 2)).toMatchObject({ label: 'All hold', icon: '✓', tone: 'good' });
    expect(holdLook(1, 1).label).toBe('Holds');
    expect(holdLook(0, 1)).toMatchObject({ label: 'Does not hold', icon: '✕', tone: 'bad' });
    expect(holdLook(0, 3).label).toBe('None hold');
    expect(holdLook(1, 3)).toMatchObject({ label: '1 of 3 hold', tone: 'warn' });
  });

  it('finds the latest measurement of each metric', () => {
    const m = latestByMetric([
      { metric: { key: 'a' }, value: 1, periodEnd: '2026-09-01T00:00:00Z' },
      { metric: { key: 'a' }, value: 2, periodEnd: '2026-10-01T00:00:00Z' },
      { metric: { key: 'b' }, value: 3, periodEnd: '2026-08-01T00:00:00Z' },
    ]);
    expect(m.get('a')).toEqual({ value: 2, periodEnd: '2026-10-01T00:00:00Z' });
    expect(m.get('b')?.value).toBe(3);
    expect(m.get('c')).toBeUndefined();
  });

  it('compares in the direction of the metric', () => {
    expect(meets(99.9, 99.5, 'HIGHER_IS_BETTER')).toBe(true);
    expect(meets(45, 168, 'HIGHER_IS_BETTER')).toBe(false);
    expect(meets(30, 15, 'LOWER_IS_BETTER')).toBe(false);
    expect(meets(15, 15, 'LOWER_IS_BETTER')).toBe(true);
  });

  it('says what a delete removes', () => {
    const c = countsOf(client.objectives);
    expect(c).toEqual({ objectives: 2, requirements: 2, commitments: 3 });
    expect(clientDeleteText(c)).toBe('This also removes its 2 objectives, 2 requirements and 3 commitments.');
    expect(clientDeleteText(countsOf([]))).toMatch(/no objectives/);
    expect(objectiveDeleteText(countsOf(client.objectives.slice(0, 1)))).toBe('This also removes its 2 requirements and 3 commitments.');
    expect(objectiveDeleteText(countsOf(client.objectives.slice(1)))).toMatch(/no requirements/);
    expect(requirementDeleteText(['A', 'B'])).toBe('This also removes its 2 commitments (to A and B); the services stay in the catalog.');
    expect(requirementDeleteText([])).toMatch(/no commitments/);
    expect(listOf(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('keeps the mode and the selected requirement in the address', () => {
    expect(modeOf('?view=list')).toBe('list');
    expect(modeOf('')).toBe('graph');
    expect(mapSearch('', 'list', null)).toBe('?view=list');
    expect(mapSearch('?view=list&req=3', 'graph', null)).toBe('');
    expect(mapSearch('?x=1', 'graph', '7')).toBe('?x=1&req=7');
  });
});

describe('score history chart', () => {
  const points = [
    { at: '2026-05-01T00:00:00Z', score: 61.2 },
    { at: '2026-06-01T00:00:00Z', score: null },
    { at: '2026-07-01T00:00:00Z', score: 70 },
    { at: '2026-08-01T00:00:00Z', score: 75 },
  ];

  it('breaks the line at a null score and keeps a lone point as a dot', () => {
    const c = chartOf(points);
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    expect(c.dots).toHaveLength(3);
    expect(c.blanks).toHaveLength(1);
  });

  it('spans the time axis and maps 0–100 to the plot', () => {
    const c = chartOf(points);
    expect(c.dots[0]?.x).toBe(chartBox.left);
    expect(c.dots[2]?.x).toBe(chartBox.width - chartBox.right);
    expect(c.yTicks.map((t) => t.label)).toEqual(['0', '50', '100']);
    expect(c.yTicks[0]?.y).toBe(chartBox.height - chartBox.bottom);
    expect(c.yTicks[2]?.y).toBe(chartBox.top);
    expect(c.xTicks.map((t) => t.label)).toEqual(['May 2026', 'Aug 2026']);
  });

  it('labels a short history with days', () => {
    const c = chartOf([
      { at: '2026-11-26T10:00:00Z', score: null },
      { at: '2026-11-27T10:00:00Z', score: 100 },
    ]);
    expect(c.xTicks.map((t) => t.label)).toEqual(['26 Nov', '27 Nov']);
  });

  it('puts a single point in the middle', () => {
    const c = chartOf([{ at: '2026-05-01T00:00:00Z', score: 50 }]);
    expect(c.lines).toEqual([]);
    expect(c.dots[0]?.x).toBe((chartBox.left + chartBox.width - chartBox.right) / 2);
  });

  it('says what the chart shows', () => {
    expect(historySummary(points, 75)).toBe('From 61.2 on 1 May 2026 to 75 today; lowest 61.2, highest 75.');
    expect(historySummary([], null)).toBe('No score history yet.');
    expect(historySummary([{ at: '2026-05-01T00:00:00Z', score: null }], null)).toMatch(/No score yet/);
    expect(historySummary([{ at: '2026-05-01T00:00:00Z', score: 80 }], 80)).toBe('80 since 1 May 2026.');
    expect(historySummary(points, null)).toMatch(/to no score today/);
  });
});
