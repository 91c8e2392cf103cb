// Share links (admins): making one for a report, and the list of every link
// with revoke.
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { problemOf, type Problem } from '../../shared/api';
import { formatDate, formatTime } from '../../shared/format';
import { ConfirmDialog, Dialog } from '../../shared/dialog';
import { fieldError, formError, FormFooter, SelectField, TextField } from '../../shared/form';
import { Empty, Flag } from '../../shared/ui';
import { graphql } from '../../gql';
import type { ReportingShareLinksQuery } from '../../gql/graphql';
import { defaultExpiry, expiryChoices, importDataFormula, linkStateLook, pagesAll, shareLinkState, withAll } from './links';
import { useReturnFocus } from './focus';
import { CopyButton, UrlList } from '../../shared/urls';
import { useSettled } from '../../shared/hooks';

const ReportingClients = graphql(`
  query ReportingClients($search: String) {
    clients(first: 100, filter: { search: $search }) {
      totalCount
      nodes {
        id
        name
      }
    }
  }
`);

const ReportingCreateShareLink = graphql(`
  mutation ReportingCreateShareLink($slug: String!, $expiresIn: String, $clientId: ID) {
    createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) {
      id
      url
      jsonUrl
      expiresAt
      client {
        name
      }
    }
  }
`);

const ReportingRevokeShareLink = graphql(`
  mutation ReportingRevokeShareLink($id: ID!) {
    revokeShareLink(id: $id) {
      id
      active
      revokedAt
    }
  }
`);

export type ShareLink = NonNullable<ReportingShareLinksQuery['shareLinks']>[number];

const fields = ['slug', 'expiresIn', 'clientId'];

/** Makes a share link to a report, then shows its URLs to copy. */
export function ShareLinkDialog({ report, onClose, onCreated }: { report: { slug: string; title: string; query: string }; onClose: () => void; onCreated: () => void }) {
  const [expiresIn, setExpiresIn] = useState(defaultExpiry);
  const [search, setSearch] = useState('');
  const [client, setClient] = useState<{ id: string; name: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<{ url: string; jsonUrl: string; expiresAt: string; client?: { name: string } | null } | null>(null);
  const [state, create] = useMutation(ReportingCreateShareLink);
  const debounced = useSettled(search);
  const [clients] = useQuery({ query: ReportingClients, variables: { search: debounced || null } });
  const found = clients.data?.clients;
  // The search field appears once there are more clients than one list shows.
  const [many, setMany] = useState(false);
  useEffect(() => {
    if (found && !debounced && found.totalCount > found.nodes.length) setMany(true);
  }, [found, debounced]);
  const options = [{ value: '', label: 'Every client' }, ...(found?.nodes ?? []).map((c) => ({ value: c.id, label: c.name }))];
  if (client && !options.some((o) => o.value === client.id)) options.push({ value: client.id, label: client.name });
  const paged = pagesAll(report.query);
  async function submit(e: Event) {
    e.preventDefault();
    const res = await create({ slug: report.slug, expiresIn, clientId: client?.id ?? null });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p && res.data) {
      setCreated(res.data.createShareLink);
      onCreated();
    }
  }
  return (
    <Dialog title={created ? 'Share link made' : `Share link to “${report.title}”`} open onClose={onClose} wide={!!created}>
      {created ? (
        <>
          <div class="dialog-body">
            <p>
              Anyone with this link can read the report{created.client ? ` for ${created.client.name} only` : ''}, without a token, until{' '}
              {formatTime(created.expiresAt)} or until it is revoked. Keep it out of public places.
            </p>
            <UrlList
              subject="the share link"
              urls={[
                { label: 'CSV', url: created.url },
                { label: 'JSON', url: created.jsonUrl },
                ...(paged
                  ? [
                      { label: 'CSV, all pages', url: withAll(created.url) },
                      { label: 'JSON, all pages', url: withAll(created.jsonUrl) },
                    ]
                  : []),
              ]}
            />
            <p class="small">
              In Google Sheets: <code class="reports-url-text">{importDataFormula(paged ? withAll(created.url) : created.url)}</code>{' '}
              <CopyButton text={importDataFormula(paged ? withAll(created.url) : created.url)} what="spreadsheet formula" />
            </p>
          </div>
          <footer class="dialog-footer">
            <button type="button" class="button primary" onClick={onClose}>
              Done
            </button>
          </footer>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="dialog-body">
            {formError(problem, fields) && (
              <p class="form-error" role="alert">
                {formError(problem, fields)}
              </p>
            )}
            <p class="small muted">A share link runs this one report, read-only, without a token: for spreadsheets and tools that cannot send headers.</p>
            <SelectField label="Expires in" value={expiresIn} options={expiryChoices} onValue={setExpiresIn} error={fieldError(problem, 'expiresIn')} />
            {many && <TextField label="Find a client" type="search" value={search} onValue={setSearch} hint="Narrows the list below by name." />}
            <SelectField
              label="Limit to a client"
              value={client?.id ?? ''}
              options={options}
              onValue={(id) => {
                const o = options.find((x) => x.value === id);
                setClient(id && o ? { id, name: o.label } : null);
              }}
              error={fieldError(problem, 'clientId') ?? (clients.error ? `The clients could not be loaded: ${problemOf(clients.error)?.message ?? ''}` : undefined)}
            />
            <p class="small muted">
              {client ? `The link shows only ${client.name}'s rows.` : 'The link shows every client’s rows.'}
              {found && found.totalCount > found.nodes.length && ` ${found.nodes.length} of ${found.totalCount} clients listed: type a name to find others.`}
            </p>
          </div>
          <FormFooter busy={state.fetching} submitLabel="Make share link" onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}

/** Every share link, newest first, with revoke. */
export function ShareLinksTable({ links, onChanged }: { links: ShareLink[]; onChanged: () => void }) {
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, revoke] = useMutation(ReportingRevokeShareLink);
  const focus = useReturnFocus();
  const close = (done: boolean) => {
    setRevoking(null);
    focus.restore(done ? ['#reports-links-title', '#main'] : undefined);
  };
  if (links.length === 0) return <Empty>No share links yet. Make one with “Share link…” on a report.</Empty>;
  const now = new Date();
  return (
    <>
      <div class="table-wrap">
        <table class="table reports-links">
          <caption class="visually-hidden">Share links, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Limited to</th>
              <th scope="col">State</th>
              <th scope="col">Expires</th>
              <th scope="col">Made</th>
              <th scope="col">Link</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => {
              const s = shareLinkState(l, now);
              const look = linkStateLook[s];
              return (
                <tr key={l.id}>
                  <th scope="row">
                    {l.report.title}
                    <code class="block small muted">{l.report.slug}</code>
                  </th>
                  <td>{l.client ? l.client.name : <span class="muted">Every client</span>}</td>
                  <td>
                    <Flag tone={look.tone} icon={look.icon}>
                      {look.label}
                    </Flag>
                    {l.revokedAt && <span class="block small muted">{formatDate(l.revokedAt)}</span>}
                  </td>
                  <td>
                    <time dateTime={l.expiresAt}>{formatTime(l.expiresAt)}</time>
                  </td>
                  <td>
                    {formatDate(l.createdAt)}
                    <span class="block small muted">by {l.createdBy}</span>
                  </td>
                  <td class="reports-link-copy">
                    {s === 'active' ? (
                      <>
                        <CopyButton text={l.url} what={`CSV share link to ${l.report.title}`} label="Copy CSV" />
                        <CopyButton text={l.jsonUrl} what={`JSON share link to ${l.report.title}`} label="Copy JSON" />
                      </>
                    ) : (
                      <span class="muted">No longer works</span>
                    )}
                  </td>
                  <td>
                    {s === 'active' && (
                      <button
                        type="button"
                        class="button small"
                        onClick={() => {
                          focus.remember();
                          setProblem(null);
                          setRevoking(l);
                        }}
                      >
                        Revoke<span class="visually-hidden"> the share link to {l.report.title}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {revoking && (
        <ConfirmDialog
          open
          title="Revoke share link"
          confirmLabel="Revoke"
          busy={state.fetching}
          error={problem}
          consequence={
            <>
              Revoke the share link to “{revoking.report.title}”{revoking.client ? ` (limited to ${revoking.client.name})` : ''}? Spreadsheets and tools that
              use it stop getting data at once. This cannot be undone; you can make a new link.
            </>
          }
          onClose={() => close(false)}
          onConfirm={async () => {
            const res = await revoke({ id: revoking.id });
            const p = problemOf(res.error);
            if (p) {
              setProblem(p.message);
              return;
            }
            close(true);
            onChanged();
          }}
        />
      )}
    </>
  );
}
