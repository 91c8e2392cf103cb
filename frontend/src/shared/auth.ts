// Signing in as a person: the session endpoints of the server (/api/session,
// the one-time links, the sign-in options), the session's anti-CSRF token
// that every request that may change something sends, and the news of a
// sign-in or sign-out passed between the tabs of the browser.
import type { Role } from '../gql/graphql';

/** The signed-in user, as the session endpoints answer. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
}

/** What the session endpoints answer about a signed-in browser. */
export interface SignedIn {
  user: SessionUser;
  csrfToken: string;
}

/** A refusal of a session endpoint: its message and the field at fault. */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The header that carries the session's anti-CSRF token. */
export const CSRF_HEADER = 'X-CSRF-Token';

let csrf: string | null = null;

/** The anti-CSRF token of this page's session, once known. */
export function csrfToken(): string | null {
  return csrf;
}

/** Remembers (or forgets) the anti-CSRF token of this page's session. */
export function setCsrfToken(token: string | null): void {
  csrf = token;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers[CSRF_HEADER] = csrf;
  try {
    return await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new AuthError('The server does not answer. Check your connection and try again.', 0);
  }
}

/** Reads a session answer: the signed-in user, or the refusal as an AuthError. */
async function signedIn(res: Response): Promise<SignedIn> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AuthError(`The server answered ${res.status}. Try again.`, res.status);
  }
  if (!res.ok) {
    const e = (body as { errors?: Array<{ message?: string; extensions?: { field?: string; code?: string } }> }).errors?.[0];
    throw new AuthError(e?.message ?? `The server answered ${res.status}.`, res.status, e?.extensions?.field, e?.extensions?.code);
  }
  const a = body as SignedIn;
  setCsrfToken(a.csrfToken);
  return a;
}

/** Who this browser is signed in as (GET /api/session), or null. */
export async function currentSession(): Promise<SignedIn | null> {
  const res = await send('GET', '/api/session');
  if (res.status === 401) {
    setCsrfToken(null);
    return null;
  }
  return signedIn(res);
}

/** Signs in with an email and password (POST /api/session). */
export async function signInWithPassword(email: string, password: string, keepSignedIn: boolean): Promise<SignedIn> {
  return signedIn(await send('POST', '/api/session', { email, password, keepSignedIn }));
}

/** Signs out (DELETE /api/session): the session ends on every server. */
export async function signOutSession(): Promise<void> {
  await send('DELETE', '/api/session').catch(() => undefined);
  setCsrfToken(null);
}

/** The one-time links: what each page posts its form to. */
export type LinkKind = 'setup' | 'invitation' | 'password-reset';

/** Completes a one-time link with its form (POST /api/setup, /api/invitation or /api/password-reset); signed in. */
export async function completeLink(kind: LinkKind, body: Record<string, unknown>): Promise<SignedIn> {
  return signedIn(await send('POST', `/api/${kind}`, body));
}

/** How else the sign-in page offers to sign in, and whether a reset link can be mailed. */
export interface SignInOptions {
  sso?: { name: string; url: string } | null;
  passwordResetByMail?: boolean;
}

/** GET /api/sign-in-options; a server without them (404) offers nothing more. */
export async function signInOptions(): Promise<SignInOptions> {
  try {
    const res = await fetch('/api/sign-in-options', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return {};
    return (await res.json()) as SignInOptions;
  } catch {
    return {};
  }
}

/** Asks for a password reset link by mail (POST /api/password-reset/request). */
export async function requestPasswordReset(email: string): Promise<void> {
  const res = await send('POST', '/api/password-reset/request', { email });
  if (!res.ok) await signedIn(res);
}

/** The news one tab gives the others. */
export type SessionNews = 'signed-in' | 'signed-out';

const CHANNEL = 'alliance.session';

/** Tells the other tabs of this browser that the session began or ended. */
export function tellOtherTabs(news: SessionNews): void {
  try {
    const c = new BroadcastChannel(CHANNEL);
    c.postMessage(news);
    c.close();
  } catch {
    // Without BroadcastChannel the other tabs notice at their next request.
  }
}

/** Calls onNews when another tab signs in or out; returns the unsubscribe. */
export function listenToOtherTabs(onNews: (news: SessionNews) => void): () => void {
  try {
    const c = new BroadcastChannel(CHANNEL);
    c.onmessage = (e: MessageEvent) => {
      if (e.data === 'signed-in' || e.data === 'signed-out') onNews(e.data);
    };
    return () => c.close();
  } catch {
    return () => undefined;
  }
}

/**
 * Reads the #code= of a one-time link's address. It stays in the address
 * bar, so that reloading the page keeps working; it works once anyway.
 */
export function codeFromURL(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('code');
}
