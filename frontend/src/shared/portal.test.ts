import { describe, expect, it } from 'vitest';
import { gapKindsFor, viewAvailable } from './portal';
import { makeSession } from './session';
import { gapKinds } from './status';

const signOut = () => {};
const admin = makeSession({ name: 'a', role: 'ADMIN', client: null }, signOut);
const editor = makeSession({ name: 'e', role: 'EDITOR' }, signOut);
const portalEditor = makeSession({ name: 'p', role: 'EDITOR', client: { id: '2', name: 'Kestrel' } }, signOut);
const portalViewer = makeSession({ name: 'v', role: 'VIEWER', client: { id: '2', name: 'Kestrel' } }, signOut);

describe('a session limited to a client', () => {
  it('sees internal figures and runs internal changes only without a client', () => {
    expect([admin, editor, portalEditor, portalViewer].map((s) => [s.internal, s.canEdit, s.canEditInternal])).toEqual([
      [true, true, true],
      [true, true, true],
      [false, true, false],
      [false, false, false],
    ]);
  });
  it('is not shown the impact view; every other view is', () => {
    expect(viewAvailable('impact', portalViewer)).toBe(false);
    expect(viewAvailable('impact', portalEditor)).toBe(false);
    expect(viewAvailable('impact', editor)).toBe(true);
    for (const name of ['portfolio', 'client', 'matrix', 'gaps', 'services', 'service', 'promise', 'reports', 'signin'] as const) {
      expect(viewAvailable(name, portalViewer), name).toBe(true);
    }
  });
  it('filters gaps by the kinds about requirements and objectives only', () => {
    expect(gapKindsFor(gapKinds, portalViewer)).toEqual(['GAP', 'PLANNED_ONLY', 'OVERPROMISED', 'UNDER_DELIVERED', 'PARTIAL', 'EMPTY_OBJECTIVE']);
    expect(gapKindsFor(gapKinds, admin)).toEqual(gapKinds);
  });
});
