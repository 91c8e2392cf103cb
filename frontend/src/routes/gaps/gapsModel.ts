// The gap list's filters as the address bar carries them, and what each entry
// links to. Pure functions.
import { gapKinds, type GapKind } from '../../shared/status';

/** The kinds of a URL that the API knows, once each, in the enum's order (others are dropped). */
export function knownKinds(kinds: string[]): GapKind[] {
  const asked = new Set(kinds.map((k) => k.trim().toUpperCase()));
  return gapKinds.filter((k) => asked.has(k));
}

/** The kinds after a chip is switched on or off. */
export function toggleKind(kinds: GapKind[], kind: GapKind): GapKind[] {
  return kinds.includes(kind) ? kinds.filter((k) => k !== kind) : knownKinds([...kinds, kind]);
}

/** A gap entry as the gap list query asks for it. */
export interface GapEntry {
  client?: { id: string; name: string } | null;
  objective?: { id: string; title: string } | null;
  requirement?: { id: string; title: string } | null;
  service?: { id: string; name: string } | null;
}

export interface GapLink {
  /** What the link points at: Client, Objective, Requirement or Service. */
  what: string;
  label: string;
  href: string;
}

/**
 * The links of an entry: the client, and the objective and requirement on the
 * client's map, and the service's page.
 */
export function gapLinks(g: GapEntry): GapLink[] {
  const links: GapLink[] = [];
  const map = g.client ? `/clients/${encodeURIComponent(g.client.id)}` : undefined;
  if (g.client && map) links.push({ what: 'Client', label: g.client.name, href: map });
  if (g.objective && map) links.push({ what: 'Objective', label: g.objective.title, href: map });
  if (g.requirement && map) links.push({ what: 'Requirement', label: g.requirement.title, href: map });
  if (g.service) links.push({ what: 'Service', label: g.service.name, href: `/services/${encodeURIComponent(g.service.id)}` });
  return links;
}
