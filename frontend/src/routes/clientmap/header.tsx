// The head of a client's map: who the client is, its figures, its requirements
// by status and its score history; the client's edit controls for editors.
// Its cost to serve and margin are the provider's own: absent (and not shown)
// for a token limited to the client.
import { stringifyDocument } from '@urql/core';
import { useSession } from '../../shared/session';
import { SaveAsReport } from '../../shared/saveAsReport';
import { DownloadMenu } from '../../shared/download';
import { ClientStatusBadge, Money, PageHeader, ScoreBar, StatusCounts } from '../../shared/ui';
import { ClientMapView, type EditAction, type MapClient } from './query';
import { ScoreChart } from './scorechart';

export function MapHeader({ client, onEdit }: { client: MapClient; onEdit: (a: EditAction) => void }) {
  const session = useSession();
  const who = [client.industry, client.accountOwner ? `Account owner: ${client.accountOwner}` : null].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        title={
          <span class="clientmap-title">
            {client.name} <ClientStatusBadge status={client.status} />
          </span>
        }
        subtitle={who || 'No industry or account owner recorded.'}
        actions={
          <>
            <a class="button" href={`/matrix?client=${encodeURIComponent(client.id)}`}>
              Coverage matrix
            </a>
            <DownloadMenu what="map" params={{ id: client.id }} id={client.id} backup={{ client: client.id }} />
            <SaveAsReport title={`Map of ${client.name}`} query={stringifyDocument(ClientMapView)} variables={{ id: client.id }} />
            {session.canEdit && (
              <button type="button" class="button" onClick={() => onEdit({ kind: 'client' })}>
                Edit client
              </button>
            )}
            {session.canEditInternal && (
              <button type="button" class="button danger" onClick={() => onEdit({ kind: 'deleteClient' })}>
                Delete client
              </button>
            )}
          </>
        }
      />
      <div class="kpis clientmap-kpis">
        <div class="kpi">
          <span class="kpi-label">Score</span>
          <ScoreBar score={client.score} label={`Score of ${client.name}`} />
        </div>
        <div class="kpi">
          <span class="kpi-label">Gaps</span>
          <span class="kpi-value">
            <a href={`/gaps?client=${encodeURIComponent(client.id)}`} aria-label={`${client.gapCount} gaps: see the gap list of ${client.name}`}>
              {client.gapCount}
            </a>
          </span>
        </div>
        <div class="kpi">
          <span class="kpi-label">Annual contract value</span>
          <span class="kpi-value">
            <Money amount={client.annualContractValue} />
          </span>
        </div>
        {client.monthlyCostToServe != null && (
          <div class="kpi">
            <span class="kpi-label">Cost to serve / month</span>
            <span class="kpi-value">
              <Money amount={client.monthlyCostToServe} />
            </span>
          </div>
        )}
        {client.monthlyMargin != null && (
          <div class="kpi">
            <span class="kpi-label">Margin / month</span>
            <span class="kpi-value">
              <Money amount={client.monthlyMargin} />
            </span>
          </div>
        )}
      </div>
      <div class="clientmap-figures">
        <div class="kpi">
          <span class="kpi-label">Score history</span>
          <ScoreChart points={client.scoreHistory} current={client.score} name={client.name} />
        </div>
        <div class="kpi">
          <span class="kpi-label">Requirements by status</span>
          <StatusCounts counts={client.statusCounts} class="clientmap-status-counts" />
        </div>
      </div>
    </>
  );
}
