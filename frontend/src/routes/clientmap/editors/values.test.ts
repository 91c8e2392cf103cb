import { describe, expect, it } from 'vitest';
import { commitmentInputOf, nextMetric, parseNumber, parseWhole, rowProblem, targetsInputOf } from './values';

describe('map editor values', () => {
  it('reads numbers typed in forms', () => {
    expect(parseWhole('')).toEqual({});
    expect(parseWhole(' 150 ')).toEqual({ value: 150 });
    expect(parseWhole('1.5').error).toBe('Enter a whole number.');
    expect(parseNumber('99,9')).toEqual({ value: 99.9 });
    expect(parseNumber('.5')).toEqual({ value: 0.5 });
    expect(parseNumber('').error).toBe('Enter a value.');
    expect(parseNumber('abc').error).toBeDefined();
  });

  it('turns target rows into targets, or names the row at fault', () => {
    expect(targetsInputOf([{ metric: 'availability', value: '99.9' }, { metric: 'support_hours', value: '168' }])).toEqual({
      targets: [
        { metric: 'availability', value: 99.9 },
        { metric: 'support_hours', value: 168 },
      ],
    });
    expect(targetsInputOf([])).toEqual({ targets: [] });
    expect(targetsInputOf([{ metric: 'a', value: '1' }, { metric: 'b', value: 'x' }])).toEqual({
      problem: { message: 'Enter a number, such as 99.9.', field: 'targets.1.value' },
    });
    expect(targetsInputOf([{ metric: '', value: '1' }])).toMatchObject({ problem: { field: 'targets.0.metric' } });
  });

  it('offers a metric not used yet for a new row', () => {
    expect(nextMetric(['a', 'b'], [{ metric: 'a', value: '' }])).toBe('b');
    expect(nextMetric(['a'], [{ metric: 'a', value: '' }])).toBe('a');
    expect(nextMetric([], [])).toBe('');
  });

  it('shows a problem at the row and field it names', () => {
    const p = { message: 'twice', field: 'targets.1.metric' };
    expect(rowProblem(p, 'targets', 1, 'metric')).toBe('twice');
    expect(rowProblem(p, 'targets', 0, 'metric')).toBeUndefined();
    expect(rowProblem(p, 'targets', 1, 'value')).toBeUndefined();
    expect(rowProblem(p, 'targets', 1)).toBeUndefined();
    expect(rowProblem({ message: 'row', field: 'targets.2' }, 'targets', 2)).toBe('row');
    expect(rowProblem({ message: 'x', field: 'targets.11.metric' }, 'targets', 1, 'metric')).toBeUndefined();
    expect(rowProblem(null, 'targets', 0, 'metric')).toBeUndefined();
  });

  it('reads a commitment\'s figures; empty figures take the server\'s defaults', () => {
    expect(commitmentInputOf({ coveragePercent: '150', capacityUnits: '2', note: ' ' })).toEqual({
      input: { coveragePercent: 150, capacityUnits: 2, note: null },
    });
    expect(commitmentInputOf({ coveragePercent: '', capacityUnits: '', note: 'n' })).toEqual({ input: { note: 'n' } });
    expect(commitmentInputOf({ coveragePercent: 'half', capacityUnits: '', note: '' })).toMatchObject({ problem: { field: 'coveragePercent' } });
    expect(commitmentInputOf({ coveragePercent: '50', capacityUnits: '1.5', note: '' })).toMatchObject({ problem: { field: 'capacityUnits' } });
  });
});
