import { describe, expect, it } from 'vitest';
import { clientInputOf, clientPatchOf, type ClientValues } from './clientValues';

const v: ClientValues = { id: '2', name: 'Kestrel', industry: '', accountOwner: 'Ana', status: 'ACTIVE', annualContractValue: '' };

describe('the client form', () => {
  it('sends every field, empty ones as null or 0', () => {
    expect(clientInputOf(v)).toEqual({ name: 'Kestrel', industry: null, accountOwner: 'Ana', status: 'ACTIVE', annualContractValue: '0' });
    expect(clientPatchOf(v, true)).toEqual(clientInputOf(v));
  });
  it('leaves out the terms (name, status, contract value) for a token limited to the client', () => {
    expect(clientPatchOf(v, false)).toEqual({ industry: null, accountOwner: 'Ana' });
  });
});
