// The flags of a service: orphan (costs money, serves nothing) and
// oversubscribed (committed beyond its capacity), each an icon and a word.
import { gapLook } from '../../shared/status';
import { Flag } from '../../shared/ui';

export function ServiceFlags({ orphan, oversubscribed, none }: { orphan: boolean; oversubscribed: boolean; none?: string }) {
  if (!orphan && !oversubscribed) return none ? <span class="muted">{none}</span> : null;
  return (
    <span class="catalog-flags">
      {orphan && (
        <span title={gapLook.ORPHAN_SERVICE.meaning}>
          <Flag tone={gapLook.ORPHAN_SERVICE.tone} icon={gapLook.ORPHAN_SERVICE.icon}>
            Orphan
          </Flag>
        </span>
      )}
      {oversubscribed && (
        <span title={gapLook.OVERSUBSCRIBED.meaning}>
          <Flag tone={gapLook.OVERSUBSCRIBED.tone} icon={gapLook.OVERSUBSCRIBED.icon}>
            Oversubscribed
          </Flag>
        </span>
      )}
    </span>
  );
}
