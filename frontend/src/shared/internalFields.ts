// Which of the provider's own fields and operations a GraphQL document
// selects, given its variables: what the server refuses to a token limited
// to one client. Not part of the app: the unit tests check the app's
// documents with it, and the browser tests every request a client-limited
// page sends.
import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** The provider's own fields, as issue 10 lists them ("Type.field"). */
export const LISTED_INTERNAL_FIELDS = [
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

/** The provider's own operations (a client-limited editor may not run them), as issue 10 lists them. */
export const LISTED_INTERNAL_MUTATIONS = [
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
];

/** The schema of the server's SDL files. */
export function schemaOf(sdl: string[]): GraphQLSchema {
  return buildSchema(sdl.join('\n'));
}

/** The fields the schema marks @internal ("Type.field"; "Mutation.x" for operations). */
export function markedInternal(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      if (f.astNode?.directives?.some((d) => d.name.value === 'internal')) out.push(`${type.name}.${f.name}`);
    }
  }
  return out;
}

/** Every internal field and operation: those listed and those the schema marks. */
export function internalOf(schema: GraphQLSchema): Set<string> {
  const mutation = schema.getMutationType()?.name ?? 'Mutation';
  return new Set([...LISTED_INTERNAL_FIELDS, ...LISTED_INTERNAL_MUTATIONS.map((m) => `${mutation}.${m}`), ...markedInternal(schema)]);
}

export interface Selected {
  /** "Operation: Type.field" of each internal field or operation the document selects. */
  internal: string[];
  /** How many internal fields it leaves out by @include or @skip. */
  leftOut: number;
}

/**
 * The internal fields and operations a document selects when run with these
 * variables (their defaults apply to those not given, unless defaults is
 * false: then only the values given are known). A field under an
 * @include or @skip whose condition is not known (a variable neither given
 * nor defaulted) counts as selected. With providerOperations, a mutation
 * whose root fields are all internal operations is skipped whole: the app
 * offers it only to tokens that may run it.
 */
export function selectedInternal(
  doc: DocumentNode,
  schema: GraphQLSchema,
  {
    variables = {},
    defaults = true,
    providerOperations = false,
    internal = internalOf(schema),
  }: { variables?: Record<string, unknown>; defaults?: boolean; providerOperations?: boolean; internal?: Set<string> } = {},
): Selected {
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const found: Selected = { internal: [], leftOut: 0 };
  for (const op of doc.definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = op.name?.value ?? '(anonymous)';
    const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) throw new Error(`${name}: the schema has no ${op.operation} type`);
    const values: Record<string, unknown> = {};
    for (const v of op.variableDefinitions ?? []) {
      if (defaults && v.defaultValue) values[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
    }
    Object.assign(values, variables);
    const rootFields = op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [`${root.name}.${s.name.value}`] : []));
    if (providerOperations && op.operation === 'mutation' && rootFields.length > 0 && rootFields.every((f) => internal.has(f))) continue;

    const visit = (set: SelectionSetNode, typeName: string, seen: Set<string>) => {
      const type = schema.getType(typeName);
      for (const sel of set.selections) {
        const key = sel.kind === Kind.FIELD ? `${typeName}.${sel.name.value}` : undefined;
        if (!included(sel.directives, values)) {
          if (key && internal.has(key)) found.leftOut++;
          continue;
        }
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`${name}: ${typeName} has no fields`);
          const field = type.getFields()[sel.name.value];
          if (!field) throw new Error(`${name}: ${key} is not in the schema`);
          if (key && internal.has(key)) found.internal.push(`${name}: ${key}`);
          if (sel.selectionSet) visit(sel.selectionSet, getNamedType(field.type).name, seen);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          visit(sel.selectionSet, sel.typeCondition?.name.value ?? typeName, seen);
        } else {
          const f = fragments.get(sel.name.value);
          if (!f) throw new Error(`${name}: fragment ${sel.name.value} is not in the document`);
          if (seen.has(f.name.value)) continue;
          visit(f.selectionSet, f.typeCondition.name.value, new Set([...seen, f.name.value]));
        }
      }
    };
    visit(op.selectionSet, root.name, new Set());
  }
  return found;
}

/** Whether @include and @skip keep a selection, as far as the values tell (unknown: kept). */
function included(directives: readonly DirectiveNode[] | undefined, values: Record<string, unknown>): boolean {
  for (const d of directives ?? []) {
    if (d.name.value !== 'include' && d.name.value !== 'skip') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? values[arg.value.name.value] : valueFromASTUntyped(arg.value);
    if (typeof value !== 'boolean') continue;
    if (d.name.value === 'include' && !value) return false;
    if (d.name.value === 'skip' && value) return false;
  }
  return true;
}
