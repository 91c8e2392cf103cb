import { describe, expect, it } from 'vitest';
import { blankService, dateToTime, lastMonth, measurementInputOf, parseNumber, serviceInputOf, serviceValuesOf, timeToDate } from './forms';

describe('parseNumber', () => {
  it('reads decimals and refuses the rest', () => {
    expect(parseNumber('99.95')).toBe(99.95);
    expect(parseNumber(' 168 ')).toBe(168);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('12,5')).toBeNull();
  });
});

describe('serviceInputOf', () => {
  it('reads the form: empty texts are null, empty capacity is no set capacity, rows in order', () => {
    const r = serviceInputOf({
      ...blankService,
      name: 'Managed Backup',
      monthlyCost: '',
      levels: [
        { metric: 'rpo_minutes', value: '240' },
        { metric: 'availability', value: '99.9' },
      ],
    });
    expect(r.problem).toBeUndefined();
    expect(r.input).toEqual({
      name: 'Managed Backup',
      description: null,
      ownerTeam: null,
      lifecycle: 'LIVE',
      monthlyCost: '0',
      capacity: null,
      designedLevels: [
        { metric: 'rpo_minutes', value: 240 },
        { metric: 'availability', value: 99.9 },
      ],
    });
    expect(serviceInputOf({ ...blankService, capacity: ' 12 ' }).input?.capacity).toBe(12);
  });

  it('names the field of a number it cannot read', () => {
    expect(serviceInputOf({ ...blankService, capacity: '2.5' }).problem?.field).toBe('capacity');
    const levels = [
      { metric: 'availability', value: '99.9' },
      { metric: 'rpo_minutes', value: 'soon' },
    ];
    expect(serviceInputOf({ ...blankService, levels }).problem?.field).toBe('designedLevels.1.value');
    expect(serviceInputOf({ ...blankService, levels: [{ metric: '', value: '1' }] }).problem?.field).toBe('designedLevels.0.metric');
  });

  it('leaves the rest to the server (an empty name, a bad amount)', () => {
    expect(serviceInputOf({ ...blankService, name: '', monthlyCost: '1.234' }).input?.monthlyCost).toBe('1.234');
  });

  it('round-trips a service into the form', () => {
    const v = serviceValuesOf({
      id: '8',
      name: 'ERP Hosting',
      description: null,
      ownerTeam: 'Applications',
      lifecycle: 'LIVE',
      monthlyCost: '16000.00',
      capacity: 8,
      designedLevels: [{ value: 99.9, metric: { key: 'availability' } }],
    });
    expect(v).toEqual({
      id: '8',
      name: 'ERP Hosting',
      description: '',
      ownerTeam: 'Applications',
      lifecycle: 'LIVE',
      monthlyCost: '16000.00',
      capacity: '8',
      levels: [{ metric: 'availability', value: '99.9' }],
    });
    expect(serviceInputOf(v).input?.capacity).toBe(8);
  });
});

describe('measurements', () => {
  const ok = { metric: 'availability', value: '99.2', periodStart: '2026-10-01', periodEnd: '2026-11-01', source: '' };

  it('sends dates as midnight UTC', () => {
    expect(measurementInputOf('9', ok).input).toEqual({
      serviceId: '9',
      metric: 'availability',
      value: 99.2,
      periodStart: '2026-10-01T00:00:00Z',
      periodEnd: '2026-11-01T00:00:00Z',
      source: null,
    });
  });

  it('names the missing field; the order of the dates is for the server', () => {
    expect(measurementInputOf('9', { ...ok, metric: '' }).problem?.field).toBe('metric');
    expect(measurementInputOf('9', { ...ok, value: 'x' }).problem?.field).toBe('value');
    expect(measurementInputOf('9', { ...ok, periodStart: '' }).problem?.field).toBe('periodStart');
    expect(measurementInputOf('9', { ...ok, periodEnd: '' }).problem?.field).toBe('periodEnd');
    expect(measurementInputOf('9', { ...ok, periodEnd: '2026-09-01' }).input).toBeDefined();
  });

  it('converts dates and proposes last month', () => {
    expect(dateToTime('2026-10-01')).toBe('2026-10-01T00:00:00Z');
    expect(timeToDate('2026-10-01T00:00:00Z')).toBe('2026-10-01');
    expect(lastMonth(new Date('2026-11-26T22:00:00Z'))).toEqual({ periodStart: '2026-10-01', periodEnd: '2026-11-01' });
    expect(lastMonth(new Date('2026-01-15T00:00:00Z'))).toEqual({ periodStart: '2025-12-01', periodEnd: '2026-01-01' });
  });
});
