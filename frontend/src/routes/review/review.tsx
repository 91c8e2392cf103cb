// Review: the commitments whose promise or design changed since an editor
// last confirmed them, most important first (the requirement's priority, then
// the client's contract value), each with what changed in words and, for
// editors, a Confirm button with an optional note; then, in a section of its
// own and in the same order, the commitments whose evidence is stale, each
// with the reason in words (a measurement clears it, not a confirmation).
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../../gql';
import { problemOf } from '../../shared/api';
import { StaleMark } from '../../shared/evidence';
import { useSession } from '../../shared/session';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import './review.css';

const ReviewList = graphql(`
  query ReviewList {
    commitmentsToReview(first: 100) {
      totalCount
      nodes {
        id
        coveragePercent
        service {
          id
          name
        }
        requirement {
          id
          title
          priority
          objective {
            client {
              id
              name
            }
          }
        }
        review {
          needed
          reason
          changes {
            what
            at
            by
          }
        }
      }
    }
    commitmentsWithStaleEvidence(first: 100) {
      totalCount
      nodes {
        id
        service {
          id
          name
        }
        requirement {
          id
          title
          priority
          objective {
            client {
              id
              name
            }
          }
        }
        evidence {
          stale
          reason
          staleSince
        }
      }
    }
  }
`);

const ReviewConfirm = graphql(`
  mutation ReviewConfirm($id: ID!, $note: String) {
    confirmCommitment(id: $id, note: $note) {
      id
      review {
        needed
        confirmedAt
        confirmedBy
        note
      }
    }
  }
`);

export default function ReviewView() {
  const session = useSession();
  useEffect(() => {
    document.title = 'Review · Alliance';
  }, []);
  const [res, reload] = useQuery({ query: ReviewList, requestPolicy: 'cache-and-network' });
  const items = res.data?.commitmentsToReview.nodes ?? [];
  const stale = res.data?.commitmentsWithStaleEvidence;
  return (
    <section class="page" data-view="review">
      <PageHeader
        title="Review"
        subtitle="Commitments whose promise or design changed since they were last confirmed, then those whose evidence is stale: the most important first (MUST before SHOULD and COULD, then the larger contract)."
      />
      <h2>Changed promises and designs</h2>
      {res.error && !res.data ? (
        <ErrorBox error={res.error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : !res.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No commitment needs review: every changed promise and design has been confirmed.</Empty>
      ) : (
        <ol class="review-list">
          {items.map((c) => (
            <li key={c.id} class="review-item" data-commitment={c.id}>
              <p class="review-what">
                <span class={`priority priority-${c.requirement.priority.toLowerCase()}`}>{c.requirement.priority}</span>{' '}
                <a href={`/clients/${encodeURIComponent(c.requirement.objective.client.id)}`}>{c.requirement.objective.client.name}</a> ·{' '}
                {c.requirement.title} · <a href={`/services/${encodeURIComponent(c.service.id)}`}>{c.service.name}</a>
              </p>
              <p class="review-reason">{c.review.reason}</p>
              {session.canEdit && <ConfirmForm id={c.id} done={() => reload({ requestPolicy: 'network-only' })} />}
            </li>
          ))}
        </ol>
      )}
      <h2>Stale evidence</h2>
      <p class="muted small">
        A running service's commitment whose targeted metric has no measurement that ended within the metric's freshness window: its promise is
        unverified until a measurement is recorded.
      </p>
      {!res.data ? null : !stale || stale.nodes.length === 0 ? (
        <Empty>No commitment has stale evidence: every running service was measured within its metrics' windows.</Empty>
      ) : (
        <>
          {stale.totalCount > stale.nodes.length && (
            <p class="muted small">
              The {stale.nodes.length} most important of {stale.totalCount.toLocaleString('en-US')}.
            </p>
          )}
          <ol class="review-list review-stale">
            {stale.nodes.map((c) => (
              <li key={c.id} class="review-item" data-stale-commitment={c.id}>
                <p class="review-what">
                  <span class={`priority priority-${c.requirement.priority.toLowerCase()}`}>{c.requirement.priority}</span>{' '}
                  <a href={`/clients/${encodeURIComponent(c.requirement.objective.client.id)}`}>{c.requirement.objective.client.name}</a> ·{' '}
                  {c.requirement.title} · <a href={`/services/${encodeURIComponent(c.service.id)}`}>{c.service.name}</a>{' '}
                  <StaleMark evidence={c.evidence} />
                </p>
                <p class="review-reason">{c.evidence.reason}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ConfirmForm({ id, done }: { id: string; done: () => void }) {
  const [note, setNote] = useState('');
  const [state, confirm] = useMutation(ReviewConfirm);
  const problem = problemOf(state.error);
  return (
    <form
      class="review-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        void confirm({ id, note: note.trim() || null }).then((r) => {
          if (!r.error) done();
        });
      }}
    >
      <label>
        Note (optional)
        <input type="text" value={note} maxLength={4000} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" disabled={state.fetching}>
        Confirm
      </button>
      {problem && <p class="error" role="alert">{problem.message}</p>}
    </form>
  );
}
