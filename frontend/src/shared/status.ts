// How coverage statuses, gap kinds, lifecycles and scores look: a label, an
// icon and a tone for each, so that colour is never the only signal.

/** The coverage status of a requirement (the CoverageStatus enum). */
export type CoverageStatus = 'COVERED' | 'PARTIAL' | 'UNDER_DELIVERED' | 'OVERPROMISED' | 'PLANNED' | 'GAP';

/** The kinds of gap list entries (the GapKind enum). */
export type GapKind =
  | 'GAP'
  | 'PLANNED_ONLY'
  | 'OVERPROMISED'
  | 'UNDER_DELIVERED'
  | 'PARTIAL'
  | 'EMPTY_OBJECTIVE'
  | 'ORPHAN_SERVICE'
  | 'OVERSUBSCRIBED';

/** A tone is a colour family in the style sheet: good, warn, bad, info or none. */
export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'none';

export interface Look {
  label: string;
  icon: string;
  tone: Tone;
  /** One sentence for a tooltip or a legend. */
  meaning: string;
}

/** Every status, in the order of the enum. */
export const statuses: CoverageStatus[] = ['COVERED', 'PARTIAL', 'UNDER_DELIVERED', 'OVERPROMISED', 'PLANNED', 'GAP'];

export const statusLook: Record<CoverageStatus, Look> = {
  COVERED: { label: 'Covered', icon: '✓', tone: 'good', meaning: 'Services that hold cover all of it.' },
  PARTIAL: { label: 'Partial', icon: '◐', tone: 'warn', meaning: 'Services that hold cover part of it.' },
  UNDER_DELIVERED: {
    label: 'Under-delivered',
    icon: '▼',
    tone: 'bad',
    meaning: 'A service is designed for it, but its latest measurement misses the target.',
  },
  OVERPROMISED: {
    label: 'Over-promised',
    icon: '✕',
    tone: 'bad',
    meaning: 'Services are committed, but none is designed for what was promised.',
  },
  PLANNED: { label: 'Planned', icon: '◷', tone: 'info', meaning: 'Only services that are not live yet.' },
  GAP: { label: 'Gap', icon: '○', tone: 'bad', meaning: 'No service at all.' },
};

export const gapKinds: GapKind[] = [
  'GAP',
  'PLANNED_ONLY',
  'OVERPROMISED',
  'UNDER_DELIVERED',
  'PARTIAL',
  'EMPTY_OBJECTIVE',
  'ORPHAN_SERVICE',
  'OVERSUBSCRIBED',
];

export const gapLook: Record<GapKind, Look> = {
  GAP: { ...statusLook.GAP },
  PLANNED_ONLY: { ...statusLook.PLANNED, label: 'Planned only' },
  OVERPROMISED: { ...statusLook.OVERPROMISED },
  UNDER_DELIVERED: { ...statusLook.UNDER_DELIVERED },
  PARTIAL: { ...statusLook.PARTIAL },
  EMPTY_OBJECTIVE: { label: 'Empty objective', icon: '□', tone: 'warn', meaning: 'An objective with no requirements.' },
  ORPHAN_SERVICE: { label: 'Orphan service', icon: '⊘', tone: 'warn', meaning: 'A live service that costs money and serves no requirement.' },
  OVERSUBSCRIBED: { label: 'Oversubscribed', icon: '⚠', tone: 'bad', meaning: 'Committed beyond its capacity.' },
};

export type Lifecycle = 'PLANNED' | 'LIVE' | 'RETIRING' | 'RETIRED';

export const lifecycleLook: Record<Lifecycle, Look> = {
  PLANNED: { label: 'Planned', icon: '◷', tone: 'info', meaning: 'Not live yet: its commitments count as planned.' },
  LIVE: { label: 'Live', icon: '●', tone: 'good', meaning: 'Running.' },
  RETIRING: { label: 'Retiring', icon: '◔', tone: 'warn', meaning: 'Still running, on its way out.' },
  RETIRED: { label: 'Retired', icon: '◌', tone: 'none', meaning: 'No longer running: its commitments are ignored.' },
};

export type ClientStatus = 'PROSPECT' | 'ACTIVE' | 'CHURNED';

export const clientStatusLook: Record<ClientStatus, Look> = {
  PROSPECT: { label: 'Prospect', icon: '◇', tone: 'info', meaning: 'Not a customer yet.' },
  ACTIVE: { label: 'Active', icon: '◆', tone: 'good', meaning: 'A customer.' },
  CHURNED: { label: 'Churned', icon: '◌', tone: 'none', meaning: 'Gone: counts for nothing across the portfolio.' },
};

/** The tone of a score: good from 90, warn from 70, bad below; none without one. */
export function scoreTone(score: number | null | undefined): Tone {
  if (score === null || score === undefined) return 'none';
  if (score >= 90) return 'good';
  if (score >= 70) return 'warn';
  return 'bad';
}
