// Signing in with an API token. The token is kept for this browser tab only.
import { useState } from 'preact/hooks';
import { TextField } from '../../shared/form';

export function SignIn({ ended, onSignIn }: { ended: boolean; onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const t = token.trim();
    if (!t) {
      setError('Paste your API token.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
        body: JSON.stringify({ query: '{ me { name } }' }),
      });
      if (res.status === 401) {
        setError('This token is unknown, revoked or expired.');
      } else if (!res.ok) {
        setError(`The server answered ${res.status}. Try again.`);
      } else {
        onSignIn(t);
      }
    } catch {
      setError('The server does not answer. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="signin" id="main">
      <form class="card signin-card" onSubmit={submit}>
        <h1>
          <span aria-hidden="true" class="brand-mark">
            ◈
          </span>{' '}
          Alliance
        </h1>
        <p>Sign in with an API token to see your clients' requirement maps.</p>
        {ended && (
          <p class="form-error" role="alert">
            Your session ended: the token is no longer accepted. Sign in again.
          </p>
        )}
        <TextField label="API token" type="password" value={token} onValue={setToken} error={error} autocomplete="off"
          hint="It starts with alz_. An admin makes one with `alliance token create`; the server prints a sign-in link on its first start." />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p class="muted small">The token stays in this browser tab only and is forgotten when you close it.</p>
      </form>
    </main>
  );
}
