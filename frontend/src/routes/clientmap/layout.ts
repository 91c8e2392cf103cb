// The layout of a client's map as a layered graph: objectives, requirements
// and services in three columns. Pure functions, no DOM: the order of the
// nodes in each column (barycentre sweeps to reduce edge crossings) and their
// positions (as close to their neighbours as the column allows).

/** What the layout needs of a map: ids and links only. */
export interface MapShape {
  objectives: Array<{
    id: string;
    requirements: Array<{ id: string; commitments: Array<{ id: string; serviceId: string }> }>;
  }>;
}

/** The order of the nodes in each column, top to bottom. */
export interface Ordering {
  objectives: string[];
  /** Grouped by objective, the groups in the order of `objectives`. */
  requirements: string[];
  services: string[];
}

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeLine {
  /** A commitment's id, or "objectiveId>requirementId" for an objective's edge. */
  id: string;
  kind: 'objective' | 'commitment';
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** An SVG path: a horizontal S-curve from (x1, y1) to (x2, y2). */
  path: string;
  /** Where a label sits: the middle of the curve. */
  labelX: number;
  labelY: number;
}

export interface MapLayout {
  /** The left edge of each column: objectives, requirements, services. */
  columns: [number, number, number];
  width: number;
  height: number;
  objectives: NodeBox[];
  requirements: NodeBox[];
  services: NodeBox[];
  edges: EdgeLine[];
  crossings: number;
}

export interface Sizes {
  objective: { width: number; height: number };
  requirement: { width: number; height: number };
  service: { width: number; height: number };
  /** Horizontal room between two columns, where the edges run. */
  columnGap: number;
  /** Vertical room between two nodes of a column. */
  rowGap: number;
  /** Extra room between the requirements of two objectives. */
  groupGap: number;
  padding: number;
}

export const defaultSizes: Sizes = {
  objective: { width: 210, height: 78 },
  requirement: { width: 240, height: 78 },
  service: { width: 210, height: 78 },
  columnGap: 112,
  rowGap: 12,
  groupGap: 14,
  padding: 8,
};

/** Every commitment as a (requirement, service) link. */
function links(shape: MapShape): Array<{ id: string; requirement: string; service: string }> {
  return shape.objectives.flatMap((o) =>
    o.requirements.flatMap((r) => r.commitments.map((c) => ({ id: c.id, requirement: r.id, service: c.serviceId }))),
  );
}

/** The order as the data comes: objectives and requirements as given, services as first met. */
export function initialOrder(shape: MapShape): Ordering {
  const services: string[] = [];
  for (const l of links(shape)) if (!services.includes(l.service)) services.push(l.service);
  return {
    objectives: shape.objectives.map((o) => o.id),
    requirements: shape.objectives.flatMap((o) => o.requirements.map((r) => r.id)),
    services,
  };
}

const mean = (xs: number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

/**
 * Sorts ids by their barycentre, stably. An id without one (no neighbours)
 * keeps its slot; the others fill the remaining slots in barycentre order.
 */
export function sortByBarycentre(ids: string[], barycentre: (id: string) => number | undefined): string[] {
  const movable = ids
    .map((id, i) => ({ id, i, b: barycentre(id) }))
    .filter((x): x is { id: string; i: number; b: number } => x.b !== undefined)
    .sort((a, b) => a.b - b.b || a.i - b.i);
  let next = 0;
  return ids.map((id) => (barycentre(id) === undefined ? id : (movable[next++]?.id ?? id)));
}

const indexer = (ids: string[]): Map<string, number> => new Map(ids.map((id, i) => [id, i]));

/** Services by the mean position of the requirements they serve. */
export function orderServices(shape: MapShape, ordering: Ordering): string[] {
  const at = indexer(ordering.requirements);
  const ls = links(shape);
  return sortByBarycentre(ordering.services, (s) =>
    mean(ls.filter((l) => l.service === s).map((l) => at.get(l.requirement) ?? 0)),
  );
}

/**
 * Requirements within each objective by the mean position of their services,
 * and objectives by the mean position of all their requirements' services;
 * every objective's requirements stay together.
 */
export function orderRequirements(shape: MapShape, ordering: Ordering): Pick<Ordering, 'objectives' | 'requirements'> {
  const at = indexer(ordering.services);
  const ls = links(shape);
  const servicesOf = (r: string): number[] => ls.filter((l) => l.requirement === r).map((l) => at.get(l.service) ?? 0);
  const byId = new Map(shape.objectives.map((o) => [o.id, o]));
  const reqAt = indexer(ordering.requirements);
  const objectives = sortByBarycentre(ordering.objectives, (o) =>
    mean((byId.get(o)?.requirements ?? []).flatMap((r) => servicesOf(r.id))),
  );
  const requirements = objectives.flatMap((o) => {
    const mine = (byId.get(o)?.requirements ?? []).map((r) => r.id);
    mine.sort((a, b) => (reqAt.get(a) ?? 0) - (reqAt.get(b) ?? 0));
    return sortByBarycentre(mine, (r) => mean(servicesOf(r)));
  });
  return { objectives, requirements };
}

/** How many pairs of edges cross, over both gaps between the columns. */
export function countCrossings(shape: MapShape, ordering: Ordering): number {
  const o = indexer(ordering.objectives);
  const r = indexer(ordering.requirements);
  const s = indexer(ordering.services);
  const first = shape.objectives.flatMap((ob) => ob.requirements.map((rq) => [o.get(ob.id) ?? 0, r.get(rq.id) ?? 0] as const));
  const second = links(shape).map((l) => [r.get(l.requirement) ?? 0, s.get(l.service) ?? 0] as const);
  return crossingsOf(first) + crossingsOf(second);
}

function crossingsOf(edges: ReadonlyArray<readonly [number, number]>): number {
  let n = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i];
      const b = edges[j];
      if (a && b && (a[0] - b[0]) * (a[1] - b[1]) < 0) n++;
    }
  }
  return n;
}

/** An order with few crossings: barycentre sweeps, keeping the best order seen. */
export function orderMap(shape: MapShape, passes = 4): Ordering {
  let current = initialOrder(shape);
  current = { ...current, services: orderServices(shape, current) };
  let best = current;
  let bestCrossings = countCrossings(shape, best);
  for (let pass = 0; pass < passes && bestCrossings > 0; pass++) {
    const reordered = { ...current, ...orderRequirements(shape, current) };
    current = { ...reordered, services: orderServices(shape, reordered) };
    const c = countCrossings(shape, current);
    if (c < bestCrossings) {
      best = current;
      bestCrossings = c;
    }
  }
  return best;
}

/**
 * Tops for the nodes of a column, in order and without overlap, as close as
 * possible (least squares) to the ideal tops; none above `top`.
 */
export function placeColumn(ideal: number[], heights: number[], gap: number, top = 0): number[] {
  // With offset_i the room the nodes before i take, z_i = y_i − offset_i must
  // not decrease: an isotonic regression, solved by pooling adjacent blocks.
  const offsets: number[] = [];
  let room = 0;
  ideal.forEach((_, i) => {
    offsets.push(room);
    room += (heights[i] ?? 0) + gap;
  });
  const blocks: Array<{ sum: number; count: number }> = [];
  ideal.forEach((y, i) => {
    blocks.push({ sum: y - (offsets[i] ?? 0), count: 1 });
    for (;;) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (!last || !prev || prev.sum / prev.count <= last.sum / last.count) break;
      blocks.splice(-2, 2, { sum: prev.sum + last.sum, count: prev.count + last.count });
    }
  });
  const z = blocks.flatMap((b) => Array<number>(b.count).fill(b.sum / b.count));
  const ys = z.map((v, i) => v + (offsets[i] ?? 0));
  // Nothing above the top: push down, keeping the gaps.
  for (let i = 0; i < ys.length; i++) {
    const floor = i === 0 ? top : (ys[i - 1] ?? 0) + (heights[i - 1] ?? 0) + gap;
    ys[i] = Math.max(ys[i] ?? 0, floor);
  }
  return ys;
}

/** Where edges leave or reach a node: spread along its side, in the order of the other ends. */
function ports(box: NodeBox, count: number): number[] {
  return Array.from({ length: count }, (_, i) => box.y + (box.height * (i + 1)) / (count + 1));
}

/** A horizontal S-curve between two points. */
export function curve(x1: number, y1: number, x2: number, y2: number): string {
  const dx = (x2 - x1) / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  return `M${r(x1)},${r(y1)} C${r(x1 + dx)},${r(y1)} ${r(x2 - dx)},${r(y2)} ${r(x2)},${r(y2)}`;
}

/** Lays out the whole map: node boxes, edges and the size of the drawing. */
export function layoutMap(shape: MapShape, sizes: Sizes = defaultSizes): MapLayout {
  const ordering = orderMap(shape);
  const { padding: pad, rowGap, groupGap, columnGap } = sizes;
  const xO = pad;
  const xR = xO + sizes.objective.width + columnGap;
  const xS = xR + sizes.requirement.width + columnGap;
  const objectiveOf = new Map(shape.objectives.flatMap((o) => o.requirements.map((r) => [r.id, o.id] as const)));

  // Requirements: stacked, a little more room between two objectives' groups.
  const requirements: NodeBox[] = [];
  let y = pad;
  ordering.requirements.forEach((id, i) => {
    const prev = ordering.requirements[i - 1];
    if (prev !== undefined && objectiveOf.get(prev) !== objectiveOf.get(id)) y += groupGap;
    requirements.push({ id, x: xR, y, ...sizes.requirement });
    y += sizes.requirement.height + rowGap;
  });
  const reqBox = new Map(requirements.map((b) => [b.id, b]));
  const centre = (b: NodeBox | undefined) => (b ? b.y + b.height / 2 : pad);

  // Objectives: beside the middle of their requirements.
  const byObjective = new Map(shape.objectives.map((o) => [o.id, o]));
  const idealO: number[] = [];
  ordering.objectives.forEach((id, i) => {
    const c = mean((byObjective.get(id)?.requirements ?? []).map((r) => centre(reqBox.get(r.id))));
    const prev = idealO[i - 1];
    const fallback = prev === undefined ? pad : prev + sizes.objective.height + rowGap;
    idealO.push(c === undefined ? fallback : c - sizes.objective.height / 2);
  });
  const yO = placeColumn(idealO, idealO.map(() => sizes.objective.height), rowGap, pad);
  const objectives = ordering.objectives.map((id, i) => ({ id, x: xO, y: yO[i] ?? pad, ...sizes.objective }));

  // Services: beside the middle of the requirements they serve.
  const ls = links(shape);
  const idealS = ordering.services.map(
    (s) => (mean(ls.filter((l) => l.service === s).map((l) => centre(reqBox.get(l.requirement)))) ?? pad) - sizes.service.height / 2,
  );
  const yS = placeColumn(idealS, idealS.map(() => sizes.service.height), rowGap, pad);
  const services = ordering.services.map((id, i) => ({ id, x: xS, y: yS[i] ?? pad, ...sizes.service }));
  const svcBox = new Map(services.map((b) => [b.id, b]));

  const edges: EdgeLine[] = [];
  const edge = (id: string, kind: EdgeLine['kind'], from: string, to: string, x1: number, y1: number, x2: number, y2: number) =>
    edges.push({ id, kind, from, to, x1, y1, x2, y2, path: curve(x1, y1, x2, y2), labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 });

  for (const o of objectives) {
    const reqs = (byObjective.get(o.id)?.requirements ?? [])
      .map((r) => reqBox.get(r.id))
      .filter((b): b is NodeBox => !!b)
      .sort((a, b) => a.y - b.y);
    const out = ports(o, reqs.length);
    reqs.forEach((r, i) => edge(`${o.id}>${r.id}`, 'objective', o.id, r.id, o.x + o.width, out[i] ?? 0, r.x, centre(r)));
  }
  // Commitment edges: each end gets its own port, in the order of the other end.
  const outOf = new Map<string, number>();
  const inOf = new Map<string, number>();
  for (const r of requirements) {
    const mine = ls.filter((l) => l.requirement === r.id).sort((a, b) => centre(svcBox.get(a.service)) - centre(svcBox.get(b.service)));
    ports(r, mine.length).forEach((p, i) => outOf.set(mine[i]?.id ?? '', p));
  }
  for (const s of services) {
    const mine = ls.filter((l) => l.service === s.id).sort((a, b) => centre(reqBox.get(a.requirement)) - centre(reqBox.get(b.requirement)));
    ports(s, mine.length).forEach((p, i) => inOf.set(mine[i]?.id ?? '', p));
  }
  for (const l of ls) {
    const r = reqBox.get(l.requirement);
    const s = svcBox.get(l.service);
    if (r && s) edge(l.id, 'commitment', l.requirement, l.service, r.x + r.width, outOf.get(l.id) ?? centre(r), s.x, inOf.get(l.id) ?? centre(s));
  }

  const bottom = Math.max(pad, ...[...objectives, ...requirements, ...services].map((b) => b.y + b.height));
  return {
    columns: [xO, xR, xS],
    width: xS + sizes.service.width + pad,
    height: bottom + pad,
    objectives,
    requirements,
    services,
    edges,
    crossings: countCrossings(shape, ordering),
  };
}
