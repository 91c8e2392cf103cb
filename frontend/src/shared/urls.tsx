// Copying URLs, and the list of a report's URLs for tools.
import { useEffect, useState } from 'preact/hooks';
import { copyText } from './clipboard';

/** A button that copies text and says so (to screen readers too). */
export function CopyButton({ text, what, label = 'Copy' }: { text: string; what: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button type="button" class="button small reports-copy" aria-label={`${label} ${what}`} onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}>
        {state === 'copied' ? (
          <>
            <span aria-hidden="true">✓</span> Copied
          </>
        ) : state === 'failed' ? (
          'Select and copy it'
        ) : (
          label
        )}
      </button>
      <span role="status" class="visually-hidden">
        {state === 'copied' ? `${what} copied` : state === 'failed' ? `Could not copy the ${what}: select it and copy it yourself` : ''}
      </span>
    </>
  );
}

export interface NamedUrl {
  label: string;
  url: string;
}

/** URLs shown in full (selectable), each with a Copy button. */
export function UrlList({ urls, subject }: { urls: NamedUrl[]; subject: string }) {
  return (
    <dl class="reports-urls">
      {urls.map((u) => (
        <div key={u.label} class="reports-url">
          <dt>{u.label}</dt>
          <dd>
            <code class="reports-url-text">{u.url}</code>
            <CopyButton text={u.url} what={`${u.label} URL of ${subject}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
