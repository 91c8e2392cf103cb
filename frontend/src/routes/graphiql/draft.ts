// Pure helpers of "Save as report" in GraphiQL: which operation of the
// editor becomes the report, its variables, and a title and slug to suggest.
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** An operation of the editor, as offered in the dialog. */
export interface OperationChoice {
  /** Its name; null for an anonymous one. */
  name: string | null;
  kind: 'query' | 'mutation' | 'subscription';
}

function tryParse(text: string): DocumentNode | null {
  try {
    return parse(text, { noLocation: true });
  } catch {
    return null;
  }
}

function operationsOf(doc: DocumentNode): OperationDefinitionNode[] {
  return doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** The operations of the editor's text, in order; empty when it does not parse. */
export function operationChoices(text: string): OperationChoice[] {
  const doc = tryParse(text);
  if (!doc) return [];
  return operationsOf(doc).map((op) => ({ name: op.name?.value ?? null, kind: op.operation }));
}

/** The query a report would keep, or why there is none. */
export type Picked =
  | {
      ok: true;
      /** The text to save: the editor's own when it holds only this operation (and its fragments). */
      query: string;
      /** The operation's name, when it has one. */
      operationName: string | null;
      /** The variables the operation declares; null when the text does not parse (the server will say why). */
      declared: string[] | null;
    }
  | { ok: false; error: string };

/**
 * Picks the operation to save. With one operation the editor's text is kept
 * as it is (comments and layout included); with several, the one named (the
 * one GraphiQL would run) is kept with the fragments it uses. Text that does
 * not parse is passed on unchanged: the server names the error.
 */
export function pickOperation(text: string, name: string | null): Picked {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'The editor is empty: write the query to save first.' };
  const doc = tryParse(trimmed);
  if (!doc) return { ok: true, query: trimmed, operationName: null, declared: null };
  const ops = operationsOf(doc);
  if (ops.length === 0) return { ok: false, error: 'The editor holds no operation (only fragments): write a query.' };
  let op: OperationDefinitionNode | undefined;
  if (ops.length === 1) op = ops[0];
  else op = ops.find((o) => name !== null && o.name?.value === name);
  if (!op) return { ok: false, error: 'The editor holds several operations: choose the one to save.' };
  if (op.operation !== 'query') {
    return { ok: false, error: `A report runs a query; ${op.name ? `“${op.name.value}”` : 'this operation'} is a ${op.operation}.` };
  }
  const declared = (op.variableDefinitions ?? []).map((v) => v.variable.name.value);
  const operationName = op.name?.value ?? null;
  if (ops.length === 1 && unusedFragments(doc, op).length === 0) {
    return { ok: true, query: trimmed, operationName, declared };
  }
  const kept: DefinitionNode[] = [op, ...fragmentsUsedBy(doc, op)];
  return { ok: true, query: print({ kind: Kind.DOCUMENT, definitions: kept }), operationName, declared };
}

function fragmentsUsedBy(doc: DocumentNode, op: OperationDefinitionNode): FragmentDefinitionNode[] {
  const all = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) all.set(d.name.value, d);
  const used = new Set<string>();
  const queue: Array<OperationDefinitionNode | FragmentDefinitionNode> = [op];
  while (queue.length > 0) {
    const node = queue.shift();
    if (!node) break;
    visit(node, {
      FragmentSpread(spread) {
        const n = spread.name.value;
        const f = all.get(n);
        if (!used.has(n) && f) {
          used.add(n);
          queue.push(f);
        }
      },
    });
  }
  return [...all.values()].filter((f) => used.has(f.name.value));
}

function unusedFragments(doc: DocumentNode, op: OperationDefinitionNode): string[] {
  const used = new Set(fragmentsUsedBy(doc, op).map((f) => f.name.value));
  return doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && !used.has(d.name.value)).map((f) => f.name.value);
}

/** Reads a JSON object typed in an editor; empty text is an empty object. */
export function parseObject(text: string, what: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${what} are not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `${what} must be a JSON object, such as {"first": 100}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Keeps the variables the operation declares (all of them when that is not known). */
export function keepDeclared(variables: Record<string, unknown>, declared: string[] | null): Record<string, unknown> {
  if (!declared) return variables;
  return Object.fromEntries(Object.entries(variables).filter(([k]) => declared.includes(k)));
}

/** A title from an operation name: "GapsByClient" → "Gaps by client", "top_10_gaps" → "Top 10 gaps". */
export function titleOf(operationName: string | null | undefined): string {
  if (!operationName) return '';
  const words = operationName
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
