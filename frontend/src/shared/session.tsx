// Who is signed in: a person through the browser's session cookie, or the
// token of this browser tab, and what the server says it may do.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '../gql/graphql';
import { TOKEN_KEY } from './token';

export interface Session {
  /** The token's name, or the user's display name. */
  name: string;
  /** The signed-in user; null when a token signs the tab in. */
  user: { id: string; email: string } | null;
  role: Role;
  /** The client the token is limited to, if any. */
  client: { id: string; name: string } | null;
  canEdit: boolean;
  /**
   * Whether it sees the provider's own figures (costs, margins, capacity,
   * impact) and views: false for a token limited to one client (a client
   * portal), to which the server refuses them. Every query that declares
   * $internal is sent with this value (see api.ts).
   */
  internal: boolean;
  /**
   * Whether it may run the provider's own changes: create or delete clients,
   * change the service catalog, measurements and metrics. An editor limited
   * to a client changes only what hangs under that client.
   */
  canEditInternal: boolean;
  isAdmin: boolean;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of the signed-in user; only under a signed-in app. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export function makeSession(
  me: { name: string; role: Role; client?: { id: string; name: string } | null; user?: { id: string; email: string } | null },
  signOut: () => void,
): Session {
  const client = me.client ?? null;
  const canEdit = me.role === 'EDITOR' || me.role === 'ADMIN';
  return {
    name: me.name,
    user: me.user ? { id: me.user.id, email: me.user.email } : null,
    role: me.role,
    client,
    canEdit,
    internal: client === null,
    canEditInternal: canEdit && client === null,
    isAdmin: me.role === 'ADMIN',
    signOut,
  };
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
