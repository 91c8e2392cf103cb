import { describe, expect, it } from 'vitest';
import { byDrop, formatDelta, scoreDelta } from './impactModel';

describe('score changes', () => {
  it('computes the change to one decimal without float noise', () => {
    expect(scoreDelta(91.8, 78.2)).toBe(-13.6);
    expect(scoreDelta(75, 65)).toBe(-10);
    expect(scoreDelta(null, 65)).toBeNull();
    expect(scoreDelta(70, undefined)).toBeNull();
  });
  it('writes it with a sign', () => {
    expect(formatDelta(-13.6)).toBe('−13.6');
    expect(formatDelta(-10)).toBe('−10');
    expect(formatDelta(2.5)).toBe('+2.5');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(null)).toBe('—');
  });
  it('orders the biggest drop first, then by name', () => {
    const c = (name: string, before: number | null, after: number | null) => ({ client: { name }, before, after });
    expect(byDrop([c('b', 80, 75), c('a', 91.8, 78.2), c('c', 80, 75), c('d', null, 10)]).map((x) => x.client.name)).toEqual(['a', 'b', 'c', 'd']);
  });
});
