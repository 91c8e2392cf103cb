// What a token limited to one client (the client portal) is shown: its own
// client's map, coverage, services, score and gaps, and none of the
// provider's economics. The server refuses the provider's own fields and
// operations to such a token; these rules keep the app from offering them.
import type { GapKind } from './status';
import type { Route } from './router';

/** The views about the provider's own figures only (what retiring a service would cost). */
export const internalViews: ReadonlyArray<Route['name']> = ['impact'];

/** Whether a session is shown a view: every one, unless it is limited to a client and the view is internal. */
export function viewAvailable(name: Route['name'], session: { internal: boolean }): boolean {
  return session.internal || !internalViews.includes(name);
}

/**
 * The gap kinds about the provider's catalog (a service that costs money and
 * serves nobody, one committed beyond its capacity): never a client's gap.
 */
export const internalGapKinds: ReadonlyArray<GapKind> = ['ORPHAN_SERVICE', 'OVERSUBSCRIBED'];

/** The gap kinds a session filters by, in the order given. */
export function gapKindsFor<K extends GapKind>(kinds: readonly K[], session: { internal: boolean }): K[] {
  return session.internal ? [...kinds] : kinds.filter((k) => !internalGapKinds.includes(k));
}
