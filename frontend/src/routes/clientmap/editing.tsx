// The dialogs that change a client's map: the editors of a client, an
// objective, a requirement and a commitment, and the deletes, each asking
// first and saying what it removes.
import type { OperationResult } from '@urql/core';
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { useSession } from '../../shared/session';
import { ConfirmDialog } from '../../shared/dialog';
import { ClientForm } from '../../shared/editors/client';
import { CommitmentForm } from './editors/commitment';
import { ObjectiveForm } from './editors/objective';
import { RequirementForm, requirementValues } from './editors/requirement';
import { graphql } from '../../gql';
import { clientDeleteText, countsOf, objectiveDeleteText, requirementDeleteText } from './model';
import type { EditAction, MapClient, Selection } from './query';

const ClientMapDeleteClient = graphql(`
  mutation ClientMapDeleteClient($id: ID!) {
    deleteClient(id: $id)
  }
`);
const ClientMapDeleteObjective = graphql(`
  mutation ClientMapDeleteObjective($id: ID!) {
    deleteObjective(id: $id)
  }
`);
const ClientMapDeleteRequirement = graphql(`
  mutation ClientMapDeleteRequirement($id: ID!) {
    deleteRequirement(id: $id)
  }
`);
const ClientMapDeleteCommitment = graphql(`
  mutation ClientMapDeleteCommitment($id: ID!) {
    deleteCommitment(id: $id)
  }
`);

/**
 * The dialog of an edit action. onChanged runs after a change was written,
 * with what to select afterwards (undefined: keep the selection).
 */
export function MapEditors({
  action,
  client,
  onClose,
  onChanged,
  onClientDeleted,
}: {
  action: EditAction;
  client: MapClient;
  onClose: () => void;
  onChanged: (select?: Selection) => void;
  onClientDeleted: () => void;
}) {
  const session = useSession();
  const [, deleteClient] = useMutation(ClientMapDeleteClient);
  const [, deleteObjective] = useMutation(ClientMapDeleteObjective);
  const [, deleteRequirement] = useMutation(ClientMapDeleteRequirement);
  const [, deleteCommitment] = useMutation(ClientMapDeleteCommitment);
  switch (action.kind) {
    case 'client':
      return (
        <ClientForm
          open
          values={{
            id: client.id,
            name: client.name,
            industry: client.industry ?? '',
            accountOwner: client.accountOwner ?? '',
            status: client.status,
            annualContractValue: client.annualContractValue,
          }}
          terms={session.internal}
          onClose={onClose}
          onSaved={() => onChanged()}
        />
      );
    case 'deleteClient':
      return (
        <Confirm
          title="Delete client"
          consequence={`Delete ${client.name}? ${clientDeleteText(countsOf(client.objectives))} The services stay in the catalog. This cannot be undone.`}
          run={() => deleteClient({ id: client.id })}
          onClose={onClose}
          onDone={onClientDeleted}
        />
      );
    case 'objective': {
      const o = action.objective;
      return (
        <ObjectiveForm
          open
          clientId={client.id}
          values={o ? { id: o.id, title: o.title, description: o.description ?? '', owner: o.owner ?? '', priority: o.priority } : undefined}
          onClose={onClose}
          onSaved={(id) => onChanged(o ? undefined : { kind: 'objective', id })}
        />
      );
    }
    case 'deleteObjective': {
      const o = action.objective;
      return (
        <Confirm
          title="Delete objective"
          consequence={`Delete the objective “${o.title}”? ${objectiveDeleteText(countsOf([o]))} This cannot be undone.`}
          run={() => deleteObjective({ id: o.id })}
          onClose={onClose}
          onDone={() => onChanged(null)}
        />
      );
    }
    case 'requirement': {
      const r = action.requirement;
      const objective = client.objectives.find((o) => o.id === action.objectiveId);
      return (
        <RequirementForm
          open
          objectiveId={action.objectiveId}
          objectiveTitle={objective?.title}
          values={r ? requirementValues(r) : undefined}
          onClose={onClose}
          onSaved={(id) => onChanged({ kind: 'requirement', id })}
        />
      );
    }
    case 'deleteRequirement': {
      const r = action.requirement;
      return (
        <Confirm
          title="Delete requirement"
          consequence={`Delete the requirement “${r.title}”? ${requirementDeleteText(r.commitments.map((c) => c.service.name))} This cannot be undone.`}
          run={() => deleteRequirement({ id: r.id })}
          onClose={onClose}
          onDone={() => onChanged(null)}
        />
      );
    }
    case 'commitment': {
      const { requirement: r, commitment: c } = action;
      return (
        <CommitmentForm
          open
          capacity={session.internal}
          requirement={{ id: r.id, title: r.title, serviceIds: r.commitments.map((x) => x.service.id) }}
          values={
            c
              ? {
                  id: c.id,
                  serviceName: c.service.name,
                  coveragePercent: String(c.coveragePercent),
                  // Empty (left as it is) when the session does not see it.
                  capacityUnits: c.capacityUnits == null ? '' : String(c.capacityUnits),
                  note: c.note ?? '',
                }
              : undefined
          }
          onClose={onClose}
          onSaved={() => onChanged({ kind: 'requirement', id: r.id })}
        />
      );
    }
    case 'deleteCommitment': {
      const { requirement: r, commitment: c } = action;
      return (
        <Confirm
          title="Delete commitment"
          consequence={`Remove the commitment of ${c.service.name} to “${r.title}” (${c.coveragePercent}% coverage)? Nothing else is removed: the service stays in the catalog, and the requirement's coverage is recomputed.`}
          run={() => deleteCommitment({ id: c.id })}
          onClose={onClose}
          onDone={() => onChanged({ kind: 'requirement', id: r.id })}
        />
      );
    }
  }
}

/** Asks, runs the delete, and shows the server's refusal in the dialog. */
function Confirm({
  title,
  consequence,
  run,
  onClose,
  onDone,
}: {
  title: string;
  consequence: string;
  run: () => Promise<OperationResult>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    const res = await run();
    setBusy(false);
    const p = problemOf(res.error);
    if (p) setError(p.message);
    else onDone();
  }
  return <ConfirmDialog open title={title} consequence={consequence} busy={busy} error={error} onConfirm={confirm} onClose={onClose} />;
}
