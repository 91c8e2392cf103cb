// "Download": a view's rows as a CSV or XLSX file, with the view's filters
// and every page, for any signed-in role. The file is fetched with the
// session's credentials (a plain link would carry no bearer token).
import { useState } from 'preact/hooks';
import { downloadReport } from '../routes/reports/download';
import { backupFileName, backupUrl, exportFileName, exportUrl, type ExportFormat, type ExportWhat } from './exportUrl';
import { useSession } from './session';
import './download.css';

const formats: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
];

/**
 * The Download menu of a view: what it lists, its filters as variables, and
 * the id in the file's name. With backup, admins are also offered the JSON
 * export: of the whole map, or of backup.client's part.
 */
export function DownloadMenu({ what, params, id, backup }: { what: ExportWhat; params?: Record<string, unknown>; id?: string; backup?: { client?: string } }) {
  const session = useSession();
  const [busy, setBusy] = useState<ExportFormat | 'json' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  async function download(format: ExportFormat | 'json', e: Event) {
    (e.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
    setBusy(format);
    setProblem(null);
    try {
      if (format === 'json') await downloadReport(backupUrl(backup?.client), backupFileName(backup?.client));
      else await downloadReport(exportUrl(what, format, params), exportFileName(what, format, id));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div class="download">
      <details class="download-menu">
        <summary class="button" aria-busy={busy !== null}>
          {busy ? 'Downloading…' : 'Download'}
        </summary>
        <div class="download-choices" role="group" aria-label="Download as">
          {formats.map((f) => (
            <button key={f.format} type="button" class="download-choice" data-format={f.format} onClick={(e) => download(f.format, e)}>
              {f.label}
            </button>
          ))}
          {backup && session.isAdmin && (
            <button type="button" class="download-choice" data-format="json" onClick={(e) => download('json', e)}>
              {backup.client ? 'This client’s part (JSON export)' : 'Whole map (JSON export)'}
            </button>
          )}
        </div>
      </details>
      {problem && (
        <p class="download-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
