// Every GraphQL document of the app asks for the provider's own fields only
// under @include(if: $internal), so that a token limited to one client (sent
// with internal false, see api.ts) never selects one: the server refuses a
// whole document that does. Checked over the generated documents, against
// the server's own schema files.
import { readdirSync, readFileSync } from 'node:fs';
import { isInterfaceType, isObjectType, Kind, parse, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../gql/graphql';
import * as sourcesGenerated from '../routes/sources/gql/graphql';
import { LISTED_INTERNAL_FIELDS, LISTED_INTERNAL_MUTATIONS, markedInternal, schemaOf, selectedInternal } from './internalFields';

const schemaDir = new URL('../../../graph/schema/', import.meta.url);
const schema = schemaOf(
  readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphqls'))
    .sort()
    .map((f) => readFileSync(new URL(f, schemaDir), 'utf8')),
);

// Every output of the codegen (see codegen.ts): the app's, and the views' that keep their own.
const documents = [...Object.entries(generated), ...Object.entries(sourcesGenerated)].filter(
  (e): e is [string, DocumentNode] => e[0].endsWith('Document') && typeof e[1] === 'object' && (e[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
);

/** What a document selects for a token limited to a client: internal false, nothing else known. */
const forPortal = (doc: DocumentNode) => selectedInternal(doc, schema, { variables: { internal: false }, defaults: false, providerOperations: true });

describe('internal fields in the app’s documents', () => {
  it('finds the generated documents, and the listed internal fields in the schema', () => {
    expect(documents.length).toBeGreaterThan(30);
    for (const f of LISTED_INTERNAL_FIELDS) {
      const [type, field] = f.split('.') as [string, string];
      const t = schema.getType(type);
      expect(t && (isObjectType(t) || isInterfaceType(t)) && t.getFields()[field], `${f} is in the schema`).toBeTruthy();
    }
    for (const m of LISTED_INTERNAL_MUTATIONS) expect(schema.getMutationType()?.getFields()[m], `mutation ${m}`).toBeTruthy();
  });

  it('finds marked in the schema (once it has @internal) every field and operation listed as internal', () => {
    // Those the schema marks besides are internal too (internalOf takes both).
    if (!schema.getDirective('internal')) return;
    expect(markedInternal(schema)).toEqual(expect.arrayContaining([...LISTED_INTERNAL_FIELDS, ...LISTED_INTERNAL_MUTATIONS.map((m) => `Mutation.${m}`)]));
  });

  it('selects no internal field with internal false', () => {
    expect(documents.flatMap(([, doc]) => forPortal(doc).internal)).toEqual([]);
    // Not vacuous: the views do ask for them, and with internal true they are selected.
    expect(documents.reduce((n, [, doc]) => n + forPortal(doc).leftOut, 0)).toBeGreaterThan(20);
    const unlimited = documents.flatMap(([, doc]) => selectedInternal(doc, schema, { variables: { internal: true }, providerOperations: true }).internal);
    expect(unlimited).toEqual(expect.arrayContaining(['ClientMapView: Client.monthlyMargin', 'ServicePage: Service.monthlyCost']));
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
});

describe('selectedInternal', () => {
  const bad = parse(`
    query Bad($id: ID!, $internal: Boolean! = true, $other: Boolean) {
      client(id: $id) { name monthlyMargin objectives { requirements { commitments { capacityUnits @include(if: $other) } } } }
      service(id: $id) { ...Costs  ... on Service { orphan @include(if: $internal) } }
      guarded: service(id: $id) @include(if: $internal) { monthlyCost }
      skipped: service(id: $id) { capacity @skip(if: true) }
    }
    fragment Costs on Service { name monthlyCost }
  `);
  it('finds an internal field selected without the guard: in a field, a nested selection or a fragment', () => {
    expect(forPortal(bad)).toEqual({ internal: ['Bad: Client.monthlyMargin', 'Bad: Commitment.capacityUnits', 'Bad: Service.monthlyCost'], leftOut: 2 });
  });
  it('applies the defaults of the variables not given, as the server does', () => {
    expect(selectedInternal(bad, schema).internal).toEqual([
      'Bad: Client.monthlyMargin',
      'Bad: Commitment.capacityUnits',
      'Bad: Service.monthlyCost',
      'Bad: Service.orphan',
      'Bad: Service.monthlyCost',
    ]);
    expect(selectedInternal(bad, schema, { variables: { other: false, internal: false } }).internal).toEqual(['Bad: Client.monthlyMargin', 'Bad: Service.monthlyCost']);
  });
  it('finds an internal operation, unless told the provider runs it; and the selection of one a client may run', () => {
    const provider = parse(`mutation P($id: ID!, $input: ServicePatch!) { updateService(id: $id, input: $input) { id monthlyCost } }`);
    expect(selectedInternal(provider, schema).internal).toEqual(['P: Mutation.updateService', 'P: Service.monthlyCost']);
    expect(selectedInternal(provider, schema, { providerOperations: true }).internal).toEqual([]);
    const client = parse(`mutation C($id: ID!, $input: CommitmentPatch!) { updateCommitment(id: $id, input: $input) { id capacityUnits } }`);
    expect(selectedInternal(client, schema, { providerOperations: true }).internal).toEqual(['C: Commitment.capacityUnits']);
  });
});
