// The coverage matrix table: requirements as row headers, services as column
// headers, each cell a commitment's coverage with an icon and a word for
// whether it holds. A real table, so screen readers announce the row and
// column of every cell; it scrolls sideways with the requirements kept in view.
import { StaleMark } from '../../shared/evidence';
import { count } from '../../shared/format';
import { lifecycleLook, statusLook } from '../../shared/status';
import { StatusBadge } from '../../shared/ui';
import {
  buildMatrix,
  cellLabel,
  cellLook,
  isProblem,
  problemCount,
  sortColumns,
  sortRows,
  type ColumnSort,
  type PlacedRequirement,
  type RowSort,
} from './matrixModel';

export interface MatrixSorts {
  rows: RowSort;
  rowsReversed: boolean;
  columns: ColumnSort;
  columnsReversed: boolean;
}

/** The table, with a line above it that counts what needs attention. */
export function MatrixTable({ items, sorts, caption, showClient }: { items: PlacedRequirement[]; sorts: MatrixSorts; caption: string; showClient: boolean }) {
  const matrix = buildMatrix(items);
  const rows = sortRows(matrix.rows, sorts.rows, sorts.rowsReversed);
  const columns = sortColumns(matrix.columns, sorts.columns, sorts.columnsReversed);
  const problems = problemCount(rows);
  return (
    <>
      <p class="matrix-summary">
        {count(rows.length, 'requirement')} × {count(columns.length, 'service')}.{' '}
        {problems > 0 ? (
          <strong class="matrix-summary-bad">
            <span aria-hidden="true">⚠ </span>
            {problems} {problems === 1 ? 'needs' : 'need'} attention (gap, over-promised or under-delivered), highlighted below.
          </strong>
        ) : (
          <span>None is a gap, over-promised or under-delivered.</span>
        )}
      </p>
      <div class="table-wrap matrix-wrap" role="region" aria-label={`${caption} (scrolls sideways)`} tabIndex={0}>
        <table class="table matrix-table">
          <caption class="visually-hidden">
            {caption}: requirements in rows, services in columns; each cell is the service's coverage of the requirement and whether it holds.
          </caption>
          <thead>
            <tr>
              <th scope="col" class="matrix-corner">
                Requirement
                <span class="muted small block">status · priority · coverage · {showClient ? 'client · objective' : 'objective'}</span>
              </th>
              {columns.map((c) => (
                <th scope="col" key={c.id} class="matrix-service">
                  <div class="matrix-service-head">
                    <span class={`matrix-lifecycle tone-${lifecycleLook[c.lifecycle].tone}`} title={lifecycleLook[c.lifecycle].label}>
                      <span aria-hidden="true">{lifecycleLook[c.lifecycle].icon}</span>
                      <span class="visually-hidden">{lifecycleLook[c.lifecycle].label}: </span>
                    </span>
                    <a href={`/services/${encodeURIComponent(c.id)}`}>{c.name}</a>
                  </div>
                </th>
              ))}
              {columns.length === 0 && (
                <th scope="col" class="matrix-service matrix-none">
                  Services
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const problem = isProblem(r.status);
              return (
                <tr key={r.id} class={problem ? 'matrix-problem' : undefined}>
                  <th scope="row" class="matrix-req">
                    <a href={`/clients/${encodeURIComponent(r.clientId)}`} title={`Open the map of ${r.clientName}`}>
                      {r.title}
                    </a>
                    <span class="matrix-req-meta">
                      <StatusBadge status={r.status} />
                      <span class={`matrix-priority matrix-priority-${r.priority.toLowerCase()}`}>{r.priority}</span>
                      <span class="muted matrix-context">
                        {formatPercent(r.percent)} covered · {showClient ? `${r.clientName} · ${r.objectiveTitle}` : r.objectiveTitle}
                      </span>
                    </span>
                  </th>
                  {columns.map((c) => {
                    const cell = r.cells[c.id];
                    if (!cell) {
                      return (
                        <td key={c.id} class="matrix-cell matrix-empty">
                          <span class="visually-hidden">no commitment</span>
                        </td>
                      );
                    }
                    const look = cellLook(cell, c.lifecycle);
                    return (
                      <td key={c.id} class={`matrix-cell tone-${look.tone}`} title={cellLabel(c.name, cell, c.lifecycle)} data-commitment={cell.id}>
                        <span aria-hidden="true" class="matrix-cell-icon">
                          {look.icon}
                        </span>
                        <span class="matrix-cell-value">{cell.coveragePercent}%</span>
                        <span class="visually-hidden">, {look.text}</span>
                        <StaleMark evidence={cell.evidence} compact />
                      </td>
                    );
                  })}
                  {columns.length === 0 && (
                    <td class="matrix-cell matrix-empty">
                      <span class="visually-hidden">no commitment</span>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

const formatPercent = (p: number) => `${Number.isInteger(p) ? p : p.toFixed(1)}%`;

/** What the marks of the matrix mean. */
export function MatrixLegend() {
  return (
    <ul class="matrix-legend" aria-label="Legend">
      <li>
        <span class="matrix-swatch tone-good" aria-hidden="true">
          ✓
        </span>
        holds
      </li>
      <li>
        <span class="matrix-swatch tone-bad" aria-hidden="true">
          ✕
        </span>
        does not hold
      </li>
      <li>
        <span class="matrix-swatch tone-info" aria-hidden="true">
          ◷
        </span>
        planned service
      </li>
      <li>
        <span class="stale-mark" aria-hidden="true">
          ⌛ Stale
        </span>
        evidence stale: no recent measurement of a targeted metric
      </li>
      <li>
        <span class="matrix-swatch matrix-swatch-empty" aria-hidden="true" />
        no commitment
      </li>
      <li>
        services:{' '}
        {(['LIVE', 'RETIRING', 'PLANNED'] as const).map((l) => (
          <span key={l} class={`matrix-legend-life tone-${lifecycleLook[l].tone}`}>
            <span aria-hidden="true">{lifecycleLook[l].icon}</span> {lifecycleLook[l].label.toLowerCase()}
          </span>
        ))}
      </li>
      <li>
        <span class="matrix-swatch matrix-swatch-problem" aria-hidden="true" />
        row highlighted: {statusLook.GAP.label}, {statusLook.OVERPROMISED.label} or {statusLook.UNDER_DELIVERED.label}
      </li>
    </ul>
  );
}
