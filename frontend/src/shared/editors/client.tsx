// Creating and changing a client.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../api';
import { graphql } from '../../gql';
import type { ClientStatus } from '../../gql/graphql';
import { Dialog } from '../dialog';
import { fieldError, formError, FormFooter, SelectField, TextField } from '../form';

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

export interface ClientValues {
  id?: string;
  name: string;
  industry: string;
  accountOwner: string;
  status: ClientStatus;
  annualContractValue: string;
}

const blank: ClientValues = { name: '', industry: '', accountOwner: '', status: 'ACTIVE', annualContractValue: '0.00' };
const fields = ['name', 'industry', 'accountOwner', 'status', 'annualContractValue'];

/** A dialog that creates a client, or changes one when values has an id. */
export function ClientForm({ open, values, onClose, onSaved }: { open: boolean; values?: ClientValues; onClose: () => void; onSaved: (id: string) => void }) {
  const [v, setV] = useState<ClientValues>(values ?? blank);
  const [created, create] = useMutation(CreateClient);
  const [updated, update] = useMutation(UpdateClient);
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>(null);
  const set = (k: keyof ClientValues) => (x: string) => setV({ ...v, [k]: x });
  async function submit(e: Event) {
    e.preventDefault();
    const input = {
      name: v.name,
      industry: v.industry || null,
      accountOwner: v.accountOwner || null,
      status: v.status,
      annualContractValue: v.annualContractValue || '0',
    };
    const res = v.id ? await update({ id: v.id, input }) : await create({ input });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p) onSaved(v.id ?? (res.data && 'createClient' in res.data ? res.data.createClient.id : ''));
  }
  return (
    <Dialog title={v.id ? 'Change client' : 'New client'} open={open} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {formError(problem, fields) && (
            <p class="form-error" role="alert">
              {formError(problem, fields)}
            </p>
          )}
          <TextField label="Name" value={v.name} onValue={set('name')} error={fieldError(problem, 'name')} required autoFocus />
          <TextField label="Industry" value={v.industry} onValue={set('industry')} error={fieldError(problem, 'industry')} />
          <TextField label="Account owner" value={v.accountOwner} onValue={set('accountOwner')} error={fieldError(problem, 'accountOwner')} />
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
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={v.id ? 'Save' : 'Create client'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
