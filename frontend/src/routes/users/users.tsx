// The users page (/users, admins): every person with their role, client,
// state and last sign-in; inviting one (the link to hand them, with a copy
// button), changing a role or client, disabling and enabling, and password
// reset links. The server's field errors show at their field.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import type { Role, UsersListQuery } from '../../gql/graphql';
import { problemOf, type Problem } from '../../shared/api';
import { Dialog } from '../../shared/dialog';
import { fieldError, formError, FormFooter, SelectField, TextField } from '../../shared/form';
import { formatTime } from '../../shared/format';
import { ClientPicker } from '../../shared/pickers';
import { useSession } from '../../shared/session';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import { CopyButton } from '../../shared/urls';
import { roleText } from '../account/account';

const UsersList = graphql(`
  query UsersList($internal: Boolean! = true) {
    users @include(if: $internal) {
      id
      email
      name
      role
      state
      lastSignInAt
      client {
        id
        name
      }
    }
  }
`);

const UsersInvite = graphql(`
  mutation UsersInvite($input: InviteUserInput!) {
    inviteUser(input: $input) {
      url
      expiresAt
      purpose
      user {
        id
        email
      }
    }
  }
`);

const UsersUpdate = graphql(`
  mutation UsersUpdate($id: ID!, $input: UserPatch!) {
    updateUser(id: $id, input: $input) {
      id
      role
      client {
        id
        name
      }
    }
  }
`);

const UsersDisable = graphql(`
  mutation UsersDisable($id: ID!) {
    disableUser(id: $id) {
      id
      state
    }
  }
`);

const UsersEnable = graphql(`
  mutation UsersEnable($id: ID!) {
    enableUser(id: $id) {
      id
      state
    }
  }
`);

const UsersReset = graphql(`
  mutation UsersReset($id: ID!) {
    resetPassword(id: $id) {
      url
      expiresAt
      purpose
      user {
        id
        email
      }
    }
  }
`);

type User = NonNullable<UsersListQuery['users']>[number];

/** A one-time link just made, to copy and hand over. */
interface MadeLink {
  url: string;
  expiresAt: string;
  purpose: string;
  email: string;
}

const roles: Role[] = ['VIEWER', 'EDITOR', 'ADMIN'];
const roleOptions = roles.map((r) => ({ value: r, label: roleText[r] }));

export default function Users() {
  const s = useSession();
  document.title = 'Users · Alliance';
  const [list, reload] = useQuery({ query: UsersList, pause: !s.isAdmin });
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [link, setLink] = useState<MadeLink | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [, disable] = useMutation(UsersDisable);
  const [, enable] = useMutation(UsersEnable);
  const [, reset] = useMutation(UsersReset);
  if (!s.isAdmin) {
    return (
      <section class="page" data-view="users">
        <PageHeader title="Users" />
        <p>Only admins manage people.</p>
      </section>
    );
  }
  const users = list.data?.users;
  return (
    <section class="page" data-view="users">
      <PageHeader
        title="Users"
        subtitle="People who sign in with an email and password"
        actions={
          <button type="button" class="button primary" onClick={() => setInviting(true)}>
            Invite a person
          </button>
        }
      />
      {link && <LinkShown link={link} />}
      {problem && (
        <p class="form-error" role="alert">
          {problem.message}
        </p>
      )}
      {list.error && <ErrorBox error={list.error} retry={() => reload()} />}
      {!users && !list.error && <Loading what="Loading the users" />}
      {users && users.length === 0 && <Empty>Nobody has an account yet: invite the first person.</Empty>}
      {users && users.length > 0 && (
        <table class="people-table" data-list="users">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Client</th>
              <th>State</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.email}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.role.toLowerCase()}</td>
                <td>{u.client?.name ?? 'every client'}</td>
                <td>{u.state.toLowerCase()}</td>
                <td>{u.lastSignInAt ? formatTime(u.lastSignInAt) : 'never'}</td>
                <td>
                  <div class="people-actions">
                    <button type="button" class="button small" aria-label={`Change ${u.name}`} onClick={() => setEditing(u)}>
                      Change
                    </button>
                    {u.state === 'DISABLED' ? (
                      <button
                        type="button"
                        class="button small"
                        aria-label={`Enable ${u.name}`}
                        onClick={async () => {
                          setProblem(problemOf((await enable({ id: u.id })).error));
                          reload();
                        }}
                      >
                        Enable
                      </button>
                    ) : (
                      <>
                        <button
                          type="button"
                          class="button small"
                          aria-label={`Reset the password of ${u.name}`}
                          onClick={async () => {
                            const res = await reset({ id: u.id });
                            const p = problemOf(res.error);
                            setProblem(p);
                            const l = res.data?.resetPassword;
                            if (l) setLink({ url: l.url, expiresAt: l.expiresAt, purpose: l.purpose, email: l.user.email });
                          }}
                        >
                          {u.state === 'INVITED' ? 'New invitation link' : 'Reset password'}
                        </button>
                        <button
                          type="button"
                          class="button small danger"
                          aria-label={`Disable ${u.name}`}
                          onClick={async () => {
                            setProblem(problemOf((await disable({ id: u.id })).error));
                            reload();
                          }}
                        >
                          Disable
                        </button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(l) => {
          setInviting(false);
          setLink(l);
          reload();
        }}
      />
      {editing && (
        <ChangeDialog
          user={editing}
          onClose={() => setEditing(null)}
          onChanged={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </section>
  );
}

function LinkShown({ link }: { link: MadeLink }) {
  return (
    <div class="card secret-once" role="status" data-link={link.purpose}>
      <span>
        {link.purpose === 'INVITATION' ? 'Invitation' : 'Password reset'} link for {link.email}, valid until {formatTime(link.expiresAt)} and shown once: hand it to
        them. <code data-url>{link.url}</code>
      </span>
      <CopyButton text={link.url} what="link" />
    </div>
  );
}

function InviteDialog({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: (l: MadeLink) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [client, setClient] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [state, invite] = useMutation(UsersInvite);
  async function submit(e: Event) {
    e.preventDefault();
    const res = await invite({ input: { email: email.trim(), name: name.trim(), role, clientId: client ?? null } });
    const p = problemOf(res.error);
    setProblem(p);
    const l = res.data?.inviteUser;
    if (!p && l) {
      setEmail('');
      setName('');
      setClient(undefined);
      onInvited({ url: l.url, expiresAt: l.expiresAt, purpose: l.purpose, email: l.user.email });
    }
  }
  const fields = ['email', 'name', 'role', 'clientId'];
  return (
    <Dialog title="Invite a person" open={open} onClose={onClose}>
      <form onSubmit={submit}>
        <div class="dialog-body">
          <TextField label="Email" type="email" value={email} onValue={setEmail} error={fieldError(problem, 'email')} required />
          <TextField label="Name" value={name} onValue={setName} error={fieldError(problem, 'name')} required />
          <SelectField label="Role" value={role} options={roleOptions} onValue={setRole} error={fieldError(problem, 'role')} />
          <ClientPicker value={client} onChange={setClient} label="Limited to client" allLabel="Every client" />
          {fieldError(problem, 'clientId') && (
            <p class="field-error" role="alert">
              {fieldError(problem, 'clientId')}
            </p>
          )}
          {formError(problem, fields) && (
            <p class="form-error" role="alert">
              {formError(problem, fields)}
            </p>
          )}
        </div>
        <FormFooter busy={state.fetching} submitLabel="Invite" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function ChangeDialog({ user, onClose, onChanged }: { user: User; onClose: () => void; onChanged: () => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [client, setClient] = useState<string | undefined>(user.client?.id);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [state, update] = useMutation(UsersUpdate);
  async function submit(e: Event) {
    e.preventDefault();
    const input: { role?: Role; clientId: string | null } = { clientId: client ?? null };
    if (role !== user.role) input.role = role;
    const p = problemOf((await update({ id: user.id, input })).error);
    setProblem(p);
    if (!p) onChanged();
  }
  const fields = ['role', 'clientId'];
  return (
    <Dialog title={`Change ${user.name}`} open onClose={onClose}>
      <form onSubmit={submit}>
        <div class="dialog-body">
          <SelectField label="Role" value={role} options={roleOptions} onValue={setRole} error={fieldError(problem, 'role')} />
          <ClientPicker value={client} onChange={setClient} label="Limited to client" allLabel="Every client" />
          {fieldError(problem, 'clientId') && (
            <p class="field-error" role="alert">
              {fieldError(problem, 'clientId')}
            </p>
          )}
          {formError(problem, fields) && (
            <p class="form-error" role="alert">
              {formError(problem, fields)}
            </p>
          )}
        </div>
        <FormFooter busy={state.fetching} submitLabel="Save" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
