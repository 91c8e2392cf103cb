import { describe, expect, it } from 'vitest';
import {
  buildMatrix,
  cellLabel,
  cellLook,
  columnSortsFor,
  compareMoney,
  isProblem,
  problemCount,
  sortColumns,
  sortRows,
  type MatrixRequirement,
  type MatrixService,
  type PlacedRequirement,
} from './matrixModel';

const desk: MatrixService = { id: '1', name: 'Service Desk', lifecycle: 'LIVE', monthlyCost: '18500.00' };
const erp: MatrixService = { id: '8', name: 'ERP Hosting', lifecycle: 'LIVE', monthlyCost: '16000.00' };
const soc: MatrixService = { id: '11', name: 'security operations', lifecycle: 'PLANNED', monthlyCost: '38000.00' };

function req(id: string, title: string, status: MatrixRequirement['coverage']['status'], priority: MatrixRequirement['priority'], commitments: MatrixRequirement['commitments'], percent = 0): MatrixRequirement {
  return { id, title, priority, coverage: { status, percent }, commitments };
}

const items: PlacedRequirement[] = [
  { requirement: req('1', 'ERP available', 'COVERED', 'SHOULD', [{ coveragePercent: 100, holds: true, service: erp }], 100), client: { id: 'a', name: 'Brandt' }, objectiveTitle: 'Run' },
  { requirement: req('2', 'Support 24/7', 'OVERPROMISED', 'MUST', [{ coveragePercent: 100, holds: false, service: desk }]), client: { id: 'b', name: 'acme' }, objectiveTitle: 'Ship' },
  { requirement: req('3', 'DR test', 'GAP', 'COULD', []), client: { id: 'a', name: 'Brandt' }, objectiveTitle: 'Run' },
  {
    requirement: req('4', 'Availability', 'PARTIAL', 'MUST', [
      { coveragePercent: 60, holds: true, service: erp },
      { coveragePercent: 40, holds: false, service: soc },
    ], 60),
    client: { id: 'c', name: 'Cobalt' },
    objectiveTitle: 'Grow',
  },
];

describe('buildMatrix', () => {
  const m = buildMatrix(items);
  it('makes a row per requirement with its cells by service', () => {
    expect(m.rows.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    expect(m.rows[3]?.cells).toEqual({ '8': { coveragePercent: 60, holds: true }, '11': { coveragePercent: 40, holds: false } });
    expect(m.rows[2]?.cells).toEqual({});
    expect(m.rows[1]).toMatchObject({ clientId: 'b', clientName: 'acme', objectiveTitle: 'Ship', status: 'OVERPROMISED' });
  });
  it('makes a column per service committed on the rows, counting its commitments', () => {
    expect(m.columns.map((c) => [c.id, c.commitments])).toEqual([
      ['8', 2],
      ['1', 1],
      ['11', 1],
    ]);
  });
  it('has no columns without commitments', () => {
    expect(buildMatrix([]).columns).toEqual([]);
  });
});

describe('sortRows', () => {
  const { rows } = buildMatrix(items);
  const ids = (r: { id: string }[]) => r.map((x) => x.id);
  it('puts the worst status first, then lower percent', () => {
    expect(ids(sortRows(rows, 'status'))).toEqual(['3', '2', '4', '1']);
    expect(ids(sortRows(rows, 'status', true))).toEqual(['1', '4', '2', '3']);
  });
  it('sorts by priority with status as the tie-break', () => {
    expect(ids(sortRows(rows, 'priority'))).toEqual(['2', '4', '1', '3']);
  });
  it('sorts by client ignoring case, then status', () => {
    expect(ids(sortRows(rows, 'client'))).toEqual(['2', '3', '1', '4']);
  });
  it('sorts by title', () => {
    expect(ids(sortRows(rows, 'title'))).toEqual(['4', '3', '1', '2']);
  });
  it('does not change the rows given', () => {
    sortRows(rows, 'title');
    expect(ids(rows)).toEqual(['1', '2', '3', '4']);
  });
});

describe('sortColumns', () => {
  const { columns } = buildMatrix(items);
  const names = (c: { name: string }[]) => c.map((x) => x.name);
  it('sorts by name ignoring case', () => {
    expect(names(sortColumns(columns, 'name'))).toEqual(['ERP Hosting', 'security operations', 'Service Desk']);
    expect(names(sortColumns(columns, 'name', true))).toEqual(['Service Desk', 'security operations', 'ERP Hosting']);
  });
  it('sorts by cost, highest first', () => {
    expect(names(sortColumns(columns, 'cost'))).toEqual(['security operations', 'Service Desk', 'ERP Hosting']);
  });
  it('sorts by commitments, most first, then by name', () => {
    expect(names(sortColumns(columns, 'commitments'))).toEqual(['ERP Hosting', 'security operations', 'Service Desk']);
  });
  it('offers no sort by cost to a token limited to a client, which sees no cost', () => {
    expect(columnSortsFor({ internal: true }).map((o) => o.value)).toEqual(['name', 'cost', 'commitments']);
    expect(columnSortsFor({ internal: false }).map((o) => o.value)).toEqual(['name', 'commitments']);
  });
});

describe('compareMoney', () => {
  it('compares decimal strings exactly', () => {
    expect(compareMoney('900.00', '1000.00')).toBeLessThan(0);
    expect(compareMoney('1000.01', '1000.00')).toBeGreaterThan(0);
    expect(compareMoney('12345678901234.99', '12345678901234.98')).toBeGreaterThan(0);
    expect(compareMoney('0.5', '0.50')).toBe(0);
    expect(compareMoney('-5.00', '1.00')).toBeLessThan(0);
    expect(compareMoney('-5.00', '-1.00')).toBeLessThan(0);
  });
});

describe('cells and problems', () => {
  it('says what a cell is in words', () => {
    expect(cellLabel('ERP Hosting', { coveragePercent: 60, holds: true })).toBe('ERP Hosting: 60% coverage, holds');
    expect(cellLabel('ERP Hosting', { coveragePercent: 100, holds: false })).toBe('ERP Hosting: 100% coverage, does not hold');
    expect(cellLabel('ERP Hosting', undefined)).toBe('ERP Hosting: not committed');    expect(
      cellLabel('ERP Hosting', {
        coveragePercent: 60,
        holds: true,
        evidence: { judged: true, stale: true, latestAt: '2026-08-28T00:00:00Z', staleSince: '2026-10-12T00:00:00Z' },
      }),
    ).toBe('ERP Hosting: 60% coverage, holds; Evidence stale since 12 Oct');
    expect(cellLabel('ERP Hosting', { coveragePercent: 60, holds: false, evidence: { judged: true, stale: true, latestAt: null } })).toBe(
      'ERP Hosting: 60% coverage, does not hold; No measurements yet',
    );
  });
  it('highlights gaps, over-promises and under-delivery only', () => {
    expect(['GAP', 'OVERPROMISED', 'UNDER_DELIVERED'].every((s) => isProblem(s as never))).toBe(true);
    expect(['COVERED', 'PARTIAL', 'PLANNED'].some((s) => isProblem(s as never))).toBe(false);
    expect(problemCount(buildMatrix(items).rows)).toBe(2);
  });
});

describe('cellLook', () => {
  it('marks a holding commitment good, a failing one bad, each with an icon and a word', () => {
    expect(cellLook({ coveragePercent: 100, holds: true }, 'LIVE')).toEqual({ icon: '✓', text: 'holds', tone: 'good' });
    expect(cellLook({ coveragePercent: 100, holds: false }, 'LIVE')).toEqual({ icon: '✕', text: 'does not hold', tone: 'bad' });
    expect(cellLook({ coveragePercent: 100, holds: false }, 'RETIRING').tone).toBe('bad');
  });
  it('says why a planned or retired service does not hold', () => {
    expect(cellLook({ coveragePercent: 50, holds: false }, 'PLANNED').tone).toBe('info');
    expect(cellLook({ coveragePercent: 50, holds: false }, 'RETIRED').tone).toBe('none');
    expect(cellLabel('ZTNA', { coveragePercent: 50, holds: false }, 'PLANNED')).toBe('ZTNA: 50% coverage, planned: the service is not live yet');
  });
});
