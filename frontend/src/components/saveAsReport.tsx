// "Save as report": keeps the query behind a view, with its present
// variables, as a report runnable by URL (admins).
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf } from '../app/api';
import { useSession } from '../app/session';
import { graphql } from '../gql';
import { Dialog } from './dialog';
import { fieldError, formError, FormFooter, TextField } from './form';

const SaveReport = graphql(`
  mutation SaveReport($input: ReportInput!) {
    saveReport(input: $input) {
      slug
      csvUrl
      jsonUrl
    }
  }
`);

/** The button and dialog that save a query as a report. Renders nothing for non-admins. */
export function SaveAsReport({ query, variables, title }: { query: string; variables: Record<string, unknown>; title: string }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState(slugOf(title));
  const [name, setName] = useState(title);
  const [saved, setSaved] = useState<{ csvUrl: string; jsonUrl: string } | null>(null);
  const [state, save] = useMutation(SaveReport);
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>(null);
  if (!session.isAdmin) return null;
  async function submit(e: Event) {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(variables).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    const res = await save({ input: { slug, title: name, query, variables: clean } });
    const p = problemOf(res.error);
    setProblem(p);
    if (!p && res.data) setSaved(res.data.saveReport);
  }
  return (
    <>
      <button type="button" class="button" onClick={() => { setSaved(null); setOpen(true); }}>
        Save as report
      </button>
      <Dialog title="Save as report" open={open} onClose={() => setOpen(false)}>
        {saved ? (
          <div class="dialog-body">
            <p>Saved. It runs by URL with your token, or with a share link made on the Reports page:</p>
            <ul>
              <li>
                <a href={saved.csvUrl}>{saved.csvUrl}</a>
              </li>
              <li>
                <a href={saved.jsonUrl}>{saved.jsonUrl}</a>
              </li>
            </ul>
            <p>
              <a href="/reports">All reports</a>
            </p>
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            <div class="dialog-body">
              {formError(problem, ['slug', 'title']) && (
                <p class="form-error" role="alert">
                  {formError(problem, ['slug', 'title'])}
                </p>
              )}
              <TextField label="Title" value={name} onValue={setName} error={fieldError(problem, 'title')} />
              <TextField label="Slug" value={slug} onValue={setSlug} error={fieldError(problem, 'slug')}
                hint="Lower-case letters, digits and dashes: the report's URL is /reports/SLUG.csv." />
              <details>
                <summary>Query</summary>
                <pre class="code">{query.trim()}</pre>
              </details>
            </div>
            <FormFooter busy={state.fetching} submitLabel="Save report" onCancel={() => setOpen(false)} />
          </form>
        )}
      </Dialog>
    </>
  );
}

/** A slug from a title: "Gaps by client" → "gaps-by-client". */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
