// The app: sign-in when there is no token, then the shell with the view of
// the address bar.
import { Provider, useQuery } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { storedToken } from '../shared/token';
import { graphql } from '../gql';
import { ErrorBox, Loading } from '../shared/ui';
import { SignIn } from '../routes/signin/signin';
import { createClient } from '../shared/api';
import { navigate, useRoute } from '../shared/navigation';
import { routePath } from '../shared/router';
import { clearToken, makeSession, saveToken, SessionContext } from '../shared/session';
import { Shell } from './Shell';

const MeQuery = graphql(`
  query Me {
    me {
      name
      role
      client {
        id
        name
      }
    }
  }
`);

export function App() {
  const [token, setToken] = useState<string | null>(storedToken());
  const [ended, setEnded] = useState(false);
  const [client, unauthenticated] = useMemo(() => {
    const unauthenticated = () => {
      clearToken();
      setEnded(true);
      setToken(null);
    };
    return [createClient(unauthenticated), unauthenticated] as const;
  }, []);
  if (!token) {
    return (
      <SignIn
        ended={ended}
        onSignIn={(t) => {
          saveToken(t);
          setEnded(false);
          setToken(t);
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <SignedIn
        key={token}
        onUnauthenticated={unauthenticated}
        onSignOut={() => {
          clearToken();
          setToken(null);
          navigate('/');
        }}
      />
    </Provider>
  );
}

function SignedIn({ onSignOut, onUnauthenticated }: { onSignOut: () => void; onUnauthenticated: () => void }) {
  const [me, reload] = useQuery({ query: MeQuery });
  const route = useRoute();
  const data = me.data?.me;
  const session = useMemo(() => (data ? makeSession(data, onSignOut) : null), [data]);
  // The views ask through a client of their own, which sends what the
  // session implies ($internal) with every query that declares it.
  const internal = session?.internal;
  const views = useMemo(() => (internal === undefined ? null : createClient(onUnauthenticated, { internal })), [internal]);
  // A token limited to one client lands on that client's map.
  useEffect(() => {
    if (session?.client && route.name === 'portfolio') {
      navigate(routePath({ name: 'client', id: session.client.id }), true);
    }
  }, [session, route.name]);
  if (me.fetching && !data) return <Loading what="Signing in" />;
  if (me.error || !session || !views) return <ErrorBox error={me.error ?? 'No session.'} retry={() => reload()} />;
  return (
    <SessionContext.Provider value={session}>
      <Provider value={views}>
        <Shell route={route} />
      </Provider>
    </SessionContext.Provider>
  );
}
