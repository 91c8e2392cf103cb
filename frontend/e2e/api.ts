// The API as the tests call it directly (fetch from Node, not the browser):
// to make tokens and to check what the browser wrote, or did not write.
import type { Server } from './browser';

/** Runs a GraphQL operation with a token (the admin token by default); throws on any error. */
export async function gql<T>(server: Server, query: string, variables: Record<string, unknown> = {}, token = server.token): Promise<T> {
  const res = await fetch(`${server.baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T; errors?: Array<{ message: string }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`/graphql answered ${res.status} without JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`/graphql answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

/** Makes an API token with the admin token and returns its secret. */
export async function createToken(server: Server, input: { name: string; role: 'VIEWER' | 'EDITOR' | 'ADMIN'; clientId?: string }): Promise<string> {
  const data = await gql<{ createToken: { secret: string } }>(
    server,
    `mutation E2ECreateToken($input: CreateTokenInput!) { createToken(input: $input) { secret } }`,
    { input: input },
  );
  return data.createToken.secret;
}

export interface ClientRow {
  id: string;
  name: string;
  status: string;
}

/** The clients as the API lists them (up to 100), in an order and matching a search. */
export async function listClients(
  server: Server,
  opts: { search?: string; status?: string[]; field?: string; direction?: 'ASC' | 'DESC' } = {},
): Promise<{ totalCount: number; nodes: ClientRow[] }> {
  const data = await gql<{ clients: { totalCount: number; nodes: ClientRow[] } }>(
    server,
    `query E2EClients($filter: ClientFilter, $orderBy: ClientOrder) {
      clients(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { id name status } }
    }`,
    {
      filter: { search: opts.search ?? null, status: opts.status ?? null },
      orderBy: { field: opts.field ?? 'NAME', direction: opts.direction ?? 'ASC' },
    },
  );
  return data.clients;
}
