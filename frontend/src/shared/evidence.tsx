// The stale-evidence mark: a commitment whose targeted metric has no
// measurement within the metric's freshness window shows an icon and words
// ("Evidence stale since 12 Oct", "No measurements yet"), never a colour
// alone. Used by lazily loaded views only (the map, the matrix, the service
// page, Review): not part of the first view's bundle.
import './evidence.css';

/** What the mark needs of Commitment.evidence. */
export interface EvidenceLike {
  judged?: boolean;
  stale: boolean;
  latestAt?: string | null;
  reason?: string | null;
  /** The earliest moment a stale metric left its window. */
  staleSince?: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Oct": the day as the server's reasons write it (UTC). */
export function evidenceDay(at: string): string {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * The words of the mark, or null when the evidence is not stale: "Evidence
 * stale since" the earliest moment a stale metric left its window, or "No
 * measurements yet" when every stale metric was never measured (the reason,
 * in the tooltip, names them).
 */
export function staleLabel(e: EvidenceLike | null | undefined): string | null {
  if (!e || !e.stale) return null;
  return e.staleSince ? `Evidence stale since ${evidenceDay(e.staleSince)}` : 'No measurements yet';
}

/** The earliest-stale of several commitments' evidence (a requirement's), for one mark. */
export function stalest<T extends EvidenceLike>(es: ReadonlyArray<T | null | undefined>): T | null {
  let out: T | null = null;
  let at = Infinity;
  for (const e of es) {
    if (!e?.stale) continue;
    const since = e.staleSince ? Date.parse(e.staleSince) : -Infinity;
    if (out === null || since < at) {
      out = e;
      at = since;
    }
  }
  return out;
}

/** The mark: an hourglass and the words; the reason, when known, as its tooltip. compact shows one word, the label stays for screen readers. */
export function StaleMark({ evidence, compact = false }: { evidence: EvidenceLike | null | undefined; compact?: boolean }) {
  const label = staleLabel(evidence);
  if (!label) return null;
  return (
    <span class="stale-mark" data-stale="true" title={evidence?.reason ?? label}>
      <span aria-hidden="true">⌛</span>{' '}
      {compact ? (
        <>
          <span aria-hidden="true">Stale</span>
          <span class="visually-hidden">{label}</span>
        </>
      ) : (
        label
      )}
    </span>
  );
}
