// Import: a workbook or CSV files uploaded, the dry run shown as tables with
// the problems first, and the import once the dry run is clean.
import { useState } from 'preact/hooks';
import { useSession } from '../../shared/session';
import { storedToken } from '../../shared/token';
import { PageHeader } from '../../shared/ui';
import { downloadReport } from '../reports/download';
import { changeCount, headline, placeOf, readAnswer, shown, type ImportReport } from './report';
import './import.css';

/** How many changes the table lists; the counts above it cover them all. */
const shownChanges = 500;

async function send(files: File[], dryRun: boolean, prune: boolean): Promise<ImportReport> {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  const token = storedToken();
  let res: Response;
  try {
    res = await fetch(`/api/import?dryRun=${dryRun}&prune=${prune}`, {
      method: 'POST',
      body,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new Error('The server does not answer. Check your connection and try again.');
  }
  return readAnswer(res);
}

export default function ImportView() {
  document.title = 'Import · Alliance';
  const session = useSession();
  const [files, setFiles] = useState<File[]>([]);
  const [prune, setPrune] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'Checking the files…' : 'Importing…');
    setError(null);
    try {
      setReport(await send(files, dryRun, prune));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const template = async () => {
    try {
      await downloadReport('/api/import/template', 'alliance-import-template.xlsx');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const ready = report && report.dryRun && report.problems.length === 0 && changeCount(report) > 0;

  return (
    <section class="page" data-view="import">
      <PageHeader
        title="Import"
        subtitle="An .xlsx workbook with a sheet per entity, or one CSV file per entity. A dry run comes first: nothing is written until you confirm."
        actions={
          <button type="button" class="button" onClick={template}>
            Download the template
          </button>
        }
      />
      {!session.canEdit ? (
        <p class="import-note">Importing needs the editor role; your session is a {session.role.toLowerCase()}.</p>
      ) : (
        <form
          class="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(true);
          }}
        >
          <label>
            Files
            <input
              type="file"
              name="file"
              multiple
              accept=".xlsx,.csv"
              onChange={(e) => {
                setFiles(Array.from((e.currentTarget as HTMLInputElement).files ?? []));
                setReport(null);
              }}
            />
          </label>
          <label class="import-prune">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune((e.currentTarget as HTMLInputElement).checked)} />
            Remove the stored rows the files leave out (listed in the dry run first)
          </label>
          <div class="import-actions">
            <button type="submit" class="button" disabled={files.length === 0 || !!busy}>
              Dry run
            </button>
            {ready && (
              <button type="button" class="button primary" disabled={!!busy} onClick={() => run(false)}>
                Import {changeCount(report)} {changeCount(report) === 1 ? 'change' : 'changes'}
              </button>
            )}
          </div>
        </form>
      )}
      {busy && (
        <p class="state loading" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p class="import-error" role="alert">
          {error}
        </p>
      )}
      {report && <Report report={report} />}
    </section>
  );
}

function Report({ report }: { report: ImportReport }) {
  const ok = report.problems.length === 0;
  return (
    <div class="import-report" data-import={report.applied ? 'applied' : report.problems.length ? 'problems' : 'dry-run'}>
      <p class={`import-headline ${ok ? (report.applied ? 'good' : 'info') : 'bad'}`} role="status">
        {headline(report)}
      </p>
      {report.problems.length > 0 && (
        <table class="import-problems">
          <caption>Problems</caption>
          <thead>
            <tr>
              <th scope="col">Sheet</th>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i} class="problem" title={placeOf(p)}>
                <td>{p.sheet}</td>
                <td>{p.row > 0 ? p.row : ''}</td>
                <td>{p.column}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.notices.length > 0 && (
        <ul class="import-notices">
          {report.notices.map((n, i) => (
            <li key={i}>
              {placeOf(n)}: {n.message}
            </li>
          ))}
        </ul>
      )}
      {report.sheets.length > 0 && (
        <table class="import-sheets">
          <caption>Rows by sheet</caption>
          <thead>
            <tr>
              <th scope="col">Sheet</th>
              <th scope="col">Rows</th>
              <th scope="col">{report.applied ? 'Created' : 'To create'}</th>
              <th scope="col">{report.applied ? 'Updated' : 'To update'}</th>
              <th scope="col">Unchanged</th>
              {report.prune && <th scope="col">{report.applied ? 'Removed' : 'To remove'}</th>}
              <th scope="col">Stored, not in the file (left alone)</th>
            </tr>
          </thead>
          <tbody>
            {report.sheets.map((s) => (
              <tr key={s.sheet}>
                <th scope="row">{s.sheet}</th>
                <td>{s.rows}</td>
                <td>{s.created}</td>
                <td>{s.updated}</td>
                <td>{s.unchanged}</td>
                {report.prune && <td>{s.deleted}</td>}
                <td>{s.leftAlone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.changes.length > 0 && (
        <table class="import-changes">
          <caption>
            Changes{report.changes.length > shownChanges ? ` (the first ${shownChanges} of ${report.changes.length})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Where</th>
              <th scope="col">Row</th>
              <th scope="col">Fields (before → after)</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.slice(0, shownChanges).map((c, i) => (
              <tr key={i} class={`change ${c.action.toLowerCase()}`}>
                <td>{{ CREATE: 'Create', UPDATE: 'Update', DELETE: 'Remove' }[c.action]}</td>
                <td>
                  {c.sheet}: {c.key}
                  {c.detail ? <span class="import-detail"> ({c.detail})</span> : null}
                </td>
                <td>{c.row > 0 ? c.row : ''}</td>
                <td>
                  {(c.fields ?? []).map((f) => (
                    <div key={f.field}>
                      <code>{f.field}</code>: {c.action === 'CREATE' ? shown(f.after) : `${shown(f.before)} → ${shown(f.after)}`}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
