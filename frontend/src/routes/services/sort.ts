// Sorting the rows of a page of the service catalog: by name, monthly cost
// (exact decimal comparison) or capacity use. Pure, so it can be tested.

export type ServiceSortKey = 'name' | 'cost' | 'capacity';

export interface SortableService {
  id: string;
  name: string;
  /** The API's decimal string, such as "16000.00"; absent for a token limited to a client. */
  monthlyCost?: string;
  capacity?: number | null;
  committedUnits?: number;
}

/** Compares two decimal strings exactly ("9.50" < "10", "-1" < "0"), without floating point. */
export function compareMoney(a: string, b: string): number {
  const pa = parseDecimal(a);
  const pb = parseDecimal(b);
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

function parseDecimal(s: string): { negative: boolean; whole: string; fraction: string } {
  const t = s.trim();
  const negative = t.startsWith('-');
  const [w = '', f = ''] = t.replace(/^[-+]/, '').split('.');
  const whole = w.replace(/^0+/, '');
  const fraction = f.replace(/0+$/, '');
  // Minus zero is zero.
  return { negative: negative && (whole !== '' || fraction !== ''), whole, fraction };
}

function compareMagnitude(a: { whole: string; fraction: string }, b: { whole: string; fraction: string }): number {
  if (a.whole.length !== b.whole.length) return a.whole.length < b.whole.length ? -1 : 1;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const n = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(n, '0');
  const fb = b.fraction.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** The share of its capacity a service has committed (1 = full); null without a set capacity. */
export function capacityUse(s: Pick<SortableService, 'capacity' | 'committedUnits'>): number | null {
  if (s.capacity === null || s.capacity === undefined || s.committedUnits === undefined) return null;
  if (s.capacity === 0) return s.committedUnits > 0 ? Infinity : 0;
  return s.committedUnits / s.capacity;
}

const byName = (a: SortableService, b: SortableService): number =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Sorts rows (a new array). Equal keys fall back to the name, A to Z. By
 * capacity use, services without a set capacity come last in either direction:
 * they have no share to compare.
 */
export function sortServices<T extends SortableService>(rows: readonly T[], key: ServiceSortKey, descending: boolean): T[] {
  const sign = descending ? -1 : 1;
  const out = [...rows];
  out.sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    if (key === 'cost') {
      // Without costs (not shown to a token limited to a client) the order is by name.
      if (a.monthlyCost === undefined || b.monthlyCost === undefined) return byName(a, b);
      return sign * compareMoney(a.monthlyCost, b.monthlyCost) || byName(a, b);
    }
    const ua = capacityUse(a);
    const ub = capacityUse(b);
    if (ua === null || ub === null) return ua === ub ? byName(a, b) : ua === null ? 1 : -1;
    if (ua !== ub) return sign * (ua < ub ? -1 : 1);
    return sign * ((a.committedUnits ?? 0) - (b.committedUnits ?? 0)) || byName(a, b);
  });
  return out;
}

/** The direction a column sorts in when first chosen: names A to Z, figures largest first. */
export function firstDirection(key: ServiceSortKey): boolean {
  return key !== 'name';
}
