// The views of the app, each reachable by a URL that can be shared. Pure
// functions here (parse and print); the hook that follows the address bar is
// in navigation.ts.

export type Route =
  | { name: 'portfolio' }
  | { name: 'client'; id: string }
  | { name: 'matrix'; client?: string }
  | { name: 'gaps'; kinds: string[]; client?: string }
  | { name: 'services' }
  | { name: 'service'; id: string }
  | { name: 'impact'; service?: string }
  | { name: 'promise' }
  | { name: 'reports' }
  | { name: 'import' }
  | { name: 'review' }
  | { name: 'sources'; service?: string }
  | { name: 'signin' }
  | { name: 'account' }
  | { name: 'users' }
  | { name: 'setup' }
  | { name: 'invitation' }
  | { name: 'password-reset' }
  | { name: 'notfound'; path: string };

/** The routes of the one-time links: shown without signing in first. */
export const linkRoutes = ['setup', 'invitation', 'password-reset'] as const;

/** Reads the route of a path and query string. */
export function parseRoute(pathname: string, search = ''): Route {
  const q = new URLSearchParams(search);
  const opt = (k: string): string | undefined => q.get(k) || undefined;
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'notfound', path: pathname };
  switch (first) {
    case undefined:
      return { name: 'portfolio' };
    case 'clients':
      return second ? { name: 'client', id: second } : { name: 'portfolio' };
    case 'matrix':
      return second ? { name: 'notfound', path: pathname } : withOptional({ name: 'matrix' }, 'client', opt('client'));
    case 'gaps': {
      if (second) return { name: 'notfound', path: pathname };
      const kinds = (q.get('kind') ?? '').split(',').filter(Boolean);
      return withOptional({ name: 'gaps', kinds }, 'client', opt('client'));
    }
    case 'services':
      return second ? { name: 'service', id: second } : { name: 'services' };
    case 'impact':
      return second ? { name: 'notfound', path: pathname } : withOptional({ name: 'impact' }, 'service', opt('service'));
    case 'sources':
      return second ? { name: 'notfound', path: pathname } : withOptional({ name: 'sources' }, 'service', opt('service'));
    case 'promise':
    case 'reports':
    case 'import':
    case 'review':
    case 'signin':
    case 'account':
    case 'users':
    case 'setup':
    case 'invitation':
    case 'password-reset':
      return second ? { name: 'notfound', path: pathname } : { name: first };
  }
  return { name: 'notfound', path: pathname };
}

function withOptional<R extends Route>(r: R, key: string, value: string | undefined): R {
  return value === undefined ? r : { ...r, [key]: value };
}

/** Writes the URL of a route (path and query string). */
export function routePath(r: Route): string {
  const q = (params: Record<string, string | undefined>): string => {
    const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]))
      .toString()
      .replace(/%2C/gi, ','); // commas are fine in a query string, and easier to read in a shared link
    return s ? `?${s}` : '';
  };
  switch (r.name) {
    case 'portfolio':
      return '/';
    case 'client':
      return `/clients/${encodeURIComponent(r.id)}`;
    case 'matrix':
      return `/matrix${q({ client: r.client })}`;
    case 'gaps':
      return `/gaps${q({ kind: r.kinds.join(',') || undefined, client: r.client })}`;
    case 'services':
      return '/services';
    case 'service':
      return `/services/${encodeURIComponent(r.id)}`;
    case 'impact':
      return `/impact${q({ service: r.service })}`;
    case 'sources':
      return `/sources${q({ service: r.service })}`;
    case 'promise':
    case 'reports':
    case 'import':
    case 'review':
    case 'signin':
    case 'account':
    case 'users':
    case 'setup':
    case 'invitation':
    case 'password-reset':
      return `/${r.name}`;
    case 'notfound':
      return r.path;
  }
}
