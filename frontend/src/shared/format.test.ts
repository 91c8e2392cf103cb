import { describe, expect, it } from 'vitest';
import { count, describeShortfall, formatDate, formatLevel, formatMoney, formatNumber, formatScore, isNegative } from './format';

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals exactly', () => {
    expect(formatMoney('1240000.00')).toBe('1,240,000.00');
    expect(formatMoney('9999999999999.99')).toBe('9,999,999,999,999.99');
    expect(formatMoney('0.10')).toBe('0.10');
    expect(formatMoney('5')).toBe('5.00');
    expect(formatMoney('-666.67')).toBe('−666.67');
    expect(formatMoney(null)).toBe('—');
  });
  it('tells negative amounts', () => {
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('12.00')).toBe(false);
  });
});

describe('numbers, scores and levels', () => {
  it('writes scores with one decimal or none', () => {
    expect(formatScore(66.7)).toBe('66.7');
    expect(formatScore(100)).toBe('100');
    expect(formatScore(null)).toBe('—');
  });
  it('drops needless decimals', () => {
    expect(formatNumber(168)).toBe('168');
    expect(formatNumber(99.95)).toBe('99.95');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
  it('writes levels with their unit', () => {
    expect(formatLevel(99.9, 'percent')).toBe('99.9%');
    expect(formatLevel(168, 'hours/week')).toBe('168 hours/week');
  });
  it('says a shortfall in plain words', () => {
    expect(
      describeShortfall({ required: 168, designed: 45, measured: null, unit: 'hours/week', metricName: 'Staffed support hours', serviceName: 'Office desk' }),
    ).toBe('promised 168 hours/week of staffed support hours; Office desk is designed for 45');
    expect(
      describeShortfall({ required: 99.9, designed: null, measured: 99.2, unit: 'percent', metricName: 'Availability', serviceName: 'Hosting' }),
    ).toBe('promised 99.9% of availability; Hosting is not designed for it, measured 99.2');
  });
});

describe('dates and counts', () => {
  it('writes dates in UTC', () => {
    expect(formatDate('2026-10-01T00:00:00Z')).toBe('1 Oct 2026');
    expect(formatDate('not a date')).toBe('—');
  });
  it('pluralises', () => {
    expect(count(1, 'gap')).toBe('1 gap');
    expect(count(1200, 'requirement')).toBe('1,200 requirements');
  });
});
