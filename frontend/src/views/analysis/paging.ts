// Keyset paging for a list whose filters can change: the cursors of the pages
// seen so far, forgotten as soon as the filters are different.
import { useState } from 'preact/hooks';

export interface Paging {
  /** 0 for the first page. */
  page: number;
  /** The cursor to ask with (null for the first page). */
  after: string | null;
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
  first: () => void;
}

/** Paging that starts over whenever key (the filters, written as text) changes. */
export function usePaging(key: string): Paging {
  const [state, setState] = useState<{ key: string; cursors: Array<string | null> }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  return {
    page: cursors.length - 1,
    after: cursors[cursors.length - 1] ?? null,
    next: (end) => setState({ key, cursors: [...cursors, end ?? null] }),
    previous: () => setState({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    first: () => setState({ key, cursors: [null] }),
  };
}
