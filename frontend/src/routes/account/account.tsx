// The account page (/account; /signin for a tab signed in by a token): who is
// signed in, with what role; for a person also their password, their
// sessions (ending any) and their personal tokens.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { problemOf, type Problem } from '../../shared/api';
import { fieldError, formError, SelectField, TextField } from '../../shared/form';
import { formatTime } from '../../shared/format';
import { useSession } from '../../shared/session';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import { CopyButton } from '../../shared/urls';
import type { Route } from '../../shared/router';

/** What each role may do, in words. */
export const roleText: Record<Role, string> = {
  VIEWER: 'Viewer: reads',
  EDITOR: 'Editor: reads and changes the map',
  ADMIN: 'Admin: also manages people, tokens and reports',
  INGEST: 'Ingest: records measurements, nothing else (for a monitoring job)',
};

const AccountSessions = graphql(`
  query AccountSessions {
    mySessions {
      id
      browser
      address
      createdAt
      lastSeenAt
      expiresAt
      keepSignedIn
      current
    }
  }
`);

const AccountEndSession = graphql(`
  mutation AccountEndSession($id: String!) {
    endSession(id: $id)
  }
`);

const AccountChangePassword = graphql(`
  mutation AccountChangePassword($current: String!, $new: String!) {
    changePassword(current: $current, new: $new) {
      id
    }
  }
`);

const AccountTokens = graphql(`
  query AccountTokens {
    myTokens {
      id
      name
      role
      createdAt
      expiresAt
      active
      client {
        name
      }
    }
  }
`);

const AccountCreateToken = graphql(`
  mutation AccountCreateToken($input: CreateTokenInput!) {
    createMyToken(input: $input) {
      secret
      token {
        id
        name
      }
    }
  }
`);

const AccountRevokeToken = graphql(`
  mutation AccountRevokeToken($id: ID!) {
    revokeMyToken(id: $id) {
      id
      active
    }
  }
`);

export default function Account({ route }: { route: Route }) {
  const s = useSession();
  document.title = 'Your account · Alliance';
  return (
    <section class="page" data-view={route.name}>
      <PageHeader title={s.user ? 'Your account' : 'Your session'} />
      <dl class="facts">
        <dt>{s.user ? 'Name' : 'Token'}</dt>
        <dd>{s.name}</dd>
        {s.user && (
          <>
            <dt>Email</dt>
            <dd>{s.user.email}</dd>
          </>
        )}
        <dt>Role</dt>
        <dd>{roleText[s.role]}</dd>
        <dt>Scope</dt>
        <dd>{s.client ? `Only ${s.client.name}, without the provider's costs, margins and capacity` : 'Every client'}</dd>
      </dl>
      <button type="button" class="button" onClick={s.signOut}>
        Sign out
      </button>
      {s.user && (
        <>
          <ChangePassword />
          <Sessions />
          <Tokens />
        </>
      )}
    </section>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [state, change] = useMutation(AccountChangePassword);
  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    const res = await change({ current, new: next });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p) {
      setCurrent('');
      setNext('');
      setDone(true);
    }
  }
  return (
    <section class="people-section" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form class="people-form" onSubmit={submit}>
        <TextField label="Current password" type="password" value={current} onValue={setCurrent} error={fieldError(problem, 'current')} autocomplete="current-password" required />
        <TextField label="New password" type="password" value={next} onValue={setNext} error={fieldError(problem, 'new')} autocomplete="new-password" required
          hint="At least 12 characters. Your other sessions end; this one stays." />
        {formError(problem, ['current', 'new']) && (
          <p class="form-error" role="alert">
            {formError(problem, ['current', 'new'])}
          </p>
        )}
        {done && <p role="status">Your password is changed; your other sessions ended.</p>}
        <div>
          <button type="submit" class="button primary" disabled={state.fetching}>
            {state.fetching ? 'Saving…' : 'Change the password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Sessions() {
  const [list, reload] = useQuery({ query: AccountSessions });
  const [, end] = useMutation(AccountEndSession);
  const [problem, setProblem] = useState<Problem | null>(null);
  const sessions = list.data?.mySessions;
  return (
    <section class="people-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {list.error && <ErrorBox error={list.error} retry={() => reload()} />}
      {!sessions && !list.error && <Loading what="Loading your sessions" />}
      {problem && (
        <p class="form-error" role="alert">
          {problem.message}
        </p>
      )}
      {sessions && (
        <table class="people-table" data-list="sessions">
          <thead>
            <tr>
              <th>Browser</th>
              <th>Address</th>
              <th>Signed in</th>
              <th>Last seen</th>
              <th>Ends</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((x) => (
              <tr key={x.id}>
                <td>
                  {x.browser}
                  {x.current && <strong> (this one)</strong>}
                </td>
                <td>{x.address ?? '—'}</td>
                <td>{formatTime(x.createdAt)}</td>
                <td>{formatTime(x.lastSeenAt)}</td>
                <td>
                  {formatTime(x.expiresAt)}
                  {x.keepSignedIn ? ' (kept signed in)' : ''}
                </td>
                <td>
                  {!x.current && (
                    <button
                      type="button"
                      class="button small"
                      onClick={async () => {
                        const res = await end({ id: x.id });
                        setProblem(problemOf(res.error));
                        reload();
                      }}
                    >
                      End
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const roleOrder: Role[] = ['VIEWER', 'EDITOR', 'ADMIN'];

function Tokens() {
  const s = useSession();
  const [list, reload] = useQuery({ query: AccountTokens });
  const [state, create] = useMutation(AccountCreateToken);
  const [, revoke] = useMutation(AccountRevokeToken);
  // An editor or admin who sees every client may also make a token that
  // only records measurements (INGEST is for tokens, never for people).
  const ingest: Role[] = s.role !== 'VIEWER' && !s.client ? ['INGEST'] : [];
  const roles: Role[] = [...roleOrder.slice(0, roleOrder.indexOf(s.role) + 1), ...ingest];
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [expiresIn, setExpiresIn] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const res = await create({ input: { name: name.trim(), role, expiresIn: expiresIn.trim() || null } });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p && res.data) {
      setMade({ name: res.data.createMyToken.token.name, secret: res.data.createMyToken.secret });
      setName('');
      reload();
    }
  }
  const tokens = list.data?.myTokens;
  return (
    <section class="people-section" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Your API tokens</h2>
      <p class="muted">
        For scripts, reports and dashboards: a token may do what you may, at most, {s.client ? `sees ${s.client.name} only, ` : ''}and stops working while your
        account is disabled.
      </p>
      {list.error && <ErrorBox error={list.error} retry={() => reload()} />}
      {tokens && tokens.length === 0 && <Empty>You have no token.</Empty>}
      {tokens && tokens.length > 0 && (
        <table class="people-table" data-list="tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Made</th>
              <th>Expires</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  {t.role.toLowerCase()}
                  {t.client ? ` · ${t.client.name}` : ''}
                </td>
                <td>{formatTime(t.createdAt)}</td>
                <td>{t.expiresAt ? formatTime(t.expiresAt) : 'never'}</td>
                <td>{t.active ? 'active' : 'revoked or expired'}</td>
                <td>
                  {t.active && (
                    <button
                      type="button"
                      class="button small"
                      aria-label={`Revoke ${t.name}`}
                      onClick={async () => {
                        const res = await revoke({ id: t.id });
                        setProblem(problemOf(res.error));
                        reload();
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {made && (
        <div class="card secret-once" role="status">
          <span>
            The secret of <strong>{made.name}</strong>, shown once: <code data-secret>{made.secret}</code>
          </span>
          <CopyButton text={made.secret} what="token secret" />
        </div>
      )}
      <form class="people-form" onSubmit={submit} aria-label="New token">
        <h3>New token</h3>
        <TextField label="Token name" value={name} onValue={setName} error={fieldError(problem, 'name')} required />
        <SelectField label="Role" value={role} options={roles.map((r) => ({ value: r, label: roleText[r] }))} onValue={setRole} error={fieldError(problem, 'role')} />
        <TextField label="Expires in" value={expiresIn} onValue={setExpiresIn} error={fieldError(problem, 'expiresIn')} hint='A duration such as "720h" (30 days); empty: never.' />
        {formError(problem, ['name', 'role', 'expiresIn']) && (
          <p class="form-error" role="alert">
            {formError(problem, ['name', 'role', 'expiresIn'])}
          </p>
        )}
        <div>
          <button type="submit" class="button primary" disabled={state.fetching}>
            Make the token
          </button>
        </div>
      </form>
    </section>
  );
}
