// Form fields that show the server's error at the field it names.
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { Problem } from './api';

/**
 * The error for a field, when the problem names it (or a path under it).
 * The API's messages start with the field's name ("annualContractValue must
 * not be negative"); shown under the field's own label, that name is dropped.
 */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  if (!problem?.field) return undefined;
  if (problem.field !== field && !problem.field.startsWith(`${field}.`)) return undefined;
  const name = problem.field.split('.').pop() ?? '';
  if (name && problem.message.startsWith(`${name} `)) {
    const rest = problem.message.slice(name.length + 1);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return problem.message;
}

/** The problem shown above a form: one that names no field of the form. */
export function formError(problem: Problem | null, fields: string[]): string | undefined {
  if (!problem) return undefined;
  if (problem.field && fields.some((f) => problem.field === f || problem.field?.startsWith(`${f}.`))) return undefined;
  return problem.message;
}

/** A field's element id: the caller's, or one that stays the same across renders. */
function useFieldId(given?: string): string {
  const own = `field-${useId()}`;
  return given ?? own;
}

export function Field({
  label,
  error,
  hint,
  children,
  id,
}: {
  label: string;
  error?: string;
  hint?: string;
  id: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label' | 'type' | 'required'> & {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
};

export function TextField({ label, value, onValue, error, hint, type = 'text', required, ...rest }: InputProps) {
  const id = useFieldId(rest.id as string | undefined);
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <input
        {...rest}
        id={id}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
      />
    </Field>
  );
}

export function TextArea({ label, value, onValue, error, hint }: { label: string; value: string; onValue: (v: string) => void; error?: string; hint?: string }) {
  const id = useFieldId();
  return (
    <Field label={label} error={error} hint={hint} id={id}>
      <textarea
        id={id}
        rows={3}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
      />
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onValue,
  error,
}: {
  label: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onValue: (v: T) => void;
  error?: string;
}) {
  const id = useFieldId();
  return (
    <Field label={label} error={error} id={id}>
      <select id={id} value={value} aria-invalid={error ? 'true' : undefined} onChange={(e) => onValue((e.target as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The buttons at the foot of a form. */
export function FormFooter({ busy, submitLabel, onCancel }: { busy?: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <footer class="dialog-footer">
      <button type="button" class="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </footer>
  );
}
