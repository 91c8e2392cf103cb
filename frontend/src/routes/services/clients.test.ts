import { describe, expect, it } from 'vitest';
import { clientsBehind, orderCommitments, type CommitmentRow } from './clients';

function c(id: string, client: [string, string, string], title: string, units = 1, holds = true): CommitmentRow {
  return {
    id,
    coveragePercent: 100,
    capacityUnits: units,
    holds,
    requirement: { id: `r${id}`, title, objective: { client: { id: client[0], name: client[1], status: client[2] } } },
  };
}

const cobalt: [string, string, string] = ['4', 'Cobalt Lane Outfitters', 'ACTIVE'];
const brandt: [string, string, string] = ['2', 'Brandt Precision', 'ACTIVE'];
const harbour: [string, string, string] = ['7', 'harbourside Hotels', 'CHURNED'];

const rows = [c('1', cobalt, 'Web shop'), c('2', harbour, 'PMS', 3, false), c('3', brandt, 'MRP'), c('4', cobalt, 'Order system', 2, false)];

describe('orderCommitments', () => {
  it('orders by client, then requirement, ignoring case', () => {
    expect(orderCommitments(rows).map((r) => r.id)).toEqual(['3', '4', '1', '2']);
  });
});

describe('clientsBehind', () => {
  it('lists each client once, by name, with its commitments, units and failing ones', () => {
    expect(clientsBehind(rows)).toEqual([
      { id: '2', name: 'Brandt Precision', status: 'ACTIVE', commitments: 1, units: 1, failing: 0 },
      { id: '4', name: 'Cobalt Lane Outfitters', status: 'ACTIVE', commitments: 2, units: 3, failing: 1 },
      { id: '7', name: 'harbourside Hotels', status: 'CHURNED', commitments: 1, units: 3, failing: 1 },
    ]);
  });

  it('knows no units when the commitments do not carry them (a token limited to a client)', () => {
    const bare = rows.map(({ capacityUnits: _, ...r }) => r);
    expect(clientsBehind(bare).map((c) => [c.name, c.commitments, c.units])).toEqual([
      ['Brandt Precision', 1, null],
      ['Cobalt Lane Outfitters', 2, null],
      ['harbourside Hotels', 1, null],
    ]);
  });

  it('is empty without commitments', () => {
    expect(clientsBehind([])).toEqual([]);
  });
});
