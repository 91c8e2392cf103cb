// Creating and changing a requirement of an objective: title, description,
// priority and its targets (promised levels). Checked here for what can be
// read before sending (a value that is not a number), then by the server; a
// problem shows at its field, a target's at its row.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../../shared/api';
import { formatNumber } from '../../../shared/format';
import { graphql } from '../../../gql';
import type { Priority } from '../../../gql/graphql';
import { Dialog } from '../../../shared/dialog';
import { fieldError, formError, FormFooter, SelectField, TextArea, TextField } from '../../../shared/form';
import { priorityOptions } from './objective';
import { TargetsEditor } from './targets';
import { targetsInputOf, type TargetRow } from './values';

const RequirementEditorMetrics = graphql(`
  query RequirementEditorMetrics {
    metrics {
      key
      name
      unit
      direction
    }
  }
`);

const RequirementEditorCreate = graphql(`
  mutation RequirementEditorCreate($input: RequirementInput!) {
    createRequirement(input: $input) {
      id
    }
  }
`);

const RequirementEditorUpdate = graphql(`
  mutation RequirementEditorUpdate($id: ID!, $input: RequirementPatch!) {
    updateRequirement(id: $id, input: $input) {
      id
    }
  }
`);

export interface RequirementValues {
  id?: string;
  title: string;
  description: string;
  priority: Priority;
  targets: TargetRow[];
}

/** The form's values of a requirement as the API returns it. */
export function requirementValues(r: {
  id: string;
  title: string;
  description?: string | null;
  priority: Priority;
  targets: Array<{ metric: { key: string }; value: number }>;
}): RequirementValues {
  return {
    id: r.id,
    title: r.title,
    description: r.description ?? '',
    priority: r.priority,
    targets: r.targets.map((t) => ({ metric: t.metric.key, value: formatNumber(t.value) })),
  };
}

const blank: RequirementValues = { title: '', description: '', priority: 'SHOULD', targets: [] };
const fields = ['title', 'description', 'priority', 'targets'];

/** A dialog that creates a requirement of an objective, or changes one when values has an id. */
export function RequirementForm({
  open,
  objectiveId,
  objectiveTitle,
  values,
  onClose,
  onSaved,
}: {
  open: boolean;
  objectiveId: string;
  objectiveTitle?: string;
  values?: RequirementValues;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [v, setV] = useState<RequirementValues>(values ?? blank);
  const [metrics] = useQuery({ query: RequirementEditorMetrics });
  const [created, create] = useMutation(RequirementEditorCreate);
  const [updated, update] = useMutation(RequirementEditorUpdate);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (k: 'title' | 'description') => (x: string) => setV({ ...v, [k]: x });
  async function submit(e: Event) {
    e.preventDefault();
    const read = targetsInputOf(v.targets);
    if (read.problem) {
      setProblem(read.problem);
      document.getElementById(idOfField(read.problem.field))?.focus();
      return;
    }
    const common = { title: v.title, description: v.description.trim() || null, priority: v.priority, targets: read.targets };
    const res = v.id ? await update({ id: v.id, input: common }) : await create({ input: { objectiveId, ...common } });
    const p = problemOf(res.error);
    setProblem(p);
    if (p) return;
    onSaved(v.id ?? (res.data && 'createRequirement' in res.data ? res.data.createRequirement.id : ''));
  }
  return (
    <Dialog title={v.id ? 'Change requirement' : 'New requirement'} open={open} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <div class="dialog-body">
          {objectiveTitle && <p class="muted small">Objective: {objectiveTitle}</p>}
          {formError(problem, fields) && (
            <p class="form-error" role="alert">
              {formError(problem, fields)}
            </p>
          )}
          {metrics.error && (
            <p class="form-error" role="alert">
              The metric catalog could not be loaded: {problemOf(metrics.error)?.message}
            </p>
          )}
          <TextField label="Title" value={v.title} onValue={set('title')} error={fieldError(problem, 'title')} required autoFocus
            hint="What the client needs from IT, such as “24/7 support with 15-minute response”." />
          <TextArea label="Description" value={v.description} onValue={set('description')} error={fieldError(problem, 'description')} />
          <SelectField label="Priority" value={v.priority} options={priorityOptions} onValue={(x) => setV({ ...v, priority: x })}
            error={fieldError(problem, 'priority')} />
          <TargetsEditor
            rows={v.targets}
            metrics={metrics.data?.metrics ?? []}
            loading={metrics.fetching}
            problem={problem}
            onRows={(targets) => setV({ ...v, targets })}
          />
        </div>
        <FormFooter busy={created.fetching || updated.fetching} submitLabel={v.id ? 'Save' : 'Create requirement'} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** The element id of a target row's field ("targets.1.value"), as TargetsEditor names it. */
function idOfField(field: string | undefined): string {
  const m = /^targets\.(\d+)\.(metric|value)$/.exec(field ?? '');
  if (!m) return '';
  const input = document.querySelector<HTMLElement>(`.targets-rows > li:nth-child(${Number(m[1]) + 1}) ${m[2] === 'metric' ? 'select' : 'input'}`);
  return input?.id ?? '';
}
