// The app: it asks the server who this browser is signed in as (the session
// cookie) or uses the tab's API token; signed out, the sign-in page; then the
// shell with the view of the address bar. The one-time link pages (setup,
// invitation, password reset) need no sign-in.
import { Provider, useQuery } from '@urql/preact';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { storedToken } from '../shared/token';
import { graphql } from '../gql';
import { ErrorBox, Loading } from '../shared/ui';
import type { SignedOutReason } from '../routes/signin/signin';
import { createClient } from '../shared/api';
import { currentSession, listenToOtherTabs, signOutSession, tellOtherTabs } from '../shared/auth';
import { navigate, useRoute } from '../shared/navigation';
import { linkRoutes, routePath } from '../shared/router';
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
      user {
        id
        email
      }
    }
  }
`);

// The sign-in and link pages are chunks of their own: a signed-in tab never
// loads them.
const loadSignIn = () => import('../routes/signin/signin').then((m) => m.SignIn);
const loadLinkPage = () => import('../routes/signin/links').then((m) => m.LinkPage);

/** The component load gives, once loaded (undefined until then, or when not wanted). */
function useLazy<P>(load: () => Promise<ComponentType<P>>, wanted: boolean): ComponentType<P> | undefined {
  const [c, setC] = useState<{ C: ComponentType<P> } | undefined>();
  useEffect(() => {
    if (!wanted || c) return;
    let live = true;
    void load().then((C) => live && setC({ C }));
    return () => {
      live = false;
    };
  }, [wanted]);
  return c?.C;
}

/** How this tab is signed in: asking, by the tab's token, by the browser's session, or not. */
type Auth = { kind: 'asking' } | { kind: 'token'; token: string } | { kind: 'session'; since: number } | { kind: 'out'; reason?: SignedOutReason };

export function App() {
  const [auth, setAuth] = useState<Auth>(() => {
    const token = storedToken();
    return token ? { kind: 'token', token } : { kind: 'asking' };
  });
  const route = useRoute();
  const onLinkPage = (linkRoutes as readonly string[]).includes(route.name);

  // Without a token, the browser's session (if any) signs the tab in.
  useEffect(() => {
    if (auth.kind !== 'asking') return;
    let live = true;
    currentSession()
      .then((s) => live && setAuth(s ? { kind: 'session', since: Date.now() } : { kind: 'out' }))
      .catch(() => live && setAuth({ kind: 'out', reason: 'unreachable' }));
    return () => {
      live = false;
    };
  }, [auth.kind]);

  // Another tab signed in or out: this one follows.
  useEffect(
    () =>
      listenToOtherTabs((news) => {
        if (storedToken()) return; // a tab signed in by its own token stays
        if (news === 'signed-out') setAuth({ kind: 'out', reason: 'elsewhere' });
        else setAuth((a) => (a.kind === 'session' ? a : { kind: 'asking' }));
      }),
    [],
  );

  const [client, unauthenticated] = useMemo(() => {
    const unauthenticated = () => {
      const token = storedToken();
      clearToken();
      setAuth({ kind: 'out', reason: token ? 'token' : 'session' });
    };
    return [createClient(unauthenticated), unauthenticated] as const;
  }, []);

  const LinkPage = useLazy(loadLinkPage, onLinkPage);
  const SignIn = useLazy(loadSignIn, auth.kind === 'out');

  const signedInBySession = () => {
    tellOtherTabs('signed-in');
    setAuth({ kind: 'session', since: Date.now() });
  };

  if (onLinkPage) {
    if (!LinkPage) return <Loading />;
    return (
      <LinkPage
        kind={route.name as (typeof linkRoutes)[number]}
        onSignedIn={() => {
          clearToken();
          signedInBySession();
          navigate('/', true);
        }}
      />
    );
  }
  if (auth.kind === 'asking') return <Loading what="Signing in" />;
  if (auth.kind === 'out') {
    if (!SignIn) return <Loading what="Signing in" />;
    return (
      <SignIn
        reason={auth.reason}
        onSignedIn={signedInBySession}
        onToken={(t) => {
          saveToken(t);
          setAuth({ kind: 'token', token: t });
        }}
      />
    );
  }
  const signOut = async () => {
    if (auth.kind === 'token') {
      clearToken();
    } else {
      await signOutSession();
      tellOtherTabs('signed-out');
    }
    setAuth({ kind: 'out' });
    navigate('/');
  };
  return (
    <Provider value={client}>
      <SignedIn key={auth.kind === 'token' ? auth.token : `session-${auth.since}`} onUnauthenticated={unauthenticated} onSignOut={signOut} />
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
  // A token or user limited to one client lands on that client's map.
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
