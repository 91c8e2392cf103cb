/** @jsxImportSource react */
// "Save as report" in GraphiQL (a React page, unlike the app): a toolbar
// button that keeps the editor's query and variables as a report, through
// /graphql with the tab's token (and the headers editor's headers, as a run).
import { Dialog, ToolbarButton, useEditorContext } from '@graphiql/react';
import { print } from 'graphql';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { postOperation } from './fetcher';
import { graphql } from '../../gql';
import type { ReportingSaveFromConsoleMutation } from '../../gql/graphql';
import { copyText } from '../../shared/clipboard';
import { slugFrom } from '../../shared/slug';
import { keepDeclared, operationChoices, parseObject, pickOperation, titleOf } from './draft';
import './console.css';

const ReportingSaveFromConsole = graphql(`
  mutation ReportingSaveFromConsole($input: ReportInput!, $replace: Boolean) {
    saveReport(input: $input, replace: $replace) {
      slug
      title
      csvUrl
      jsonUrl
    }
  }
`);

type Saved = ReportingSaveFromConsoleMutation['saveReport'];

/** What the editors held when the dialog opened. */
interface Snapshot {
  text: string;
  operationName: string | null;
  variables: string;
  headers: string;
}

interface Problem {
  message: string;
  field?: string;
}

/** The toolbar button; the dialog opens with the editors' present contents. */
export function SaveAsReportButton() {
  const editors = useEditorContext({ nonNull: true });
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The dialog has no Radix trigger, so focus is given back by hand.
  const close = () => {
    setSnapshot(null);
    setTimeout(() => button.current?.focus(), 0);
  };
  return (
    <>
      <ToolbarButton
        ref={button}
        label="Save as report"
        onClick={() =>
          setSnapshot({
            text: editors.queryEditor?.getValue() ?? '',
            operationName: editors.queryEditor?.operationName ?? null,
            variables: editors.variableEditor?.getValue() ?? '',
            headers: editors.headerEditor?.getValue() ?? '',
          })
        }
      >
        <SaveIcon />
      </ToolbarButton>
      <Dialog open={snapshot !== null} onOpenChange={(open) => !open && close()}>
        {snapshot && <SaveForm snapshot={snapshot} onClose={close} />}
      </Dialog>
    </>
  );
}

function SaveIcon() {
  return (
    <svg className="graphiql-toolbar-icon" aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M14 3v5h5" />
      <path d="M9 13h7M9 17h5" />
    </svg>
  );
}

function SaveForm({ snapshot, onClose }: { snapshot: Snapshot; onClose: () => void }) {
  const queries = operationChoices(snapshot.text).filter((o) => o.kind === 'query' && o.name !== null);
  const several = operationChoices(snapshot.text).length > 1;
  const [operation, setOperation] = useState<string | null>(
    queries.some((q) => q.name === snapshot.operationName) ? snapshot.operationName : (queries[0]?.name ?? null),
  );
  const picked = pickOperation(snapshot.text, operation);
  const suggested = titleOf(picked.ok ? picked.operationName : operation);
  const [title, setTitle] = useState(suggested);
  const [titleEdited, setTitleEdited] = useState(false);
  const [slug, setSlug] = useState(slugFrom(suggested));
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  // The slug a CONFLICT named: a report has it; saving again replaces it.
  const [taken, setTaken] = useState<string | null>(null);
  const replacing = taken !== null && taken === slug.trim();
  // Title and slug follow the chosen operation until they are typed in.
  useEffect(() => {
    if (!titleEdited) setTitle(suggested);
  }, [suggested, titleEdited]);
  useEffect(() => {
    if (!slugEdited) setSlug(slugFrom(title));
  }, [title, slugEdited]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!picked.ok) return setProblem({ message: picked.error, field: 'query' });
    const vars = parseObject(snapshot.variables, 'Variables');
    if (!vars.ok) return setProblem({ message: `${vars.error} Fix the Variables editor and try again.`, field: 'variables' });
    const headers = parseObject(snapshot.headers, 'Headers');
    if (!headers.ok) return setProblem({ message: `${headers.error} Fix the Headers editor and try again.` });
    setBusy(true);
    setProblem(null);
    try {
      const input = { slug: slug.trim(), title, description: description.trim() || null, query: picked.query, variables: keepDeclared(vars.value, picked.declared) };
      const answer = (await postOperation('/graphql', { query: print(ReportingSaveFromConsole), variables: { input, replace: replacing }, operationName: 'ReportingSaveFromConsole' }, headers.value)) as {
        data?: { saveReport?: Saved } | null;
        errors?: Array<{ message: string; extensions?: { field?: unknown; code?: unknown } }>;
      };
      const err = answer.errors?.[0];
      if (err) {
        const field = typeof err.extensions?.field === 'string' ? err.extensions.field.replace(/^input\./, '') : undefined;
        if (err.extensions?.code === 'CONFLICT' && field === 'slug') setTaken(input.slug);
        else setProblem({ message: err.message, field });
      } else if (answer.data?.saveReport) {
        setSaved(answer.data.saveReport);
      } else {
        setProblem({ message: 'The server answered without the saved report.' });
      }
    } catch (e) {
      setProblem({ message: e instanceof Error ? e.message : 'The server does not answer. Check your connection and try again.' });
    } finally {
      setBusy(false);
    }
  }

  if (saved) return <SavedView saved={saved} onClose={onClose} />;
  const at = (f: string) => (problem?.field === f || problem?.field?.startsWith(`${f}.`) ? problem.message : undefined);
  const general = problem && !['slug', 'title', 'description', 'query', 'variables'].some((f) => at(f)) ? problem.message : undefined;
  return (
    <form className="reporting-console" onSubmit={submit} noValidate>
      <Header title="Save as report" />
      <Dialog.Description className="reporting-console-lead">
        Keeps this query and its variables as a report that runs by URL as CSV or JSON.
      </Dialog.Description>
      <div className="reporting-console-body">
        {general && (
          <p className="reporting-console-error" role="alert">
            {general}
          </p>
        )}
        {several && (
          <Field label="Operation" hint="The editor holds several operations: the report keeps one, with the fragments it uses.">
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={operation ?? ''} onChange={(e) => setOperation(e.target.value || null)}>
                {queries.map((q) => (
                  <option key={q.name} value={q.name ?? ''}>
                    {q.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Title" error={at('title')}>
          {(id, describedBy, invalid) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid} value={title}
              onChange={(e) => {
                setTitleEdited(true);
                setTitle(e.target.value);
              }}
              autoFocus
            />
          )}
        </Field>
        <Field label="Slug" error={at('slug')} hint="Lower-case letters, digits and dashes: the report's URL is /reports/SLUG.csv.">
          {(id, describedBy, invalid) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid} value={slug} spellCheck={false}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
            />
          )}
        </Field>
        {replacing && (
          <p className="reporting-console-error" role="alert">
            A report with the slug “{taken}” exists. Save again to replace it, or choose another slug.
          </p>
        )}
        <Field label="Description (optional)" error={at('description')}>
          {(id, describedBy, invalid) => <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <QueryPreview text={picked.ok ? picked.query : snapshot.text.trim() || '(empty)'} error={at('query') ?? at('variables')} />
      </div>
      <div className="reporting-console-footer">
        <button type="button" className="graphiql-button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="graphiql-button reporting-console-primary" disabled={busy}>
          {busy ? 'Saving…' : replacing ? 'Replace report' : 'Save report'}
        </button>
      </div>
    </form>
  );
}

function Header({ title }: { title: string }) {
  return (
    <div className="graphiql-dialog-header">
      <Dialog.Title className="graphiql-dialog-title">{title}</Dialog.Title>
      <Dialog.Close />
    </div>
  );
}

/** A labelled field, its error or hint tied to it for screen readers. */
function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (id: string, describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className={`reporting-console-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, note ? `${id}-note` : undefined, !!error)}
      {note && (
        <p id={`${id}-note`} className={error ? 'reporting-console-error' : 'reporting-console-hint'} role={error ? 'alert' : undefined}>
          {note}
        </p>
      )}
    </div>
  );
}

/** The query that will be saved, and the server's error about it. */
function QueryPreview({ text, error }: { text: string; error?: string }) {
  const id = useId();
  return (
    <div className={`reporting-console-field${error ? ' invalid' : ''}`}>
      <span id={`${id}-label`} className="reporting-console-label">
        Query to save
      </span>
      <pre className="reporting-console-query" tabIndex={0} role="region" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
        {text}
      </pre>
      {error && (
        <p id={`${id}-error`} className="reporting-console-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function SavedView({ saved, onClose }: { saved: Saved; onClose: () => void }) {
  return (
    <div className="reporting-console">
      <Header title="Report saved" />
      <Dialog.Description className="reporting-console-lead">
        <span aria-hidden="true">✓ </span>Saved “{saved.title}” as <code>{saved.slug}</code>. Its URLs need a token (send it as <code>Authorization: Bearer …</code>); for
        tools that cannot send one, make a share link on the Reports page.
      </Dialog.Description>
      <div className="reporting-console-body">
        <CopyRow label="CSV" url={saved.csvUrl} />
        <CopyRow label="JSON" url={saved.jsonUrl} />
        <p>
          <a href="/reports">See it on the Reports page</a> (downloads, share links).
        </p>
      </div>
      <div className="reporting-console-footer">
        <button type="button" className="graphiql-button reporting-console-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

function CopyRow({ label, url }: { label: string; url: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="reporting-console-url">
      <span className="reporting-console-url-label">{label}</span>
      <code>{url}</code>
      <button type="button" className="graphiql-button" aria-label={`Copy the ${label} URL`} onClick={async () => setCopied(await copyText(url))}>
        {copied === true ? '✓ Copied' : copied === false ? 'Select and copy' : 'Copy'}
      </button>
      <span role="status" className="reporting-console-hidden">
        {copied === true ? `${label} URL copied` : ''}
      </span>
    </div>
  );
}
