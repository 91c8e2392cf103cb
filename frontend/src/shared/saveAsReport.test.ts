import { describe, expect, it } from 'vitest';
import { reportVariables } from './saveAsReport';

describe('reportVariables', () => {
  it('keeps only declared, non-empty variables', () => {
    const q = 'query GapList($first: Int, $after: String, $filter: GapFilter) { gaps(first: $first, after: $after, filter: $filter) { totalCount } }';
    expect(reportVariables(q, { first: 100, after: undefined, filter: { kind: 'GAP' }, id: '3' })).toEqual({ first: 100, filter: { kind: 'GAP' } });
    expect(reportVariables(q, { first: 100, after: '' })).toEqual({ first: 100 });
  });
  it('keeps none for a query without variables', () => {
    expect(reportVariables('query Portfolio { portfolio { revenue } }', { first: 10 })).toEqual({});
  });
});
