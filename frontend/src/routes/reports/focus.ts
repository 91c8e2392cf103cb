// Giving focus back to the button that opened a dialog once the dialog is
// unmounted (a dialog removed while open does not do it by itself), or to
// another element when that button is going away (the report was deleted,
// the link revoked).
import { useRef } from 'preact/hooks';

export function useReturnFocus(): { remember: () => void; restore: (instead?: string[]) => void } {
  const opener = useRef<HTMLElement | null>(null);
  return {
    remember: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore: (instead) => {
      // After the dialog has gone from the page.
      setTimeout(() => {
        const back = instead ? instead.map((sel) => document.querySelector<HTMLElement>(sel)).find((e) => e) : opener.current;
        if (back?.isConnected) back.focus();
        opener.current = null;
      }, 0);
    },
  };
}
