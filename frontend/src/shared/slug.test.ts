import { describe, expect, it } from 'vitest';
import { declaredVariables, slugFrom, validSlug } from './slug';

describe('slugFrom', () => {
  it('keeps letters and digits, joins the rest with dashes', () => {
    expect(slugFrom('Gaps by client')).toBe('gaps-by-client');
    expect(slugFrom('  Café: Überblick!  ')).toBe('cafe-uberblick');
    expect(slugFrom('—')).toBe('');
    expect(slugFrom('a'.repeat(62) + ' b')).toBe('a'.repeat(62));
  });
  it('makes slugs the server accepts', () => {
    expect(validSlug(slugFrom('x'.repeat(80)))).toBe(true);
    expect(validSlug('-x')).toBe(false);
    expect(validSlug('Gaps')).toBe(false);
  });
});

describe('declaredVariables', () => {
  it('reads the operation header', () => {
    expect(declaredVariables('query Gaps($first: Int, $after: String, $filter: GapFilter) { gaps { totalCount } }')).toEqual(['first', 'after', 'filter']);
    expect(declaredVariables('# a comment\nquery ($id: ID!) { client(id: $id) { name } }')).toEqual(['id']);
  });
  it('finds none when the query declares none', () => {
    expect(declaredVariables('query Portfolio { portfolio { revenue } }')).toEqual([]);
    expect(declaredVariables('{ clients { totalCount } }')).toEqual([]);
  });
});
