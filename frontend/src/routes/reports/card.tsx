// One saved report: what it is, its downloads and URLs, its query, and (for
// admins) share and delete.
import { useState } from 'preact/hooks';
import { count, formatDate, formatTime } from '../../shared/format';
import { Flag } from '../../shared/ui';
import type { ReportingReportsQuery } from '../../gql/graphql';
import { downloadReport } from './download';
import { downloadName, pagesAll, variablesText, withAll, type Format } from './links';
import { UrlList, type NamedUrl } from '../../shared/urls';

export type Report = ReportingReportsQuery['reports'][number];

interface Download {
  format: Format;
  all: boolean;
  url: string;
  label: string;
}

/** The downloads of a report: CSV and JSON, and every page of each when the query pages. */
export function downloadsOf(r: Pick<Report, 'csvUrl' | 'jsonUrl' | 'query'>): Download[] {
  const list: Download[] = [
    { format: 'csv', all: false, url: r.csvUrl, label: 'CSV' },
    { format: 'json', all: false, url: r.jsonUrl, label: 'JSON' },
  ];
  if (pagesAll(r.query)) {
    list.push(
      { format: 'csv', all: true, url: withAll(r.csvUrl), label: 'CSV, all pages' },
      { format: 'json', all: true, url: withAll(r.jsonUrl), label: 'JSON, all pages' },
    );
  }
  return list;
}

export function ReportCard({
  report: r,
  isAdmin,
  activeLinks,
  onShare,
  onDelete,
}: {
  report: Report;
  isAdmin: boolean;
  /** Share links of this report that still work; null when not known (not an admin). */
  activeLinks: number | null;
  onShare: () => void;
  onDelete: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const downloads = downloadsOf(r);
  const paged = downloads.length > 2;
  const vars = variablesText(r.variables);
  const headingId = `report-${r.slug}`;
  async function download(d: Download) {
    setBusy(d.label);
    setProblem(null);
    try {
      await downloadReport(d.url, downloadName(r.slug, d.format, d.all));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <article class="card reports-card" aria-labelledby={headingId}>
      <header class="reports-card-head">
        <div class="reports-card-title">
          <h3 id={headingId}>{r.title}</h3>
          <code class="reports-slug" title="Slug">
            {r.slug}
          </code>
          {paged && (
            <Flag tone="info" icon="⇟">
              Pages through every row
            </Flag>
          )}
        </div>
        {isAdmin && (
          <div class="reports-card-actions">
            <button type="button" class="button small" onClick={onShare}>
              Share link…<span class="visually-hidden"> for {r.title}</span>
            </button>
            <button type="button" class="button small reports-delete" onClick={onDelete}>
              Delete<span class="visually-hidden"> {r.title}</span>
            </button>
          </div>
        )}
      </header>
      {r.description && <p class="reports-description">{r.description}</p>}
      <p class="muted small reports-meta">
        Saved {formatDate(r.createdAt)}
        {r.createdBy ? ` by ${r.createdBy}` : ''}
        {r.updatedAt !== r.createdAt && <> · changed <time dateTime={r.updatedAt}>{formatTime(r.updatedAt)}</time></>}
        {activeLinks !== null && ` · ${count(activeLinks, 'active share link')}`}
      </p>
      <div class="reports-downloads" role="group" aria-label={`Download ${r.title}`}>
        {downloads.map((d) => (
          <button key={d.label} type="button" class="button small" disabled={busy !== null} onClick={() => download(d)}>
            <span aria-hidden="true">⤓</span> {busy === d.label ? 'Downloading…' : d.label}
            <span class="visually-hidden"> of {r.title}</span>
          </button>
        ))}
      </div>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <p class="small muted reports-urls-caption">For tools, sending your token as the header <code>Authorization: Bearer …</code>:</p>
      <UrlList subject={r.title} urls={downloads.map((d): NamedUrl => ({ label: d.label, url: d.url }))} />
      <details class="reports-more">
        <summary>Query{vars ? ' and default variables' : ''}</summary>
        <pre class="code reports-query">{r.query.trim()}</pre>
        {vars && (
          <>
            <p class="small muted">Default variables (the URL's query string overrides them, e.g. ?first=20):</p>
            <pre class="code reports-query">{vars}</pre>
          </>
        )}
        <p class="small muted">
          As a persisted document: <code class="reports-url-text">GET /graphql?documentId={r.documentId}</code>
        </p>
      </details>
    </article>
  );
}
