// The sign-in page: email and password (and "keep me signed in"), single
// sign-on when the server offers it, what to do about a forgotten password,
// and, for automation and admins, an API token kept for this tab only.
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../shared/form';
import { AuthError, requestPasswordReset, signInOptions, signInWithPassword, type SignInOptions } from '../../shared/auth';

/** Why the sign-in page is shown to a tab that was signed in. */
export type SignedOutReason = 'session' | 'token' | 'elsewhere' | 'unreachable';

const reasonText: Record<SignedOutReason, string> = {
  session: 'Your session ended: you signed out elsewhere, an admin ended it, or it expired. Sign in again.',
  token: 'Your session ended: the token is no longer accepted. Sign in again.',
  elsewhere: 'You signed out in another tab of this browser.',
  unreachable: 'The server does not answer. Check your connection and reload the page.',
};

export function SignIn({ reason, onSignedIn, onToken }: { reason?: SignedOutReason; onSignedIn: () => void; onToken: (token: string) => void }) {
  const [options, setOptions] = useState<SignInOptions>({});
  useEffect(() => {
    document.title = 'Alliance';
    void signInOptions().then(setOptions);
  }, []);
  const next = window.location.pathname + window.location.search;
  return (
    <main class="signin" id="main">
      <div class="card signin-card-frame">
        <PasswordForm reason={reason} onSignedIn={onSignedIn} options={options} />
        {options.sso && (
          <p class="signin-sso">
            <a class="button" href={`${options.sso.url}?next=${encodeURIComponent(next)}`}>
              Sign in with {options.sso.name}
            </a>
          </p>
        )}
        <ForgotPassword byMail={!!options.passwordResetByMail} />
        <details class="signin-token">
          <summary>Sign in with an API token</summary>
          <TokenForm onToken={onToken} />
        </details>
      </div>
    </main>
  );
}

function PasswordForm({ reason, onSignedIn }: { reason?: SignedOutReason; onSignedIn: () => void; options: SignInOptions }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [keep, setKeep] = useState(false);
  const [problem, setProblem] = useState<AuthError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signInWithPassword(email.trim(), password, keep);
      onSignedIn();
    } catch (err) {
      setProblem(err instanceof AuthError ? err : new AuthError(String(err), 0));
    } finally {
      setBusy(false);
    }
  }
  const at = (f: string) => (problem?.field === f ? problem.message : undefined);
  const general = problem && problem.field !== 'email' && problem.field !== 'password' ? problem.message : undefined;
  return (
    <form class="signin-card" onSubmit={submit} aria-label="Sign in">
      <h1>
        <span aria-hidden="true" class="brand-mark">
          ◈
        </span>{' '}
        Alliance
      </h1>
      <p>Sign in to see your clients' requirement maps.</p>
      {reason && (
        <p class="form-error" role="alert">
          {reasonText[reason]}
        </p>
      )}
      <TextField label="Email" type="email" value={email} onValue={setEmail} error={at('email')} autocomplete="username" required />
      <TextField label="Password" type="password" value={password} onValue={setPassword} error={at('password')} autocomplete="current-password" required />
      <label class="checkbox">
        <input type="checkbox" checked={keep} onChange={(e) => setKeep((e.target as HTMLInputElement).checked)} /> Keep me signed in (30 days, also after
        closing the browser)
      </label>
      {general && (
        <p class="form-error" role="alert">
          {general}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function ForgotPassword({ byMail }: { byMail: boolean }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  async function submit(e: Event) {
    e.preventDefault();
    setProblem(undefined);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  }
  return (
    <details class="signin-forgot">
      <summary>Forgot password?</summary>
      {!byMail ? (
        <p>Ask an admin of Alliance for a password reset link: they make one on the Users page (or with `alliance user reset EMAIL`) and hand it to you.</p>
      ) : sent ? (
        <p role="status">If an account has the email {email.trim()}, a link to set a new password was mailed to it. It is valid for 24 hours.</p>
      ) : (
        <form onSubmit={submit} aria-label="Mail me a reset link">
          <TextField label="Your email" type="email" value={email} onValue={setEmail} error={problem} required />
          <button type="submit" class="button">
            Mail me a reset link
          </button>
        </form>
      )}
    </details>
  );
}

/** Signing in with an API token, as before accounts: kept for this browser tab only. */
function TokenForm({ onToken }: { onToken: (token: string) => void }) {
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
        onToken(t);
      }
    } catch {
      setError('The server does not answer. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="signin-token-form" onSubmit={submit} aria-label="Token sign-in">
      <TextField label="API token" type="password" value={token} onValue={setToken} error={error} autocomplete="off"
        hint="It starts with alz_. An admin makes one with `alliance token create`; the server prints a sign-in link on its first start." />
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Checking…' : 'Sign in with the token'}
      </button>
      <p class="muted small">The token stays in this browser tab only and is forgotten when you close it.</p>
    </form>
  );
}
