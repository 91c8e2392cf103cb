// A service's commitments (which requirement of which client, how much, and
// whether it holds) and the distinct clients behind them.
import { count } from '../../shared/format';
import type { ClientStatus } from '../../shared/status';
import { StaleMark } from '../../shared/evidence';
import { ClientStatusBadge, Empty, HoldsBadge } from '../../shared/ui';
import { clientsBehind, orderCommitments, type CommitmentRow } from './clients';

export function Commitments({ rows, serviceName }: { rows: CommitmentRow[]; serviceName: string }) {
  // Capacity units are the provider's own: absent for a token limited to a client.
  const units = rows.some((c) => c.capacityUnits != null);
  if (rows.length === 0) {
    return <Empty>No commitments: {serviceName} serves no client requirement.</Empty>;
  }
  return (
    <div class="table-wrap">
      <table class="table catalog-stack">
        <caption class="visually-hidden">
          Commitments of {serviceName}, {count(rows.length, 'commitment')}
        </caption>
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Client</th>
            <th scope="col" class="num">
              Coverage
            </th>
            {units && (
              <th scope="col" class="num">
                Capacity units
              </th>
            )}
            <th scope="col">Holds</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {orderCommitments(rows).map((c) => {
            const client = c.requirement.objective.client;
            return (
              <tr key={c.id} data-commitment={c.id}>
                <th scope="row" data-label="Requirement">
                  {c.requirement.title}
                </th>
                <td data-label="Client">
                  <a href={`/clients/${client.id}`}>{client.name}</a>
                  {client.status === 'CHURNED' && (
                    <>
                      {' '}
                      <ClientStatusBadge status="CHURNED" />
                    </>
                  )}
                </td>
                <td class="num" data-label="Coverage">
                  {c.coveragePercent}%
                </td>
                {units && (
                  <td class="num" data-label="Capacity units">
                    {c.capacityUnits}
                  </td>
                )}
                <td data-label="Holds">
                  <HoldsBadge holds={c.holds} />
                </td>
                <td data-label="Evidence">
                  {c.evidence?.stale ? (
                    <StaleMark evidence={c.evidence} />
                  ) : (
                    <span class="muted small">{c.evidence && !c.evidence.judged ? 'Not judged (not live)' : 'Current'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ClientsBehind({ rows }: { rows: CommitmentRow[] }) {
  const clients = clientsBehind(rows);
  if (clients.length === 0) return <Empty>No client depends on this service.</Empty>;
  return (
    <ul class="catalog-clients">
      {clients.map((c) => (
        <li key={c.id} class="card">
          <a href={`/clients/${c.id}`}>
            <strong>{c.name}</strong>
          </a>{' '}
          <ClientStatusBadge status={c.status as ClientStatus} />
          <span class="muted small block">
            {count(c.commitments, 'commitment')}
            {c.units !== null && `, ${count(c.units, 'unit')}`}
            {c.failing > 0 ? `, ${c.failing} not holding` : ', all holding'}
            {c.status === 'CHURNED' && ' · churned: counts for nothing'}
          </span>
        </li>
      ))}
    </ul>
  );
}
