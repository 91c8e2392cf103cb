import { describe, expect, it } from 'vitest';
import {
  directionHint,
  filledRows,
  parseTargets,
  parseValue,
  printTargets,
  problemAt,
  promisePath,
  spareLook,
  targetsOf,
  targetsParam,
} from './promiseTargets';

describe('the t parameter', () => {
  it('reads metric:value pairs', () => {
    expect(parseTargets('support_hours:168,response_minutes:15')).toEqual([
      { metric: 'support_hours', value: '168' },
      { metric: 'response_minutes', value: '15' },
    ]);
  });
  it('skips empty pieces and keeps incomplete ones for the form to flag', () => {
    expect(parseTargets('')).toEqual([]);
    expect(parseTargets(null)).toEqual([]);
    expect(parseTargets(',availability:99.9,,')).toEqual([{ metric: 'availability', value: '99.9' }]);
    expect(parseTargets('availability')).toEqual([{ metric: 'availability', value: '' }]);
    expect(parseTargets(' rto_minutes : 60 ')).toEqual([{ metric: 'rto_minutes', value: '60' }]);
  });
  it('writes rows back, leaving out blank rows', () => {
    expect(printTargets([{ metric: 'support_hours', value: '168' }, { metric: '', value: '' }, { metric: 'response_minutes', value: ' 15' }])).toBe(
      'support_hours:168,response_minutes:15',
    );
    expect(printTargets([])).toBe('');
  });
  it('round-trips', () => {
    const text = 'availability:99.95,support_hours:168,rpo_minutes:0';
    expect(printTargets(parseTargets(text))).toBe(text);
  });
  it('makes a readable path and reads it back', () => {
    const path = promisePath([{ metric: 'support_hours', value: '168' }, { metric: 'response_minutes', value: '15' }]);
    expect(path).toBe('/promise?t=support_hours:168,response_minutes:15');
    expect(parseTargets(targetsParam(path.slice(path.indexOf('?'))))).toHaveLength(2);
    expect(promisePath([])).toBe('/promise');
    expect(targetsParam('?t=availability%3A99.9')).toBe('availability:99.9');
    expect(targetsParam('')).toBe('');
  });
});

describe('targetsOf', () => {
  it('turns rows into targets', () => {
    expect(targetsOf([{ metric: 'availability', value: '99.9' }])).toEqual({ targets: [{ metric: 'availability', value: 99.9 }], problems: [] });
  });
  it('names the row and part at fault', () => {
    const { targets, problems } = targetsOf([
      { metric: 'availability', value: '99.9' },
      { metric: '', value: 'abc' },
      { metric: 'support_hours', value: '' },
    ]);
    expect(targets).toEqual([{ metric: 'availability', value: 99.9 }]);
    expect(problems).toEqual([
      { index: 1, part: 'metric', message: 'Choose a metric.' },
      { index: 1, part: 'value', message: '“abc” is not a number.' },
      { index: 2, part: 'value', message: 'Enter a value.' },
    ]);
  });
  it('reads numbers strictly', () => {
    expect(parseValue('15')).toBe(15);
    expect(parseValue(' 99.95 ')).toBe(99.95);
    expect(parseValue('.5')).toBe(0.5);
    expect(parseValue('-1')).toBe(-1);
    expect(parseValue('1e3')).toBe(1000);
    expect(parseValue('')).toBeNull();
    expect(parseValue('15m')).toBeNull();
    expect(parseValue('0x10')).toBeNull();
    expect(parseValue('Infinity')).toBeNull();
  });
  it('keeps rows that have something in them', () => {
    expect(filledRows([{ metric: '', value: ' ' }, { metric: 'a', value: '' }])).toEqual([{ metric: 'a', value: '' }]);
  });
});

describe('server problems and hints', () => {
  it('reads the field the server names', () => {
    expect(problemAt('targets.1.metric', 'unknown metric')).toEqual({ index: 1, part: 'metric', message: 'unknown metric' });
    expect(problemAt('targets.0.value', 'bad')).toEqual({ index: 0, part: 'value', message: 'bad' });
    expect(problemAt('targets.2', 'bad')).toEqual({ index: 2, part: 'metric', message: 'bad' });
    expect(problemAt('targets', 'empty')).toBeNull();
    expect(problemAt(undefined, 'x')).toBeNull();
  });
  it('says which way is better', () => {
    expect(directionHint('HIGHER_IS_BETTER')).toContain('higher');
    expect(directionHint('LOWER_IS_BETTER')).toContain('lower');
    expect(directionHint(undefined)).toBe('');
  });
  it('describes spare capacity', () => {
    expect(spareLook(null)).toEqual({ text: 'no set capacity', oversubscribed: false });
    expect(spareLook(5)).toEqual({ text: '5 units', oversubscribed: false });
    expect(spareLook(1)).toEqual({ text: '1 unit', oversubscribed: false });
    expect(spareLook(0)).toEqual({ text: '0 units', oversubscribed: false });
    expect(spareLook(-3)).toEqual({ text: 'oversubscribed by 3 units', oversubscribed: true });
  });
});
