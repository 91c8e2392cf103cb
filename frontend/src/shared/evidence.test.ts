import { describe, expect, test } from 'vitest';
import { evidenceDay, staleLabel, stalest } from './evidence';

describe('staleLabel', () => {
  test('fresh or not judged: no mark', () => {
    expect(staleLabel({ judged: true, stale: false, latestAt: '2026-11-01T00:00:00Z' })).toBeNull();
    expect(staleLabel({ judged: false, stale: false, latestAt: null })).toBeNull();
    expect(staleLabel(null)).toBeNull();
  });
  test('never measured', () => {
    expect(staleLabel({ judged: true, stale: true, latestAt: null, staleSince: null })).toBe('No measurements yet');
  });
  test('stale since the earliest metric left its window', () => {
    expect(staleLabel({ judged: true, stale: true, latestAt: '2026-09-20T00:00:00Z', staleSince: '2026-10-12T23:00:00Z' })).toBe('Evidence stale since 12 Oct');
  });
  test('a metric never measured beside fresh ones', () => {
    expect(staleLabel({ judged: true, stale: true, latestAt: '2026-11-20T00:00:00Z', staleSince: null })).toBe('No measurements yet');
    expect(staleLabel({ stale: true, staleSince: null })).toBe('No measurements yet');
  });
});

test('evidenceDay is the UTC day', () => {
  expect(evidenceDay('2026-12-02T23:30:00Z')).toBe('2 Dec');
  expect(evidenceDay('2026-01-31T00:00:00+02:00')).toBe('30 Jan');
});

test('stalest picks the evidence stale the longest', () => {
  const a = { judged: true, stale: true, latestAt: '2026-09-01T00:00:00Z', staleSince: '2026-10-16T00:00:00Z' };
  const b = { judged: true, stale: true, latestAt: '2026-08-01T00:00:00Z', staleSince: '2026-09-15T00:00:00Z' };
  const never = { judged: true, stale: true, latestAt: null, staleSince: null };
  expect(stalest([a, null, b])).toBe(b);
  expect(stalest([a, never, b])).toBe(never);
  expect(stalest([{ judged: true, stale: false }])).toBeNull();
});
