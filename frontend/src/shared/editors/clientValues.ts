// What the client form sends. Pure, so it can be tested.
import type { ClientStatus } from '../../gql/graphql';

export interface ClientValues {
  id?: string;
  name: string;
  industry: string;
  accountOwner: string;
  status: ClientStatus;
  annualContractValue: string;
}

export const blankClient: ClientValues = { name: '', industry: '', accountOwner: '', status: 'ACTIVE', annualContractValue: '0.00' };

/** The fields of the client form, as the API names them. */
export const clientFields = ['name', 'industry', 'accountOwner', 'status', 'annualContractValue'];

/** The input that creates a client, or changes every field of one. */
export function clientInputOf(v: ClientValues): { name: string; industry: string | null; accountOwner: string | null; status: ClientStatus; annualContractValue: string } {
  return {
    name: v.name,
    industry: v.industry || null,
    accountOwner: v.accountOwner || null,
    status: v.status,
    annualContractValue: v.annualContractValue || '0',
  };
}

/**
 * The patch that changes a client. Without terms (a token limited to the
 * client) it leaves out the name, status and contract value, so it changes
 * only what the client may change.
 */
export function clientPatchOf(v: ClientValues, terms: boolean): { name?: string; industry: string | null; accountOwner: string | null; status?: ClientStatus; annualContractValue?: string } {
  const all = clientInputOf(v);
  if (terms) return all;
  return { industry: all.industry, accountOwner: all.accountOwner };
}
