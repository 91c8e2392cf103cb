// Who is signed in: the token of this browser tab and what the server says
// it may do.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '../gql/graphql';
import { TOKEN_KEY } from './token';

export interface Session {
  name: string;
  role: Role;
  /** The client the token is limited to, if any. */
  client: { id: string; name: string } | null;
  canEdit: boolean;
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

export function makeSession(me: { name: string; role: Role; client?: { id: string; name: string } | null }, signOut: () => void): Session {
  return {
    name: me.name,
    role: me.role,
    client: me.client ?? null,
    canEdit: me.role === 'EDITOR' || me.role === 'ADMIN',
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
