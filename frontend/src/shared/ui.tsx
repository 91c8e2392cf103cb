// Small pieces every view uses. Status is never shown by colour alone: every
// badge carries an icon and a word.
import type { ComponentChildren } from 'preact';
import type { CombinedError } from '@urql/core';
import { problemOf } from './api';
import { formatMoney, formatScore, isNegative } from './format';
import type { Paging } from './hooks';
import {
  clientStatusLook,
  gapLook,
  lifecycleLook,
  scoreTone,
  statuses,
  statusLook,
  type ClientStatus,
  type CoverageStatus,
  type GapKind,
  type Lifecycle,
  type Look,
} from './status';

function Badge({ look, compact }: { look: Look; compact?: boolean }) {
  return (
    <span class={`badge tone-${look.tone}`} title={look.meaning}>
      <span aria-hidden="true" class="badge-icon">
        {look.icon}
      </span>
      {compact ? <span class="visually-hidden">{look.label}</span> : look.label}
    </span>
  );
}

export const StatusBadge = ({ status, compact }: { status: CoverageStatus; compact?: boolean }) => (
  <Badge look={statusLook[status]} compact={compact} />
);
export const GapBadge = ({ kind }: { kind: GapKind }) => <Badge look={gapLook[kind]} />;
export const LifecycleBadge = ({ lifecycle }: { lifecycle: Lifecycle }) => <Badge look={lifecycleLook[lifecycle]} />;
export const ClientStatusBadge = ({ status }: { status: ClientStatus }) => <Badge look={clientStatusLook[status]} />;

/** A flag such as "Oversubscribed", with its icon. */
export function Flag({ tone, icon, children }: { tone: Look['tone']; icon: string; children: ComponentChildren }) {
  return (
    <span class={`badge tone-${tone}`}>
      <span aria-hidden="true" class="badge-icon">
        {icon}
      </span>
      {children}
    </span>
  );
}

/** Whether a commitment holds, in an icon and words. */
export function HoldsBadge({ holds }: { holds: boolean }) {
  return holds ? (
    <Flag tone="good" icon="✓">
      Holds
    </Flag>
  ) : (
    <Flag tone="bad" icon="✕">
      Does not hold
    </Flag>
  );
}

/** A score as a bar and a number, read by assistive technology as a meter. */
export function ScoreBar({ score, label = 'Score' }: { score: number | null | undefined; label?: string }) {
  const value = score ?? 0;
  return (
    <span class={`scorebar tone-${scoreTone(score)}`}>
      <span
        class="scorebar-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? undefined}
        aria-valuetext={score === null || score === undefined ? 'no score' : `${formatScore(score)} of 100`}
      >
        <span class="scorebar-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </span>
      <span class="scorebar-value">{formatScore(score)}</span>
    </span>
  );
}

/** A capacity bar: units committed of a capacity. */
export function CapacityBar({ used, capacity }: { used: number; capacity: number | null | undefined }) {
  if (capacity === null || capacity === undefined) {
    return <span class="muted">{used} units, no set capacity</span>;
  }
  const share = capacity === 0 ? (used > 0 ? 100 : 0) : (used / capacity) * 100;
  const tone = used > capacity ? 'bad' : share >= 85 ? 'warn' : 'good';
  return (
    <span class={`scorebar tone-${tone}`}>
      <span class="scorebar-track" role="meter" aria-label="Capacity used" aria-valuemin={0} aria-valuemax={capacity} aria-valuenow={used}
        aria-valuetext={`${used} of ${capacity} units`}>
        <span class="scorebar-fill" style={{ width: `${Math.min(100, share)}%` }} />
      </span>
      <span class="scorebar-value">
        {used}/{capacity}
      </span>
    </span>
  );
}

export function Money({ amount }: { amount: string | null | undefined }) {
  return <span class={`money${isNegative(amount) ? ' negative' : ''}`}>{formatMoney(amount)}</span>;
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: CombinedError | string; retry?: () => void }) {
  const message = typeof error === 'string' ? error : (problemOf(error)?.message ?? 'Something went wrong.');
  return (
    <div class="state error" role="alert">
      <strong>Could not load this.</strong> {message}
      {retry && (
        <button type="button" class="button small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

export function PageHeader({ title, subtitle, actions }: { title: ComponentChildren; subtitle?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p class="subtitle">{subtitle}</p>}
      </div>
      {actions && <div class="actions">{actions}</div>}
    </header>
  );
}

/** Previous and next through a list paged by cursor, with where the reader is. */
export function Pager({
  paging,
  list,
}: {
  paging: Paging;
  list: { totalCount: number; nodes: readonly unknown[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="button small" onClick={paging.previous} disabled={paging.page === 0}>
        ← Previous
      </button>
      <span>
        Page {paging.page + 1} · {list.nodes.length} of {list.totalCount.toLocaleString('en-US')}
      </span>
      <button type="button" class="button small" onClick={() => paging.next(list.pageInfo.endCursor)} disabled={!list.pageInfo.hasNextPage}>
        Next →
      </button>
    </nav>
  );
}

/** A column header that sorts: click or Enter; says its order to screen readers. */
export function SortHeader({
  label,
  active,
  descending,
  onSort,
}: {
  label: string;
  active: boolean;
  descending: boolean;
  onSort: () => void;
}) {
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={onSort}>
        {label}
        <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** How many requirements are in each coverage status, every status listed (zeros too). */
export function StatusCounts({ counts, class: extra }: { counts: ReadonlyArray<{ status: CoverageStatus; count: number }>; class?: string }) {
  return (
    <ul class={`status-counts${extra ? ` ${extra}` : ''}`}>
      {statuses.map((s) => (
        <li key={s} class={`tone-${statusLook[s].tone}`}>
          <span aria-hidden="true">{statusLook[s].icon}</span> {statusLook[s].label} <strong>{counts.find((c) => c.status === s)?.count ?? 0}</strong>
        </li>
      ))}
    </ul>
  );
}
