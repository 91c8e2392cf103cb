// The signed-in session: who, with what role, and signing out.
import { PageHeader } from '../../shared/ui';
import { useSession } from '../../shared/session';
import type { Role } from '../../gql/graphql';

/** What each role may do, in words. */
const roleText: Record<Role, string> = {
  VIEWER: 'Viewer: reads',
  EDITOR: 'Editor: reads and changes the map',
  ADMIN: 'Admin: also manages tokens and reports',
};

export default function Account() {
  const s = useSession();
  document.title = 'Session · Alliance';
  return (
    <section class="page" data-view="signin">
      <PageHeader title="Your session" />
      <dl class="facts">
        <dt>Token</dt>
        <dd>{s.name}</dd>
        <dt>Role</dt>
        <dd>{roleText[s.role]}</dd>
        <dt>Scope</dt>
        <dd>{s.client ? `Only ${s.client.name}, without the provider's costs, margins and capacity` : 'Every client'}</dd>
      </dl>
      <button type="button" class="button" onClick={s.signOut}>
        Sign out
      </button>
    </section>
  );
}
