import { describe, expect, it } from 'vitest';
import { gapKinds, gapLook, scoreTone, statusLook, statuses } from './status';

describe('status looks', () => {
  it('gives every status a label, an icon and a tone, so colour is never alone', () => {
    expect(statuses).toEqual(['COVERED', 'PARTIAL', 'UNDER_DELIVERED', 'OVERPROMISED', 'PLANNED', 'GAP']);
    const icons = new Set<string>();
    for (const s of statuses) {
      const look = statusLook[s];
      expect(look.label.length).toBeGreaterThan(2);
      expect(look.icon).not.toBe('');
      icons.add(look.icon);
    }
    expect(icons.size).toBe(statuses.length);
  });
  it('marks what needs action as bad and what is fine as good', () => {
    expect(statusLook.COVERED.tone).toBe('good');
    expect(statusLook.GAP.tone).toBe('bad');
    expect(statusLook.OVERPROMISED.tone).toBe('bad');
    expect(statusLook.PARTIAL.tone).toBe('warn');
    expect(statusLook.PLANNED.tone).toBe('info');
  });
  it('has a look for every gap kind', () => {
    for (const k of gapKinds) expect(gapLook[k].label).toBeTruthy();
    expect(gapLook.PLANNED_ONLY.label).toBe('Planned only');
  });
  it('tones scores at 90 and 70', () => {
    expect(scoreTone(null)).toBe('none');
    expect(scoreTone(100)).toBe('good');
    expect(scoreTone(90)).toBe('good');
    expect(scoreTone(89.9)).toBe('warn');
    expect(scoreTone(70)).toBe('warn');
    expect(scoreTone(69.9)).toBe('bad');
    expect(scoreTone(0)).toBe('bad');
  });
});
