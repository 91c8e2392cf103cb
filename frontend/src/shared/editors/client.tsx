// Creating and changing a client.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../api';
import { graphql } from '../../gql';
import { Dialog } from '../dialog';
import { fieldError, formError, FormFooter, SelectField, TextField } from '../form';
import { formatMoney } from '../format';
import { clientStatusLook } from '../status';
import { blankClient, clientFields, clientInputOf, clientPatchOf, type ClientValues } from './clientValues';

export type { ClientValues };

const CreateClient = graphql(`
  mutation CreateClient($input: ClientInput!) {
    createClient(input: $input) {
      id
    }
  }
`);

const UpdateClient = graphql(`
  mutation UpdateClient($id: ID!, $input: ClientPatch!) {
    updateClient(id: $id, input: $input) {
      id
    }
  }
`);

/**
 * A dialog that creates a client, or changes one when values has an id.
 * Without terms (a token limited to the client) the name, status and
 * contract value are shown, not edited.
 */
export function ClientForm({
  open,
  values,
  terms = true,
  onClose,
  onSaved,
}: {
  open: boolean;
  values?: ClientValues;
  terms?: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [v, setV] = useState<ClientValues>(values ?? blankClient);
  const [created, create] = useMutation(CreateClient);
  const [updated, update] = useMutation(UpdateClient);
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>(null);
  const set = (k: keyof ClientValues) => (x: string) => setV({ ...v, [k]: x });
  async function submit(e: Event) {
    e.preventDefault();
    const res = v.id ? await update({ id: v.id, input: clientPatchOf(v, terms) }) : await create({ input: clientInputOf(v) });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p) onSaved(v.id ?? (res.data && 'createClient' in res.data ? res.data.createClient.id : ''));
  }
  return (
    <Dialog title={v.id ? 'Change client' : 'New client'} open={open} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {formError(problem, clientFields) && (
            <p class="form-error" role="alert">
              {formError(problem, clientFields)}
            </p>
          )}
          {terms ? (
            <TextField label="Name" value={v.name} onValue={set('name')} error={fieldError(problem, 'name')} required autoFocus />
          ) : (
            <p class="muted small">
              {v.name} · {clientStatusLook[v.status].label} · annual contract value {formatMoney(v.annualContractValue)}: these are the terms of the
              contract, which the provider changes.
            </p>
          )}
          <TextField label="Industry" value={v.industry} onValue={set('industry')} error={fieldError(problem, 'industry')} autoFocus={!terms} />
          <TextField label="Account owner" value={v.accountOwner} onValue={set('accountOwner')} error={fieldError(problem, 'accountOwner')} />
          {terms && (
            <>
              <SelectField
                label="Status"
                value={v.status}
                onValue={set('status')}
                options={[
                  { value: 'PROSPECT', label: 'Prospect' },
                  { value: 'ACTIVE', label: 'Active' },
                  { value: 'CHURNED', label: 'Churned' },
                ]}
              />
              <TextField
                label="Annual contract value"
                value={v.annualContractValue}
                onValue={set('annualContractValue')}
                inputMode="decimal"
                error={fieldError(problem, 'annualContractValue')}
                hint="An amount with at most two decimals, such as 480000.00."
              />
            </>
          )}
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={v.id ? 'Save' : 'Create client'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
