// How GraphiQL sends operations to /graphql, with the tab's token or the
// browser's session (its cookie, and the anti-CSRF token asked of
// GET /api/session once).
import type { GraphiQLProps } from 'graphiql';
import { storedToken } from '../../shared/token';
import { csrfToken, CSRF_HEADER, currentSession } from '../../shared/auth';

/** The function GraphiQL calls to run an operation (and the introspection query). */
export type Fetcher = GraphiQLProps['fetcher'];

/** An operation as sent to the GraphQL endpoint. */
export interface OperationBody {
  query: string;
  variables?: unknown;
  operationName?: string | null;
}

/**
 * Returns a fetcher that POSTs each operation as JSON to endpoint.
 *
 * The headers sent are, from weakest to strongest: Accept; Authorization from
 * the stored token, if any, or else the session's X-CSRF-Token; whatever the GraphiQL headers editor holds (so a
 * typed Authorization header replaces the stored token); Content-Type, which is
 * always application/json because the body is JSON.
 */
export function createFetcher(endpoint: string): Fetcher {
  // The answer is GraphQL's JSON, which is what GraphiQL expects back.
  return (params, opts) => postOperation(endpoint, params, opts?.headers) as ReturnType<Fetcher>;
}

/**
 * POSTs one operation as JSON to endpoint, with the headers described at
 * createFetcher (extraHeaders are those of the headers editor), and returns
 * the parsed JSON answer. Throws when the answer is not JSON.
 */
export async function postOperation(endpoint: string, params: OperationBody, extraHeaders?: Record<string, unknown>): Promise<unknown> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = storedToken();
  if (token) {
    headers.set('Authorization', `Bearer ${token}`);
  } else {
    const csrf = csrfToken() ?? (await currentSession().catch(() => null))?.csrfToken;
    if (csrf) headers.set(CSRF_HEADER, csrf);
  }
  for (const [name, value] of Object.entries(extraHeaders ?? {})) {
    if (value === undefined || value === null) {
      continue;
    }
    try {
      headers.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    } catch {
      throw new Error(`The header ${JSON.stringify(name)} from the headers editor is not a valid HTTP header.`);
    }
  }
  headers.set('Content-Type', 'application/json');

  const response = await fetch(endpoint, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify({
      query: params.query,
      variables: params.variables ?? null,
      operationName: params.operationName ?? null,
    }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    const status = `${response.status} ${response.statusText}`.trim();
    const body = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    throw new Error(`${endpoint} answered HTTP ${status} without a JSON body${body ? `: ${body}` : '.'}`);
  }
}
