// The GraphQL client of the app: every request carries the tab's API token
// or, signed in as a person, the session cookie and its anti-CSRF token; a
// 401 ends the session. Errors are read as the API writes them: a code and,
// for bad input, the field at fault.
import { Client, CombinedError, fetchExchange, makeOperation, mapExchange, type Operation } from '@urql/core';
import { storedToken } from './token';
import { csrfToken, CSRF_HEADER } from './auth';

/**
 * Variables that follow from who is signed in rather than from a view:
 * `internal` is false for a token limited to one client, and every query
 * that selects one of the provider's own fields guards it with
 * `@include(if: $internal)`, so such a token never asks for it.
 */
export interface SessionVariables {
  internal: boolean;
}

/**
 * Creates the client. onUnauthenticated runs when the server refuses the
 * token. With session, every operation that declares one of its variables
 * is sent with the session's value, whatever the view passed.
 */
export function createClient(onUnauthenticated: () => void, session?: SessionVariables): Client {
  const withSession = session ? [mapExchange({ onOperation: (op) => withSessionVariables(op, session) })] : [];
  return new Client({
    url: '/graphql',
    exchanges: [...withSession, fetchExchange],
    // Every view asks afresh: the map must show what the last change did.
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const token = storedToken();
      const csrf = csrfToken();
      const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : csrf ? { [CSRF_HEADER]: csrf } : {};
      return { headers, credentials: 'same-origin' };
    },
    fetch: async (input, init) => {
      const response = await retryingWhenBusy((i, o) => fetch(i, o))(input, init);
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
}

/** The operation with the session's values of the variables its document declares (the same operation when it declares none). */
export function withSessionVariables(op: Operation, session: SessionVariables): Operation {
  const declared = new Set(
    op.query.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value) : [])),
  );
  const set = Object.entries(session).filter(([k]) => declared.has(k));
  if (set.length === 0) return op;
  return makeOperation(op.kind, { ...op, variables: { ...(op.variables as Record<string, unknown>), ...Object.fromEntries(set) } }, op.context);
}

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Wraps fetch so that an answer 429 (the token has as many operations
 * running as it may, or spent its rate) is asked again after the
 * Retry-After the server gives, up to `attempts` times, when that wait is
 * short; a longer wait, or the last 429, is the answer.
 */
export function retryingWhenBusy(
  fetchFn: Fetch,
  { attempts = 3, longestWaitSeconds = 5, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = {},
): Fetch {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetchFn(input, init);
      if (response.status !== 429 || attempt >= attempts) return response;
      const wait = Number(response.headers.get('Retry-After') ?? '1');
      if (!Number.isFinite(wait) || wait < 0 || wait > longestWaitSeconds) return response;
      await sleep(Math.max(wait, 0.1) * 1000);
    }
  };
}

/** A problem the API reported, as the user should read it. */
export interface Problem {
  message: string;
  code?: string;
  /** The input field at fault ("coveragePercent", "targets.0.metric"). */
  field?: string;
}

/** Reads the first problem of an urql error. */
export function problemOf(error: CombinedError | undefined | null): Problem | null {
  if (!error) return null;
  const e = error.graphQLErrors[0];
  if (e) {
    const ext = e.extensions as { code?: unknown; field?: unknown };
    return {
      message: e.message,
      code: typeof ext.code === 'string' ? ext.code : undefined,
      field: typeof ext.field === 'string' ? ext.field : variableField(e.path),
    };
  }
  if (error.networkError) {
    return { message: 'The server does not answer. Check your connection and try again.' };
  }
  return { message: error.message };
}

/**
 * The input field a variable-validation error is about: GraphQL reports a
 * value of the wrong type (text for a number) with the path
 * ["variable", "input", "capacity"], and no field of its own.
 */
export function variableField(path: ReadonlyArray<string | number> | undefined): string | undefined {
  if (!path || path[0] !== 'variable' || path.length < 3) return undefined;
  return path.slice(2).join('.');
}
