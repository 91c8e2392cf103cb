import { afterEach, describe, expect, it, vi } from 'vitest';
import { postOperation } from './fetcher';
import { setCsrfToken } from '../../shared/auth';

/** A fetch that answers GET /api/session as a signed-in browser, and records what /graphql is sent. */
function signedInBrowser(csrf: string | null) {
  const sent: Array<{ url: string; headers: Headers }> = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    sent.push({ url, headers: new Headers(init?.headers) });
    if (url === '/api/session') {
      return csrf ? new Response(JSON.stringify({ user: { id: '1' }, csrfToken: csrf }), { status: 200 }) : new Response('{"errors":[]}', { status: 401 });
    }
    return new Response('{"data":{"me":{"name":"Ada"}}}', { status: 200 });
  });
  vi.stubGlobal('fetch', fetchFn);
  return sent;
}

describe('GraphiQL signed in by the session cookie', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('asks GET /api/session once and sends its anti-CSRF token with every operation', async () => {
    const sent = signedInBrowser('csrf-of-the-session');
    await postOperation('/graphql', { query: '{ me { name } }' });
    await postOperation('/graphql', { query: '{ me { name } }' });
    expect(sent.map((s) => s.url)).toEqual(['/api/session', '/graphql', '/graphql']);
    for (const s of sent.filter((s) => s.url === '/graphql')) {
      expect(s.headers.get('X-CSRF-Token')).toBe('csrf-of-the-session');
      expect(s.headers.get('Authorization')).toBeNull();
    }
  });

  it('sends no anti-CSRF token when the browser is not signed in', async () => {
    const sent = signedInBrowser(null);
    await postOperation('/graphql', { query: '{ me { name } }' });
    expect(sent.at(-1)?.headers.get('X-CSRF-Token')).toBeNull();
  });
});
