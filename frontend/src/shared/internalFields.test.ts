// Every GraphQL document of the app asks for the provider's own fields only
// under @include(if: $internal), so that a token limited to one client (sent
// with internal false, see api.ts) never selects one: the server refuses a
// whole document that does. Checked over the generated documents, against
// the server's own schema files.
import { readdirSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../gql/graphql';

const schemaDir = new URL('../../../graph/schema/', import.meta.url);
const schema = buildSchema(
  readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphqls'))
    .sort()
    .map((f) => readFileSync(new URL(f, schemaDir), 'utf8'))
    .join('\n'),
);

/**
 * The provider's own fields, as the issue lists them; the schema marks them
 * @internal once the server refuses them, and those marked count too.
 */
const LISTED = [
  'Client.monthlyCostToServe',
  'Client.monthlyMargin',
  'Service.monthlyCost',
  'Service.capacity',
  'Service.committedUnits',
  'Service.oversubscribed',
  'Service.orphan',
  'Commitment.capacityUnits',
  'Portfolio.monthlyServiceCost',
  'Portfolio.orphanMonthlyCost',
  'ServiceMatch.spareCapacity',
  'Impact.revenueAtRisk',
  'Query.impact',
  'Query.tokens',
  'Query.shareLinks',
];

function internalFields(s: GraphQLSchema): Set<string> {
  const out = new Set(LISTED);
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      if (f.astNode?.directives?.some((d) => d.name.value === 'internal')) out.add(`${type.name}.${f.name}`);
    }
  }
  return out;
}

const INTERNAL = internalFields(schema);

const guards = (directives: readonly DirectiveNode[] | undefined): boolean =>
  !!directives?.some(
    (d) =>
      d.name.value === 'include' &&
      d.arguments?.some((a) => a.name.value === 'if' && a.value.kind === Kind.VARIABLE && a.value.name.value === 'internal'),
  );

interface Walked {
  /** "Operation: Type.field" of every internal field selected without the guard. */
  unguarded: string[];
  /** How many internal fields are selected under the guard. */
  guarded: number;
}

/**
 * Walks the operations of a document, into the fragments they spread. A
 * mutation whose root fields are all internal is the provider's own
 * operation, which the app offers only to those who may run it: its
 * selection is left alone.
 */
function walk(doc: DocumentNode): Walked {
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const found: Walked = { unguarded: [], guarded: 0 };
  for (const op of doc.definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = op.name?.value ?? '(anonymous)';
    const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) throw new Error(`${name}: the schema has no ${op.operation} type`);
    const rootFields = op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [`${root.name}.${s.name.value}`] : []));
    if (op.operation === 'mutation' && rootFields.length > 0 && rootFields.every(isInternalMutation)) continue;
    const visit = (set: SelectionSetNode, typeName: string, guarded: boolean, seen: Set<string>) => {
      const type = schema.getType(typeName);
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`${name}: ${typeName} has no fields`);
          const field = type.getFields()[sel.name.value];
          if (!field) throw new Error(`${name}: ${typeName}.${sel.name.value} is not in the schema`);
          const here = guarded || guards(sel.directives);
          const key = `${typeName}.${field.name}`;
          if (INTERNAL.has(key)) {
            if (here) found.guarded++;
            else found.unguarded.push(`${name}: ${key}`);
          }
          if (sel.selectionSet) visit(sel.selectionSet, getNamedType(field.type).name, here, seen);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          visit(sel.selectionSet, sel.typeCondition?.name.value ?? typeName, guarded || guards(sel.directives), seen);
        } else {
          const f = fragments.get(sel.name.value);
          if (!f) throw new Error(`${name}: fragment ${sel.name.value} is not in the document`);
          if (seen.has(f.name.value)) continue;
          visit(f.selectionSet, f.typeCondition.name.value, guarded || guards(sel.directives), new Set([...seen, f.name.value]));
        }
      }
    };
    visit(op.selectionSet, root.name, false, new Set());
  }
  return found;
}

/** The mutations that change what every client shares (the provider's own), as the issue lists them. */
const INTERNAL_MUTATIONS = new Set([
  'createClient',
  'deleteClient',
  'createService',
  'updateService',
  'deleteService',
  'recordMeasurement',
  'deleteMeasurement',
  'createMetric',
  'updateMetric',
  'deleteMetric',
  'createToken',
  'revokeToken',
  'saveReport',
  'deleteReport',
  'createShareLink',
  'revokeShareLink',
]);

function isInternalMutation(key: string): boolean {
  const name = key.slice('Mutation.'.length);
  const marked = schema.getMutationType()?.getFields()[name]?.astNode?.directives?.some((d) => d.name.value === 'internal');
  return INTERNAL_MUTATIONS.has(name) || !!marked;
}

const documents = Object.entries(generated).filter(
  (e): e is [string, DocumentNode] => e[0].endsWith('Document') && typeof e[1] === 'object' && (e[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
);

describe('internal fields in the app’s documents', () => {
  it('finds the generated documents and the internal fields of the schema', () => {
    expect(documents.length).toBeGreaterThan(30);
    for (const f of LISTED) {
      const [type, field] = f.split('.') as [string, string];
      const t = schema.getType(type);
      expect(t && (isObjectType(t) || isInterfaceType(t)) && t.getFields()[field], `${f} is in the schema`).toBeTruthy();
    }
  });

  it('selects every internal field under @include(if: $internal)', () => {
    const unguarded = documents.flatMap(([, doc]) => walk(doc).unguarded);
    expect(unguarded).toEqual([]);
    // Not vacuous: the views do ask for them, guarded.
    expect(documents.reduce((n, [, doc]) => n + walk(doc).guarded, 0)).toBeGreaterThan(20);
  });

  it('declares $internal as Boolean! = true wherever it is used (a saved report keeps its figures)', () => {
    for (const [, doc] of documents) {
      for (const op of doc.definitions) {
        if (op.kind !== Kind.OPERATION_DEFINITION) continue;
        const v = op.variableDefinitions?.find((d) => d.variable.name.value === 'internal');
        if (!v) continue;
        expect(`${op.name?.value}: ${print(v)}`).toBe(`${op.name?.value}: $internal: Boolean! = true`);
      }
    }
  });

  it('finds an internal field selected without the guard, in a field, a nested selection or a fragment', () => {
    const bad = parse(`
      query Bad($id: ID!, $internal: Boolean! = true) {
        client(id: $id) { name monthlyMargin objectives { requirements { commitments { capacityUnits @include(if: $other) } } } }
        service(id: $id) { ...Costs  ... on Service { orphan @include(if: $internal) } }
        guarded: service(id: $id) @include(if: $internal) { monthlyCost }
      }
      fragment Costs on Service { name monthlyCost }
    `);
    const w = walk(bad);
    expect(w.unguarded).toEqual(['Bad: Client.monthlyMargin', 'Bad: Commitment.capacityUnits', 'Bad: Service.monthlyCost']);
    expect(w.guarded).toBe(2);
  });

  it('leaves alone the selection of a mutation that only the provider may run, not that of one a client may', () => {
    const provider = parse(`mutation P($id: ID!, $input: ServicePatch!) { updateService(id: $id, input: $input) { id monthlyCost } }`);
    expect(walk(provider).unguarded).toEqual([]);
    const client = parse(`mutation C($id: ID!, $input: CommitmentPatch!) { updateCommitment(id: $id, input: $input) { id capacityUnits } }`);
    expect(walk(client).unguarded).toEqual(['C: Commitment.capacityUnits']);
  });
});
