// Hooks the views share: search text that settles after a pause, and keyset
// paging through a list whose filters can change.
import { useEffect, useState } from 'preact/hooks';

/** The text typed in a search box, trimmed, once typing pauses for ms. */
export function useSettled(text: string, ms = 250): string {
  const [settled, setSettled] = useState(text.trim());
  useEffect(() => {
    const t = setTimeout(() => setSettled(text.trim()), ms);
    return () => clearTimeout(t);
  }, [text, ms]);
  return settled;
}

export interface Paging {
  /** 0 for the first page. */
  page: number;
  /** The cursor to ask with (null for the first page). */
  after: string | null;
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
  first: () => void;
}

/**
 * Keyset paging: the cursors of the pages seen so far, forgotten (back to
 * the first page) as soon as key, the filters and order written as text,
 * changes.
 */
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
