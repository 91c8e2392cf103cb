// Following the address bar: the current route as state, and navigation
// without reloading the page.
import { useEffect, useState } from 'preact/hooks';
import { parseRoute, routePath, type Route } from './router';

const listeners = new Set<() => void>();

/** Goes to a path (or route) as a new history entry; replace keeps the entry. */
export function navigate(to: string | Route, replace = false): void {
  const path = typeof to === 'string' ? to : routePath(to);
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

/** The route of the address bar, kept current. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/**
 * Tells whether a path of this origin is the server's own rather than a
 * view of the app: GraphiQL, the API and its endpoints (single sign-on's
 * start among them), the schema, the health checks and report files. A link
 * to one is left to the browser.
 */
export function servedByServer(path: string): boolean {
  return /^\/(graphiql|graphql|schema\.graphql|healthz|readyz|api\/|reports\/.+\..+)/.test(path);
}

/** Makes in-app links navigate without a reload (ctrl/cmd-click still opens a tab). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (servedByServer(a.pathname)) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}
