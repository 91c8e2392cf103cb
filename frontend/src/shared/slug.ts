// Report slugs as the server accepts them: 1 to 63 lower-case letters,
// digits and dashes, starting with a letter or digit.

/** A slug from a title: "Gaps by client" → "gaps-by-client", "Überblick" → "uberblick". */
export function slugFrom(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Whether a slug is one the server accepts. */
export function validSlug(slug: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug);
}

/**
 * The variables a query declares, read from the operation's header without
 * a GraphQL parser (which would weigh on every view's bundle):
 * "query Q($a: Int, $b: [ID!])" → ["a", "b"].
 */
export function declaredVariables(query: string): string[] {
  const header = /^\s*(?:#[^\n]*\n\s*)*query\b[^({]*\(([^)]*)\)/.exec(query);
  const list = header?.[1];
  if (!list) return [];
  return [...list.matchAll(/\$([_A-Za-z][_0-9A-Za-z]*)\s*:/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}
