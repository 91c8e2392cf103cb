// Formatting of amounts, scores, levels and times, the same everywhere.

/** Writes an amount given as the API's decimal string with thousands separators: "1,240,000.00". */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}.${(fraction + '00').slice(0, 2)}`;
}

/** Whether an amount is below zero (a negative margin). */
export function isNegative(amount: string | null | undefined): boolean {
  return !!amount && amount.startsWith('-') && /[1-9]/.test(amount);
}

/** Writes a score (0 to 100, one decimal) or a dash when there is none. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** Writes a number without needless decimals: 168, 99.95. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(Number(value.toFixed(6)));
}

/** Writes a level: "168 hours/week", "99.9%". */
export function formatLevel(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const n = formatNumber(value);
  return unit === 'percent' ? `${n}%` : `${n} ${unit}`;
}

/** Says, in plain words, what a shortfall is. */
export function describeShortfall(s: {
  required: number;
  designed?: number | null;
  measured?: number | null;
  unit: string;
  metricName: string;
  serviceName: string;
}): string {
  const promised = `promised ${formatLevel(s.required, s.unit)} of ${s.metricName.toLowerCase()}`;
  const designed =
    s.designed === null || s.designed === undefined
      ? `${s.serviceName} is not designed for it`
      : `${s.serviceName} is designed for ${formatNumber(s.designed)}`;
  const measured = s.measured === null || s.measured === undefined ? '' : `, measured ${formatNumber(s.measured)}`;
  return `${promised}; ${designed}${measured}`;
}

/** Writes a date of an RFC 3339 time: "1 Oct 2026". */
export function formatDate(time: string | null | undefined): string {
  if (!time) return '—';
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Writes a moment of an RFC 3339 time: "1 Oct 2026, 14:05 UTC". */
export function formatTime(time: string | null | undefined): string {
  if (!time) return '—';
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return '—';
  const hm = d.toISOString().slice(11, 16);
  return `${formatDate(time)}, ${hm} UTC`;
}

/** Pluralises an English noun after a count: "1 gap", "3 gaps". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
