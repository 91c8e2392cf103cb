import { describe, expect, it } from 'vitest';
import { gapLinks, knownKinds, toggleKind } from './gapsModel';

describe('gap filters', () => {
  it('keeps known kinds once, in the enum order', () => {
    expect(knownKinds(['OVERPROMISED', 'GAP', 'nonsense', 'gap'])).toEqual(['GAP', 'OVERPROMISED']);
    expect(knownKinds([])).toEqual([]);
  });
  it('switches a kind on and off', () => {
    expect(toggleKind(['OVERPROMISED'], 'GAP')).toEqual(['GAP', 'OVERPROMISED']);
    expect(toggleKind(['GAP', 'OVERPROMISED'], 'GAP')).toEqual(['OVERPROMISED']);
  });
});

describe('gapLinks', () => {
  it('links a requirement entry to its client map', () => {
    const links = gapLinks({
      client: { id: '2', name: 'Kestrel' },
      objective: { id: '5', title: 'Run warehouses' },
      requirement: { id: '14', title: '24/7 support' },
      service: null,
    });
    expect(links).toEqual([
      { what: 'Client', label: 'Kestrel', href: '/clients/2' },
      { what: 'Objective', label: 'Run warehouses', href: '/clients/2' },
      { what: 'Requirement', label: '24/7 support', href: '/clients/2' },
    ]);
  });
  it('links a service entry to the service', () => {
    expect(gapLinks({ service: { id: '14', name: 'Exchange' } })).toEqual([{ what: 'Service', label: 'Exchange', href: '/services/14' }]);
  });
});
