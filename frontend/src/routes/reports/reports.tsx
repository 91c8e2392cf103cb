// Reports: the saved GraphQL queries, runnable by URL as JSON or CSV; their
// downloads and URLs; and for admins, share links and deleting.
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../../shared/api';
import { count } from '../../shared/format';
import { useSession } from '../../shared/session';
import { ConfirmDialog } from '../../shared/dialog';
import { Empty, ErrorBox, Loading, PageHeader } from '../../shared/ui';
import { graphql } from '../../gql';
import { ReportCard, type Report } from './card';
import { activeLinksBySlug, curlCommand, deleteConsequence, downloadName, importDataFormula, pagesAll, withAll } from './links';
import { useReturnFocus } from './focus';
import { ShareLinkDialog, ShareLinksTable } from './share';
import './reports.css';

const ReportingReports = graphql(`
  query ReportingReports {
    reports {
      slug
      title
      description
      query
      variables
      documentId
      jsonUrl
      csvUrl
      createdAt
      updatedAt
      createdBy
    }
  }
`);

const ReportingShareLinks = graphql(`
  query ReportingShareLinks($internal: Boolean! = true) {
    shareLinks @include(if: $internal) {
      id
      report {
        slug
        title
      }
      client {
        id
        name
      }
      url
      jsonUrl
      createdAt
      createdBy
      expiresAt
      revokedAt
      active
    }
  }
`);

const ReportingDeleteReport = graphql(`
  mutation ReportingDeleteReport($slug: String!) {
    deleteReport(slug: $slug)
  }
`);

export default function Reports() {
  document.title = 'Reports · Alliance';
  const session = useSession();
  const [reports, reloadReports] = useQuery({ query: ReportingReports });
  const [links, reloadLinks] = useQuery({ query: ReportingShareLinks, pause: !session.isAdmin });
  const [sharing, setSharing] = useState<Report | null>(null);
  const [deleting, setDeleting] = useState<Report | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [deleteState, deleteReport] = useMutation(ReportingDeleteReport);
  const list = reports.data?.reports;
  const linkList = links.data?.shareLinks;
  const active = linkList ? activeLinksBySlug(linkList) : null;
  const refreshLinks = () => reloadLinks({ requestPolicy: 'network-only' });
  const focus = useReturnFocus();
  const closeShare = () => {
    setSharing(null);
    focus.restore();
  };
  const closeDelete = (gone: boolean) => {
    setDeleting(null);
    focus.restore(gone ? ['#reports-heading', '#main'] : undefined);
  };
  return (
    <section class="page" data-view="reports">
      <PageHeader
        title="Reports"
        subtitle="Saved GraphQL queries that run by URL as CSV or JSON: for spreadsheets, dashboards and scripts."
        actions={
          <a class="button" href="/graphiql">
            Open GraphiQL
          </a>
        }
      />
      {deleted && (
        <p class="reports-notice" role="status">
          <span aria-hidden="true">✓</span> Deleted the report “{deleted}”.
        </p>
      )}
      {reports.error ? (
        <ErrorBox error={reports.error} retry={() => reloadReports({ requestPolicy: 'network-only' })} />
      ) : !list ? (
        <Loading what="Loading reports" />
      ) : list.length === 0 ? (
        <Empty>
          <p>
            No reports yet. Save one from a view (<a href="/">Save as report</a>) or from <a href="/graphiql">GraphiQL</a>.
          </p>
          {!session.isAdmin && <p class="small">Saving a report needs an admin token.</p>}
        </Empty>
      ) : (
        <>
          <h2 class="reports-count" id="reports-heading" tabIndex={-1}>
            {count(list.length, 'saved report')}
          </h2>
          <div class="reports-list">
            {list.map((r) => (
              <ReportCard
                key={r.slug}
                report={r}
                isAdmin={session.isAdmin}
                activeLinks={active ? (active.get(r.slug) ?? 0) : null}
                onShare={() => {
                  focus.remember();
                  setSharing(r);
                }}
                onDelete={() => {
                  focus.remember();
                  setDeleteProblem(null);
                  setDeleting(r);
                }}
              />
            ))}
          </div>
        </>
      )}

      {session.isAdmin && (
        <section class="reports-section" aria-labelledby="reports-links-title">
          <h2 id="reports-links-title" tabIndex={-1}>
            Share links
          </h2>
          <p class="muted small">Each runs one report without a token, until it expires or is revoked. Only admins see this list.</p>
          {links.error ? (
            <ErrorBox error={links.error} retry={refreshLinks} />
          ) : !linkList ? (
            <Loading what="Loading share links" />
          ) : (
            <ShareLinksTable links={linkList} onChanged={refreshLinks} />
          )}
        </section>
      )}

      <Recipes example={list?.[0]} />

      {sharing && <ShareLinkDialog report={sharing} onClose={closeShare} onCreated={refreshLinks} />}
      {deleting && (
        <ConfirmDialog
          open
          title="Delete report"
          busy={deleteState.fetching}
          error={deleteProblem}
          consequence={
            <>
              Delete the report “{deleting.title}” (<code>{deleting.slug}</code>)? Its URLs stop working
              {deleteConsequence(active ? (active.get(deleting.slug) ?? 0) : null)}. This cannot be undone.
            </>
          }
          onClose={() => closeDelete(false)}
          onConfirm={async () => {
            const res = await deleteReport({ slug: deleting.slug });
            const p = problemOf(res.error);
            if (p) {
              setDeleteProblem(p.message);
              return;
            }
            setDeleted(deleting.title);
            closeDelete(true);
            reloadReports({ requestPolicy: 'network-only' });
            refreshLinks();
          }}
        />
      )}
    </section>
  );
}

/** The README's recipes, briefly, with this server's URLs. */
function Recipes({ example }: { example?: Report }) {
  const paged = example ? pagesAll(example.query) : true;
  const plain = example ? example.csvUrl : `${location.origin}/reports/SLUG.csv`;
  const csv = paged ? withAll(plain) : plain;
  const file = example ? downloadName(example.slug, 'csv', paged) : 'report.csv';
  return (
    <section class="reports-section card reports-recipes" aria-labelledby="reports-recipes-title">
      <h2 id="reports-recipes-title">Use a report elsewhere</h2>
      <ul>
        <li>
          <strong>curl and scripts</strong>: send a token (a viewer token is enough) as a Bearer header.
          <pre class="code">{curlCommand(csv, file)}</pre>
        </li>
        <li>
          <strong>Spreadsheet import by URL</strong>: make a share link (admins), then in Google Sheets{' '}
          <code class="reports-url-text">{importDataFormula(`${plain}?share=…${paged ? '&all=true' : ''}`)}</code>, or in LibreOffice Calc{' '}
          <em>Sheet → Link to External Data</em> with the same URL.
        </li>
        <li>
          <strong>Excel Power Query, Grafana</strong>: the CSV or JSON URL, with the header <code>Authorization: Bearer …</code> or a share link
          instead. <code>?all=true</code> returns every page; other query-string parameters override the default variables (<code>?first=20</code>).
        </li>
      </ul>
    </section>
  );
}
