// The API token of this browser tab: where it is kept, and the sign-in link
// (#token=) that brings it, on the app's pages and in GraphiQL.

/** Where the browser keeps the API token for this tab's session. */
export const TOKEN_KEY = 'alliance.token';

/** Returns the token stored for this browser tab, or null when there is none. */
export function storedToken(): string | null {
  try {
    const token = window.sessionStorage.getItem(TOKEN_KEY)?.trim();
    return token ? token : null;
  } catch {
    // Storage can be disabled by the browser; then there is simply no token.
    return null;
  }
}

/**
 * Accepts the sign-in URL form `#token=<secret>` (printed by the server on its
 * first start): keeps the token for the session and removes it from the
 * address bar, so that it is neither bookmarked nor shared by accident.
 * The fragment is never sent to the server. Returns whether a token came in.
 */
export function acceptTokenFromURL(): boolean {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) {
    return false;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(history.state, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
  return true;
}
