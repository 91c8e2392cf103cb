// The answer of a promise check: the services designed for every target, in
// the server's order (delivering first, then live, retiring, planned, then
// cheapest), with whether they also delivered and their spare capacity. Cost
// and capacity are the provider's own: without them (a token limited to a
// client) their columns are left out.
import { count, formatLevel } from '../../shared/format';
import { Empty, Flag, LifecycleBadge, Money } from '../../shared/ui';
import type { Lifecycle } from '../../shared/status';
import type { MetricInfo } from './promiseForm';
import { spareLook, type Target } from './promiseTargets';

export interface Match {
  delivers: boolean;
  spareCapacity?: number | null;
  service: {
    id: string;
    name: string;
    lifecycle: Lifecycle;
    monthlyCost?: string;
    capacity?: number | null;
    designedLevels: Array<{ value: number; metric: { key: string } }>;
  };
}

/** "168 hours/week of staffed support hours and 15 minutes of response time". */
export function describeTargets(targets: Target[], metrics: MetricInfo[]): string {
  return targets
    .map((t) => {
      const m = metrics.find((x) => x.key === t.metric);
      return m ? `${formatLevel(t.value, m.unit)} of ${m.name.toLowerCase()}` : `${t.metric} ${t.value}`;
    })
    .join(', ');
}

export function PromiseResults({ matches, targets, metrics, stale }: { matches: Match[]; targets: Target[]; metrics: MetricInfo[]; stale: boolean }) {
  const delivering = matches.filter((m) => m.delivers).length;
  const costs = matches.some((m) => m.service.monthlyCost != null);
  const spare = matches.some((m) => m.spareCapacity !== undefined);
  return (
    <section class="promise-results" aria-labelledby="promise-results-title">
      <h2 id="promise-results-title">Services that can keep this promise</h2>
      <p class="promise-asked">
        Checked: {describeTargets(targets, metrics)}.
        {stale && <span class="muted"> The targets above have changed since: check again to update.</span>}
      </p>
      {matches.length === 0 ? (
        <Empty>
          <strong>No service is designed for all of these targets.</strong> Promising them means a new or changed service.
        </Empty>
      ) : (
        <>
          <p class="promise-summary">
            {count(matches.length, 'service is', 'services are')} designed for every target;{' '}
            {matches.length === 1 ? (delivering ? 'it has also delivered them' : 'it has not delivered them lately') : delivering === matches.length ? `all ${delivering} have also delivered them` : `${delivering} of them ${delivering === 1 ? 'has' : 'have'} also delivered them`}.
          </p>
          <div class="table-wrap">
            <table class="table promise-table">
              <caption class="visually-hidden">Services designed for the targets, delivering ones first</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Delivered</th>
                  <th scope="col" class="promise-wide">
                    Lifecycle
                  </th>
                  {costs && (
                    <th scope="col" class="num promise-wide">
                      Monthly cost
                    </th>
                  )}
                  {spare && <th scope="col">Spare capacity</th>}
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => {
                  const room = spareLook(m.spareCapacity);
                  return (
                    <tr key={m.service.id}>
                      <th scope="row">
                        <a href={`/services/${encodeURIComponent(m.service.id)}`}>{m.service.name}</a>
                        <span class="muted small block promise-designed">Designed for {designedFor(m, targets, metrics)}</span>
                        <span class="promise-inline small">
                          <LifecycleBadge lifecycle={m.service.lifecycle} />
                          {m.service.monthlyCost != null && (
                            <span>
                              <Money amount={m.service.monthlyCost} /> a month
                            </span>
                          )}
                        </span>
                      </th>
                      <td>
                        {m.delivers ? (
                          <Flag tone="good" icon="✓">
                            Delivered
                          </Flag>
                        ) : (
                          <Flag tone="warn" icon="▼">
                            Not delivered
                          </Flag>
                        )}
                      </td>
                      <td class="promise-wide">
                        <LifecycleBadge lifecycle={m.service.lifecycle} />
                      </td>
                      {costs && <td class="num promise-wide">{m.service.monthlyCost != null && <Money amount={m.service.monthlyCost} />}</td>}
                      {spare && (
                        <td>
                          {room.oversubscribed ? (
                            <Flag tone="bad" icon="⚠">
                              {String(m.spareCapacity).replace('-', '−')} · {room.text}
                            </Flag>
                          ) : m.spareCapacity == null ? (
                            <span class="muted">{room.text}</span>
                          ) : (
                            <span class="promise-spare">
                              {m.spareCapacity}
                              <span class="muted small"> of {m.service.capacity} units free</span>
                            </span>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="muted small">
            “Delivered”: no latest measurement of a targeted metric misses its target (a service never measured counts as delivered).
            {spare && ' Spare capacity: capacity less the units committed.'}
          </p>
        </>
      )}
    </section>
  );
}

/** The service's designed levels for the targeted metrics: "168 hours/week, 15 minutes". */
function designedFor(m: Match, targets: Target[], metrics: MetricInfo[]): string {
  return targets
    .map((t) => {
      const level = m.service.designedLevels.find((l) => l.metric.key === t.metric);
      const unit = metrics.find((x) => x.key === t.metric)?.unit ?? '';
      return level ? formatLevel(level.value, unit) : '—';
    })
    .join(', ');
}
