import { describe, expect, it } from 'vitest';
import { capacityUse, compareMoney, firstDirection, sortServices, type SortableService } from './sort';

describe('compareMoney', () => {
  it('compares decimal strings exactly', () => {
    expect(compareMoney('9.50', '10.00')).toBe(-1);
    expect(compareMoney('100', '99.99')).toBe(1);
    expect(compareMoney('16000.00', '16000')).toBe(0);
    expect(compareMoney('0.1', '0.10')).toBe(0);
    expect(compareMoney('-5', '3')).toBe(-1);
    expect(compareMoney('-5', '-3')).toBe(-1);
    expect(compareMoney('-0.00', '0')).toBe(0);
    expect(compareMoney('007.5', '7.49')).toBe(1);
    // beyond the precision of a float
    expect(compareMoney('90071992547409930.01', '90071992547409930.00')).toBe(1);
  });
});

describe('capacityUse', () => {
  it('is the committed share of the capacity, null without one', () => {
    expect(capacityUse({ capacity: 8, committedUnits: 11 })).toBeCloseTo(1.375);
    expect(capacityUse({ capacity: null, committedUnits: 4 })).toBeNull();
    expect(capacityUse({ capacity: 0, committedUnits: 0 })).toBe(0);
    expect(capacityUse({ capacity: 0, committedUnits: 1 })).toBe(Infinity);
  });
});

const rows: SortableService[] = [
  { id: '1', name: 'Managed Backup', monthlyCost: '6400.00', capacity: null, committedUnits: 9 },
  { id: '2', name: 'ERP Hosting', monthlyCost: '16000.00', capacity: 8, committedUnits: 11 },
  { id: '3', name: 'endpoint Management', monthlyCost: '8200.00', capacity: null, committedUnits: 7 },
  { id: '4', name: 'Cloud Hosting', monthlyCost: '27000.00', capacity: 12, committedUnits: 5 },
  { id: '5', name: 'Firewall', monthlyCost: '6400.00', capacity: 30, committedUnits: 15 },
];
const ids = (r: SortableService[]) => r.map((x) => x.id);

describe('sortServices', () => {
  it('sorts by name ignoring case, either way', () => {
    expect(ids(sortServices(rows, 'name', false))).toEqual(['4', '3', '2', '5', '1']);
    expect(ids(sortServices(rows, 'name', true))).toEqual(['1', '5', '2', '3', '4']);
  });

  it('sorts by cost, equal costs by name', () => {
    expect(ids(sortServices(rows, 'cost', true))).toEqual(['4', '2', '3', '5', '1']);
    expect(ids(sortServices(rows, 'cost', false))).toEqual(['5', '1', '3', '2', '4']);
  });

  it('sorts by capacity use, services without a capacity last either way', () => {
    expect(ids(sortServices(rows, 'capacity', true))).toEqual(['2', '5', '4', '3', '1']);
    expect(ids(sortServices(rows, 'capacity', false))).toEqual(['4', '5', '2', '3', '1']);
  });

  it('orders by name when the costs and capacities are not known (a token limited to a client)', () => {
    const bare = rows.map(({ id, name }) => ({ id, name }));
    expect(ids(sortServices(bare, 'cost', true))).toEqual(['4', '3', '2', '5', '1']);
    expect(ids(sortServices(bare, 'capacity', true))).toEqual(['4', '3', '2', '5', '1']);
    expect(capacityUse({ capacity: 8 })).toBeNull();
  });

  it('leaves its argument alone', () => {
    const before = ids(rows);
    sortServices(rows, 'cost', true);
    expect(ids(rows)).toEqual(before);
  });

  it('sorts names A to Z and figures largest first when first chosen', () => {
    expect(firstDirection('name')).toBe(false);
    expect(firstDirection('cost')).toBe(true);
    expect(firstDirection('capacity')).toBe(true);
  });
});
