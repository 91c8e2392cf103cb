// The pages of the one-time links: /setup#code=… (the first admin of a fresh
// database), /invitation#code=… (an invited person sets their name and
// password) and /password-reset#code=… (a new password). Each shows the
// server's errors at their field and, done, the person is signed in.
import { useState } from 'preact/hooks';
import { TextField } from '../../shared/form';
import { AuthError, codeFromURL, completeLink, type LinkKind } from '../../shared/auth';

const pages: Record<LinkKind, { title: string; intro: string; submit: string; fields: Array<'email' | 'name' | 'password'> }> = {
  setup: {
    title: 'Make the admin account',
    intro: 'Alliance has no account yet. Make yours: you will be its admin, and invite the others from the Users page.',
    submit: 'Make the account and sign in',
    fields: ['email', 'name', 'password'],
  },
  invitation: {
    title: 'Accept your invitation',
    intro: 'Choose the name others see and a password, and you are in.',
    submit: 'Accept and sign in',
    fields: ['name', 'password'],
  },
  'password-reset': {
    title: 'Choose a new password',
    intro: 'Your other sessions end when the new password is set.',
    submit: 'Set the password and sign in',
    fields: ['password'],
  },
};

export function LinkPage({ kind, onSignedIn }: { kind: LinkKind; onSignedIn: () => void }) {
  const page = pages[kind];
  document.title = `${page.title} · Alliance`;
  const [code] = useState(codeFromURL);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [keep, setKeep] = useState(false);
  const [problem, setProblem] = useState<AuthError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (password !== repeat) {
      setProblem(new AuthError('The two passwords differ.', 0, 'repeat'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const body: Record<string, unknown> = { code, password, keepSignedIn: keep };
    if (page.fields.includes('email')) body.email = email.trim();
    if (page.fields.includes('name') && (kind === 'setup' || name.trim())) body.name = name.trim();
    try {
      await completeLink(kind, body);
      onSignedIn();
    } catch (err) {
      setProblem(err instanceof AuthError ? err : new AuthError(String(err), 0));
    } finally {
      setBusy(false);
    }
  }
  const at = (f: string) => (problem?.field === f ? problem.message : undefined);
  const known = ['email', 'name', 'password', 'repeat'];
  const general = problem && !known.includes(problem.field ?? '') ? problem.message : undefined;
  return (
    <main class="signin" id="main">
      <form class="card signin-card" data-view={kind} onSubmit={submit}>
        <h1>
          <span aria-hidden="true" class="brand-mark">
            ◈
          </span>{' '}
          {page.title}
        </h1>
        <p>{page.intro}</p>
        {!code ? (
          <p class="form-error" role="alert">
            This address lacks its code: open the whole link you were given (it ends with #code=…).
          </p>
        ) : (
          <>
            {page.fields.includes('email') && (
              <TextField label="Email" type="email" value={email} onValue={setEmail} error={at('email')} autocomplete="username" required />
            )}
            {page.fields.includes('name') && (
              <TextField label="Your name" value={name} onValue={setName} error={at('name')} autocomplete="name" required={kind === 'setup'}
                hint={kind === 'invitation' ? 'Leave it empty to keep the name the admin gave.' : undefined} />
            )}
            <TextField label="Password" type="password" value={password} onValue={setPassword} error={at('password')} autocomplete="new-password" required
              hint="At least 12 characters; three or four unrelated words work well." />
            <TextField label="Password again" type="password" value={repeat} onValue={setRepeat} error={at('repeat')} autocomplete="new-password" required />
            <label class="checkbox">
              <input type="checkbox" checked={keep} onChange={(e) => setKeep((e.target as HTMLInputElement).checked)} /> Keep me signed in
            </label>
            {general && (
              <p class="form-error" role="alert">
                {general}
              </p>
            )}
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? 'Saving…' : page.submit}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
