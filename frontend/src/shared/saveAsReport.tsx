// "Save as report": keeps the query behind a view, with its present
// variables, as a report runnable by URL (admins).
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { problemOf, type Problem } from './api';
import { useSession } from './session';
import { declaredVariables, slugFrom } from './slug';
import { graphql } from '../gql';
import { UrlList } from './urls';
import { Dialog } from './dialog';
import { fieldError, formError, FormFooter, TextField } from './form';

const SaveReport = graphql(`
  mutation SaveReport($input: ReportInput!, $replace: Boolean) {
    saveReport(input: $input, replace: $replace) {
      slug
      title
      csvUrl
      jsonUrl
    }
  }
`);

/**
 * The variables a report keeps: those the query declares, without empty
 * ones (the query's defaults apply to those).
 */
export function reportVariables(query: string, variables: Record<string, unknown>): Record<string, unknown> {
  const declared = declaredVariables(query);
  return Object.fromEntries(Object.entries(variables).filter(([k, x]) => declared.includes(k) && x !== undefined && x !== null && x !== ''));
}

/** The button and dialog that save a query as a report. Renders nothing for non-admins. */
export function SaveAsReport({ query, variables, title }: { query: string; variables: Record<string, unknown>; title: string }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(title);
  // The slug follows the title until it is typed in.
  const [slug, setSlug] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ slug: string; title: string; csvUrl: string; jsonUrl: string } | null>(null);
  const [state, save] = useMutation(SaveReport);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The slug named by a CONFLICT: a report has it; saving again replaces it.
  const [taken, setTaken] = useState<string | null>(null);
  if (!session.isAdmin) return null;
  const shownSlug = slug ?? slugFrom(name);
  const replacing = taken !== null && taken === shownSlug.trim();
  async function submit(e: Event) {
    e.preventDefault();
    const res = await save({ input: { slug: shownSlug.trim(), title: name, query, variables: reportVariables(query, variables) }, replace: replacing });
    const p = problemOf(res.error);
    if (p?.code === 'CONFLICT' && fieldError(p, 'slug')) {
      setTaken(shownSlug.trim());
      setProblem(null);
      return;
    }
    setProblem(p);
    if (!p && res.data) setSaved(res.data.saveReport);
  }
  function close() {
    setOpen(false);
    setProblem(null);
    setTaken(null);
  }
  return (
    <>
      <button type="button" class="button" onClick={() => { setSaved(null); setOpen(true); }}>
        Save as report
      </button>
      <Dialog title="Save as report" open={open} onClose={close}>
        {saved ? (
          <div class="dialog-body">
            <p>
              Saved “{saved.title}”. Its URLs need a token: your own (as a bearer header) or a share link made on the <a href="/reports">Reports</a> page.
            </p>
            <UrlList subject={`report ${saved.slug}`} urls={[{ label: 'CSV', url: saved.csvUrl }, { label: 'JSON', url: saved.jsonUrl }]} />
            <footer class="dialog-footer">
              <a class="button" href="/reports">
                All reports
              </a>
              <button type="button" class="button primary" onClick={close}>
                Done
              </button>
            </footer>
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
              <TextField label="Slug" value={shownSlug} onValue={setSlug} error={fieldError(problem, 'slug')} spellcheck={false}
                hint="Lower-case letters, digits and dashes: the report's URL is /reports/SLUG.csv." />
              {replacing && (
                <p class="form-error" role="alert">
                  A report with the slug “{taken}” exists. Save again to replace it, or choose another slug.
                </p>
              )}
              <details>
                <summary>Query</summary>
                <pre class="code">{query.trim()}</pre>
              </details>
            </div>
            <FormFooter busy={state.fetching} submitLabel={replacing ? 'Replace report' : 'Save report'} onCancel={close} />
          </form>
        )}
      </Dialog>
    </>
  );
}
