// What the service and measurement forms send: their text fields read into
// the API's inputs. Numbers the API types as Int or Float are checked here,
// because a malformed number never reaches the server's validation (GraphQL
// refuses the variables without naming a field); the problem found names the
// field the same way the server would, so the form shows it at the field.
import type { Problem } from '../../shared/api';
import type { Lifecycle } from '../../shared/status';

export interface LevelRow {
  metric: string;
  value: string;
}

export interface ServiceValues {
  id?: string;
  name: string;
  description: string;
  ownerTeam: string;
  lifecycle: Lifecycle;
  monthlyCost: string;
  /** Empty: no set capacity. */
  capacity: string;
  levels: LevelRow[];
}

export const blankService: ServiceValues = {
  name: '',
  description: '',
  ownerTeam: '',
  lifecycle: 'LIVE',
  monthlyCost: '0.00',
  capacity: '',
  levels: [],
};

/** The fields of the service form, as the API names them. */
export const serviceFields = ['name', 'description', 'ownerTeam', 'lifecycle', 'monthlyCost', 'capacity', 'designedLevels'];

export interface ServiceInputShape {
  name: string;
  description: string | null;
  ownerTeam: string | null;
  lifecycle: Lifecycle;
  monthlyCost: string;
  capacity: number | null;
  designedLevels: Array<{ metric: string; value: number }>;
}

type Result<T> = { input: T; problem?: undefined } | { input?: undefined; problem: Problem };

const invalid = (field: string, message: string): { problem: Problem } => ({ problem: { field, message, code: 'BAD_USER_INPUT' } });

/** A decimal number written by a person ("99.95", "-3", "1e3" is refused); null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Reads the service form into the input of createService and updateService (rows stay in order, so the server's "designedLevels.1.metric" names the second row). */
export function serviceInputOf(v: ServiceValues): Result<ServiceInputShape> {
  let capacity: number | null = null;
  const c = v.capacity.trim();
  if (c !== '') {
    if (!/^\d+$/.test(c)) return invalid('capacity', 'Capacity is a whole number of units, or empty for no set capacity.');
    capacity = Number(c);
  }
  const designedLevels: Array<{ metric: string; value: number }> = [];
  for (const [i, row] of v.levels.entries()) {
    if (!row.metric) return invalid(`designedLevels.${i}.metric`, 'Choose a metric, or remove this row.');
    const value = parseNumber(row.value);
    if (value === null) return invalid(`designedLevels.${i}.value`, row.value.trim() ? 'The value must be a number, such as 99.95.' : 'Enter a value.');
    designedLevels.push({ metric: row.metric, value });
  }
  return {
    input: {
      name: v.name,
      description: v.description.trim() ? v.description : null,
      ownerTeam: v.ownerTeam.trim() ? v.ownerTeam : null,
      lifecycle: v.lifecycle,
      monthlyCost: v.monthlyCost.trim() || '0',
      capacity,
      designedLevels,
    },
  };
}

/** The values of the form that changes a service. */
export function serviceValuesOf(s: {
  id: string;
  name: string;
  description?: string | null;
  ownerTeam?: string | null;
  lifecycle: Lifecycle;
  monthlyCost: string;
  capacity?: number | null;
  designedLevels: Array<{ value: number; metric: { key: string } }>;
}): ServiceValues {
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    ownerTeam: s.ownerTeam ?? '',
    lifecycle: s.lifecycle,
    monthlyCost: s.monthlyCost,
    capacity: s.capacity === null || s.capacity === undefined ? '' : String(s.capacity),
    levels: s.designedLevels.map((l) => ({ metric: l.metric.key, value: String(l.value) })),
  };
}

export interface MeasurementValues {
  metric: string;
  value: string;
  /** Dates as an <input type="date"> holds them: "2026-10-01". */
  periodStart: string;
  periodEnd: string;
  source: string;
}

export const measurementFields = ['metric', 'value', 'periodStart', 'periodEnd', 'source'];

export interface MeasurementInputShape {
  serviceId: string;
  metric: string;
  value: number;
  periodStart: string;
  periodEnd: string;
  source: string | null;
}

/** A date of a date field as the API's time: midnight UTC. */
export function dateToTime(date: string): string {
  return `${date}T00:00:00Z`;
}

/** The date of an API time, for a date field: "2026-10-01". */
export function timeToDate(time: string): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The calendar month before the one of now: measurements are usually monthly. */
export function lastMonth(now: Date): { periodStart: string; periodEnd: string } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10) };
}

/** Reads the measurement form into the input of recordMeasurement. The order of the dates is the server's to check. */
export function measurementInputOf(serviceId: string, v: MeasurementValues): Result<MeasurementInputShape> {
  if (!v.metric) return invalid('metric', 'Choose a metric.');
  const value = parseNumber(v.value);
  if (value === null) return invalid('value', v.value.trim() ? 'The value must be a number, such as 99.95.' : 'Enter the measured value.');
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(v.periodStart)) return invalid('periodStart', 'Enter the first day of the period.');
  if (!date.test(v.periodEnd)) return invalid('periodEnd', 'Enter the day the period ends.');
  return {
    input: {
      serviceId,
      metric: v.metric,
      value,
      periodStart: dateToTime(v.periodStart),
      periodEnd: dateToTime(v.periodEnd),
      source: v.source.trim() ? v.source : null,
    },
  };
}
