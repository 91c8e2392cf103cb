// Creating and changing an objective of a client: title, description, the
// business owner and a priority. The server's error shows at its field.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../../shared/api';
import { graphql } from '../../../gql';
import type { Priority } from '../../../gql/graphql';
import { Dialog } from '../../../shared/dialog';
import { fieldError, formError, FormFooter, SelectField, TextArea, TextField } from '../../../shared/form';

const ObjectiveEditorCreate = graphql(`
  mutation ObjectiveEditorCreate($input: ObjectiveInput!) {
    createObjective(input: $input) {
      id
    }
  }
`);

const ObjectiveEditorUpdate = graphql(`
  mutation ObjectiveEditorUpdate($id: ID!, $input: ObjectivePatch!) {
    updateObjective(id: $id, input: $input) {
      id
    }
  }
`);

export interface ObjectiveValues {
  id?: string;
  title: string;
  description: string;
  owner: string;
  priority: Priority;
}

export const priorityOptions: Array<{ value: Priority; label: string }> = [
  { value: 'MUST', label: 'Must' },
  { value: 'SHOULD', label: 'Should' },
  { value: 'COULD', label: 'Could' },
];

const blank: ObjectiveValues = { title: '', description: '', owner: '', priority: 'SHOULD' };
const fields = ['title', 'description', 'owner', 'priority'];

/** A dialog that creates an objective of a client, or changes one when values has an id. */
export function ObjectiveForm({
  open,
  clientId,
  values,
  onClose,
  onSaved,
}: {
  open: boolean;
  clientId: string;
  values?: ObjectiveValues;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [v, setV] = useState<ObjectiveValues>(values ?? blank);
  const [created, create] = useMutation(ObjectiveEditorCreate);
  const [updated, update] = useMutation(ObjectiveEditorUpdate);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (k: 'title' | 'description' | 'owner') => (x: string) => setV({ ...v, [k]: x });
  async function submit(e: Event) {
    e.preventDefault();
    // An empty optional text clears it (null), on create and on change alike.
    const common = { title: v.title, description: v.description.trim() || null, owner: v.owner.trim() || null, priority: v.priority };
    const res = v.id ? await update({ id: v.id, input: common }) : await create({ input: { clientId, ...common } });
    const p = problemOf(res.error);
    setProblem(p);
    if (p) return;
    const id = v.id ?? (res.data && 'createObjective' in res.data ? res.data.createObjective.id : '');
    onSaved(id);
  }
  return (
    <Dialog title={v.id ? 'Change objective' : 'New objective'} open={open} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {formError(problem, fields) && (
            <p class="form-error" role="alert">
              {formError(problem, fields)}
            </p>
          )}
          <TextField label="Title" value={v.title} onValue={set('title')} error={fieldError(problem, 'title')} required autoFocus
            hint="What the client is trying to achieve, such as “Cut order-to-cash time by 30%”." />
          <TextArea label="Description" value={v.description} onValue={set('description')} error={fieldError(problem, 'description')} />
          <TextField label="Business owner" value={v.owner} onValue={set('owner')} error={fieldError(problem, 'owner')}
            hint="Who owns it on the client's side." />
          <SelectField label="Priority" value={v.priority} options={priorityOptions} onValue={(x) => setV({ ...v, priority: x })}
            error={fieldError(problem, 'priority')} />
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={v.id ? 'Save' : 'Create objective'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
