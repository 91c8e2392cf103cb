/** Where the browser keeps the API token for this tab's session. */
export const TOKEN_KEY = 'alliance.token';

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
