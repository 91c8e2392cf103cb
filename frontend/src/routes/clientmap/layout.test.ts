import { describe, expect, it } from 'vitest';
import {
  countCrossings,
  curve,
  defaultSizes,
  initialOrder,
  layoutMap,
  orderMap,
  orderRequirements,
  orderServices,
  placeColumn,
  sortByBarycentre,
  type MapShape,
} from './layout';

/** A map from a compact spec: objective → requirement → service ids. */
function shape(spec: Record<string, Record<string, string[]>>): MapShape {
  return {
    objectives: Object.entries(spec).map(([o, reqs]) => ({
      id: o,
      requirements: Object.entries(reqs).map(([r, services]) => ({
        id: r,
        commitments: services.map((s) => ({ id: `${r}-${s}`, serviceId: s })),
      })),
    })),
  };
}

// Two objectives whose services come in the "wrong" order as first met:
// r1 uses B and A, r2 uses C, r3 (other objective) uses A.
const tangled = shape({
  o1: { r1: ['B', 'A'], r2: ['C'] },
  o2: { r3: ['A'], r4: [] },
});

describe('sortByBarycentre', () => {
  it('sorts by barycentre, stably, and keeps ids without one in their slots', () => {
    const b: Record<string, number | undefined> = { a: 2, b: undefined, c: 1, d: 1 };
    expect(sortByBarycentre(['a', 'b', 'c', 'd'], (id) => b[id])).toEqual(['c', 'b', 'd', 'a']);
  });
  it('leaves an empty list alone', () => {
    expect(sortByBarycentre([], () => 0)).toEqual([]);
  });
});

describe('ordering', () => {
  it('starts from the data: services in the order first met', () => {
    expect(initialOrder(tangled)).toEqual({ objectives: ['o1', 'o2'], requirements: ['r1', 'r2', 'r3', 'r4'], services: ['B', 'A', 'C'] });
  });

  it('orders services by the mean position of their requirements', () => {
    // B: r1 (0); A: r1, r3 (0, 2) → 1; C: r2 (1) → 1, after A (stable on the current order).
    expect(orderServices(tangled, initialOrder(tangled))).toEqual(['B', 'A', 'C']);
    expect(orderServices(tangled, { ...initialOrder(tangled), services: ['C', 'A', 'B'] })).toEqual(['B', 'C', 'A']);
  });

  it('reorders requirements within their objective and keeps each objective together', () => {
    const s = shape({ o1: { r1: ['Z'], r2: ['A'], r3: [] }, o2: { r4: ['Z'] } });
    const o = orderRequirements(s, { objectives: ['o1', 'o2'], requirements: ['r1', 'r2', 'r3', 'r4'], services: ['A', 'Z'] });
    expect(o.requirements).toEqual(['r2', 'r1', 'r3', 'r4']);
    expect(o.objectives).toEqual(['o1', 'o2']);
  });

  it('moves an objective up when its services come first', () => {
    const s = shape({ o1: { r1: ['Z'] }, o2: { r2: ['A'] } });
    const o = orderRequirements(s, { objectives: ['o1', 'o2'], requirements: ['r1', 'r2'], services: ['A', 'Z'] });
    expect(o).toEqual({ objectives: ['o2', 'o1'], requirements: ['r2', 'r1'] });
  });

  it('counts crossings in both gaps', () => {
    const s = shape({ o1: { r1: ['B'], r2: ['A'] } });
    expect(countCrossings(s, { objectives: ['o1'], requirements: ['r1', 'r2'], services: ['A', 'B'] })).toBe(1);
    expect(countCrossings(s, { objectives: ['o1'], requirements: ['r1', 'r2'], services: ['B', 'A'] })).toBe(0);
    const two = shape({ o1: { r1: [] }, o2: { r2: [] } });
    expect(countCrossings(two, { objectives: ['o2', 'o1'], requirements: ['r1', 'r2'], services: [] })).toBe(1);
  });

  it('never does worse than the order of the data, and untangles what can be untangled', () => {
    const s = shape({
      o1: { r1: ['D'], r2: ['C'] },
      o2: { r3: ['B'], r4: ['A', 'D'] },
      o3: { r5: ['A'] },
    });
    const o = orderMap(s);
    expect(countCrossings(s, o)).toBeLessThanOrEqual(countCrossings(s, initialOrder(s)));
    const simple = shape({ o1: { r1: ['C'], r2: ['B'], r3: ['A'] } });
    expect(countCrossings(simple, orderMap(simple))).toBe(0);
    expect(orderMap(simple).services).toEqual(['C', 'B', 'A']);
  });

  it('keeps every node once and is deterministic', () => {
    const o = orderMap(tangled);
    expect([...o.requirements].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect([...o.services].sort()).toEqual(['A', 'B', 'C']);
    expect(orderMap(tangled)).toEqual(o);
  });
});

describe('placeColumn', () => {
  it('keeps ideal positions that do not overlap', () => {
    expect(placeColumn([0, 100, 300], [50, 50, 50], 10)).toEqual([0, 100, 300]);
  });
  it('spreads nodes that want the same place evenly around it', () => {
    expect(placeColumn([100, 100, 100], [40, 40, 40], 10)).toEqual([50, 100, 150]);
  });
  it('never places a node above the top and never overlaps', () => {
    const ys = placeColumn([0, 0, 0, 400], [40, 40, 40, 40], 10, 8);
    expect(ys).toEqual([8, 58, 108, 400]);
  });
  it('keeps the order even when the ideals go down', () => {
    const ys = placeColumn([200, 0], [40, 40], 10);
    expect(ys[1]! - ys[0]!).toBe(50);
  });
});

describe('layoutMap', () => {
  const l = layoutMap(tangled);
  const boxes = (xs: typeof l.services) => [...xs].sort((a, b) => a.y - b.y);
  const overlapping = (xs: typeof l.services) => boxes(xs).some((b, i, all) => i > 0 && all[i - 1]!.y + all[i - 1]!.height > b.y);

  it('puts the three kinds of nodes in three columns, left to right', () => {
    expect(new Set(l.objectives.map((b) => b.x)).size).toBe(1);
    expect(l.objectives[0]!.x).toBeLessThan(l.requirements[0]!.x);
    expect(l.requirements[0]!.x).toBeLessThan(l.services[0]!.x);
    expect(l.width).toBe(l.services[0]!.x + defaultSizes.service.width + defaultSizes.padding);
  });

  it('draws one edge per requirement of an objective and one per commitment', () => {
    expect(l.edges.filter((e) => e.kind === 'objective')).toHaveLength(4);
    expect(l.edges.filter((e) => e.kind === 'commitment').map((e) => e.id).sort()).toEqual(['r1-A', 'r1-B', 'r2-C', 'r3-A']);
    for (const e of l.edges) expect(e.x2).toBeGreaterThan(e.x1);
  });

  it('places no node over another and everything inside the drawing', () => {
    for (const col of [l.objectives, l.requirements, l.services]) {
      expect(overlapping(col)).toBe(false);
      for (const b of col) expect(b.y + b.height).toBeLessThanOrEqual(l.height);
    }
  });

  it('lays out an empty objective and a map without objectives', () => {
    const s = shape({ o1: { r1: ['A'] }, o2: {} });
    const m = layoutMap(s);
    expect(m.objectives).toHaveLength(2);
    expect(overlapping(m.objectives)).toBe(false);
    const none = layoutMap({ objectives: [] });
    expect(none.edges).toEqual([]);
    expect(none.columns).toEqual(m.columns);
    expect(m.columns[2]).toBe(m.services[0]!.x);
    expect(none.height).toBeGreaterThan(0);
  });

  it('reports the crossings that remain', () => {
    expect(l.crossings).toBe(countCrossings(tangled, orderMap(tangled)));
  });
});

describe('curve', () => {
  it('is a cubic S-curve with horizontal tangents', () => {
    expect(curve(0, 0, 100, 50)).toBe('M0,0 C50,0 50,50 100,50');
  });
});
