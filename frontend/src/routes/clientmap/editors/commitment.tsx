// Committing a service to a requirement, and changing a commitment: the
// service is picked from the catalog by name; then coverage percent, capacity
// units and a note. The server's error shows at its field. Capacity is the
// provider's own: a token limited to a client neither sees nor sets it (the
// server's default of 1 unit applies to a new commitment).
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../../shared/api';
import { lifecycleLook, type Lifecycle } from '../../../shared/status';
import { graphql } from '../../../gql';
import { Dialog } from '../../../shared/dialog';
import { fieldError, formError, FormFooter, TextArea, TextField } from '../../../shared/form';
import { commitmentInputOf, type CommitmentFigures } from './values';
import './targets.css';
import { useSettled } from '../../../shared/hooks';

const CommitmentEditorServices = graphql(`
  query CommitmentEditorServices($search: String, $internal: Boolean! = true) {
    services(first: 100, filter: { search: $search }) {
      totalCount
      nodes {
        id
        name
        lifecycle
        capacity @include(if: $internal)
        committedUnits @include(if: $internal)
      }
    }
  }
`);

const CommitmentEditorCreate = graphql(`
  mutation CommitmentEditorCreate($input: CommitmentInput!) {
    createCommitment(input: $input) {
      id
    }
  }
`);

const CommitmentEditorUpdate = graphql(`
  mutation CommitmentEditorUpdate($id: ID!, $input: CommitmentPatch!) {
    updateCommitment(id: $id, input: $input) {
      id
    }
  }
`);

export interface CommitmentValues extends CommitmentFigures {
  id: string;
  serviceName: string;
}

const fields = ['serviceId', 'coveragePercent', 'capacityUnits', 'note'];
let pickers = 0;

/** A dialog that commits a service to a requirement, or changes a commitment when values is given. */
export function CommitmentForm({
  open,
  capacity = true,
  requirement,
  values,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Whether capacity units are shown and set (not for a token limited to a client). */
  capacity?: boolean;
  requirement: { id: string; title: string; serviceIds: string[] };
  values?: CommitmentValues;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [v, setV] = useState<CommitmentFigures>(values ?? { coveragePercent: '100', capacityUnits: capacity ? '1' : '', note: '' });
  const [serviceId, setServiceId] = useState('');
  const [created, create] = useMutation(CommitmentEditorCreate);
  const [updated, update] = useMutation(CommitmentEditorUpdate);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (k: keyof CommitmentFigures) => (x: string) => setV({ ...v, [k]: x });
  // A problem about a field the form does not show is shown above it.
  const shown = capacity ? fields : fields.filter((f) => f !== 'capacityUnits');
  async function submit(e: Event) {
    e.preventDefault();
    if (!values && !serviceId) {
      setProblem({ message: 'Choose a service.', field: 'serviceId' });
      return;
    }
    const read = commitmentInputOf(capacity ? v : { ...v, capacityUnits: '' });
    if (read.problem) {
      setProblem(read.problem);
      return;
    }
    const res = values
      ? await update({ id: values.id, input: read.input })
      : await create({ input: { requirementId: requirement.id, serviceId, ...read.input } });
    const p = problemOf(res.error);
    setProblem(p);
    if (p) return;
    onSaved(values?.id ?? (res.data && 'createCommitment' in res.data ? res.data.createCommitment.id : ''));
  }
  return (
    <Dialog title={values ? 'Change commitment' : 'Commit a service'} open={open} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          <p class="muted small">Requirement: {requirement.title}</p>
          {formError(problem, shown) && (
            <p class="form-error" role="alert">
              {formError(problem, shown)}
            </p>
          )}
          {values ? (
            <p>
              Service: <strong>{values.serviceName}</strong>
            </p>
          ) : (
            <ServicePicker value={serviceId} onValue={setServiceId} taken={requirement.serviceIds} error={fieldError(problem, 'serviceId')} />
          )}
          <TextField label="Coverage percent" value={v.coveragePercent} onValue={set('coveragePercent')} inputMode="numeric"
            error={fieldError(problem, 'coveragePercent')} hint="The part of the requirement this service covers, 1 to 100." />
          {capacity && (
            <TextField label="Capacity units" value={v.capacityUnits} onValue={set('capacityUnits')} inputMode="numeric"
              error={fieldError(problem, 'capacityUnits')} hint="The part of the service's capacity this commitment takes." />
          )}
          <TextArea label="Note" value={v.note} onValue={set('note')} error={fieldError(problem, 'note')} />
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={values ? 'Save' : 'Commit service'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Finds a service of the catalog by name: a search box and the services it finds, as radio buttons. */
function ServicePicker({ value, onValue, taken, error }: { value: string; onValue: (id: string) => void; taken: string[]; error?: string }) {
  const [prefix] = useState(() => `service-picker-${++pickers}`);
  const [search, setSearch] = useState('');
  const debounced = useSettled(search, 200);
  const [found] = useQuery({ query: CommitmentEditorServices, variables: { search: debounced || null } });
  const page = found.data?.services;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={`${prefix}-search`}>Service</label>
      <input
        id={`${prefix}-search`}
        type="search"
        placeholder="Find a service by name"
        value={search}
        autoFocus
        aria-describedby={`${prefix}-status${error ? ` ${prefix}-error` : ''}`}
        onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
      />
      <p class="hint" id={`${prefix}-status`} aria-live="polite">
        {found.error
          ? `The catalog could not be loaded: ${problemOf(found.error)?.message ?? ''}`
          : !page
            ? 'Loading services…'
            : page.totalCount === 0
              ? 'No service matches.'
              : page.totalCount > page.nodes.length
                ? `${page.nodes.length} of ${page.totalCount} services shown: narrow the search.`
                : `${page.totalCount} ${page.totalCount === 1 ? 'service' : 'services'}.`}
      </p>
      {page && page.nodes.length > 0 && (
        <fieldset class="targets-editor picker-list" aria-describedby={error ? `${prefix}-error` : undefined}>
          <legend class="visually-hidden">Services found</legend>
          {page.nodes.map((s) => {
            const look = lifecycleLook[s.lifecycle as Lifecycle];
            const already = taken.includes(s.id);
            return (
              <label key={s.id} class={`picker-option${already ? ' taken' : ''}`}>
                <input type="radio" name={prefix} value={s.id} checked={value === s.id} disabled={already} onChange={() => onValue(s.id)} />
                <span class="picker-name">{s.name}</span>
                <span class={`badge tone-${look.tone}`}>
                  <span aria-hidden="true" class="badge-icon">
                    {look.icon}
                  </span>
                  {look.label}
                </span>
                <span class="muted small">{already ? 'already committed here' : unitsText(s)}</span>
              </label>
            );
          })}
        </fieldset>
      )}
      {error && (
        <p class="field-error" id={`${prefix}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** How much of a service's capacity is committed; nothing when the session does not see it. */
function unitsText(s: { capacity?: number | null; committedUnits?: number }): string {
  if (s.committedUnits === undefined) return '';
  return s.capacity === null || s.capacity === undefined ? `${s.committedUnits} units committed` : `${s.committedUnits}/${s.capacity} units`;
}
