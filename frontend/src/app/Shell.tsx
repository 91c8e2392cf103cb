// The frame of every view: navigation, who is signed in, and the view.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from '../shared/ui';
import { routePath, type Route } from '../shared/router';
import { useSession, type Session } from '../shared/session';
import { viewAvailable } from '../shared/portal';

/** A view module: its default export renders the view of a route. */
type ViewModule = { default: ComponentType<{ route: Route }> };

// Each view is its own chunk, loaded when first shown: the first page loads
// only the shell and the view it opens on.
const views: Partial<Record<Route['name'], () => Promise<ViewModule>>> = {
  portfolio: () => import('../routes/portfolio/portfolio'),
  client: () => import('../routes/clientmap/clientmap'),
  matrix: () => import('../routes/matrix/matrix'),
  gaps: () => import('../routes/gaps/gaps'),
  services: () => import('../routes/services/services'),
  service: () => import('../routes/services/service'),
  impact: () => import('../routes/impact/impact'),
  promise: () => import('../routes/promise/promise'),
  reports: () => import('../routes/reports/reports'),
  import: () => import('../routes/import/import'),
  review: () => import('../routes/review/review'),
  sources: () => import('../routes/sources/sources'),
  signin: () => import('../routes/account/account'),
  account: () => import('../routes/account/account'),
  users: () => import('../routes/users/users'),
};

const loaded = new Map<string, ViewModule>();

function View({ route }: { route: Route }) {
  const session = useSession();
  const available = viewAvailable(route.name, session);
  const load = available ? views[route.name] : undefined;
  const [mod, setMod] = useState<ViewModule | undefined>(loaded.get(route.name));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setMod(loaded.get(route.name));
    setFailed(false);
    if (!load || loaded.has(route.name)) return;
    let live = true;
    load()
      .then((m) => {
        loaded.set(route.name, m);
        if (live) setMod(m);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [route.name]);
  if (!available) return <NotAvailable session={session} />;
  if (!load) {
    return (
      <section class="page">
        <h1>Not found</h1>
        <p>
          Nothing lives at <code>{route.name === 'notfound' ? route.path : ''}</code>. <a href="/">Go to the portfolio</a>.
        </p>
      </section>
    );
  }
  if (failed) return <ErrorBox error="This view could not be loaded. Reload the page." />;
  if (!mod) return <Loading />;
  const V = mod.default;
  return <V route={route} />;
}

/**
 * A view a token limited to one client is not shown (its address typed or
 * followed from a link made by someone else): says so, and where to go.
 */
function NotAvailable({ session }: { session: Session }) {
  document.title = 'Not available · Alliance';
  const home = session.client ? routePath({ name: 'client', id: session.client.id }) : '/';
  return (
    <section class="page" data-view="unavailable">
      <h1>Not available to a client-limited token</h1>
      <p>
        This view shows the provider's own figures, which a token limited to {session.client ? session.client.name : 'one client'} does not see.{' '}
        <a href={home}>Go to the map of {session.client ? session.client.name : 'your client'}</a>.
      </p>
    </section>
  );
}

type Link = { href: string; label: string; names: Route['name'][] };

const links: Link[] = [
  { href: '/', label: 'Portfolio', names: ['portfolio', 'client'] },
  { href: '/gaps', label: 'Gaps', names: ['gaps'] },
  { href: '/matrix', label: 'Coverage matrix', names: ['matrix'] },
  { href: '/services', label: 'Services', names: ['services', 'service'] },
  { href: '/impact', label: 'Impact', names: ['impact'] },
  { href: '/promise', label: 'Promise check', names: ['promise'] },
  { href: '/review', label: 'Review', names: ['review'] },
  { href: '/reports', label: 'Reports', names: ['reports'] },
  { href: '/import', label: 'Import', names: ['import'] },
];

/**
 * The navigation of a session: a token limited to one client has its
 * client's map in place of the portfolio, and no internal view.
 */
function linksOf(session: Session): Link[] {
  const editor = session.canEditInternal ? [...links, { href: '/sources', label: 'Sources', names: ['sources'] as Route['name'][] }] : links;
  const all = session.isAdmin ? [...editor, { href: '/users', label: 'Users', names: ['users'] as Route['name'][] }] : editor;
  return all
    .filter((l) => l.names.every((n) => viewAvailable(n, session)))
    .map((l) => (session.client && l.href === '/' ? { ...l, href: routePath({ name: 'client', id: session.client.id }), label: session.client.name } : l));
}

export function Shell({ route }: { route: Route }) {
  const session = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route]);
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a href="/" class="brand">
          <span aria-hidden="true" class="brand-mark">
            ◈
          </span>
          Alliance
        </a>
        <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <div class="who">
          <a href={session.user ? '/account' : '/signin'} title={session.user ? 'Your account' : 'Your session'}>
            {session.name} · {session.role.toLowerCase()}
            {session.client ? ` · ${session.client.name}` : ''}
          </a>
          <button type="button" class="button small" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="nav" class={`sidenav${menuOpen ? ' open' : ''}`} aria-label="Views">
        <ul>
          {linksOf(session).map((l) => (
            <li key={l.href}>
              <a href={l.href} aria-current={l.names.includes(route.name) ? 'page' : undefined}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
        <ul class="api-links">
          <li>
            <a href="/graphiql">GraphiQL</a>
          </li>
          <li>
            <a href="/schema.graphql">Schema</a>
          </li>
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <View route={route} />
      </main>
    </div>
  );
}
