/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SourcesList($serviceId: ID, $internal: Boolean! = true) {\n    measurementSources(serviceId: $serviceId) @include(if: $internal) {\n      id\n      expression\n      period\n      url\n      authKind\n      hasCredentials\n      horizon\n      paused\n      lastStatus\n      lastRunAt\n      lastError\n      lastPeriodEnd\n      nextPeriodEnd\n      service {\n        id\n        name\n      }\n      metric {\n        key\n        name\n        unit\n      }\n    }\n    services(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    metrics {\n      key\n      name\n    }\n  }\n": typeof types.SourcesListDocument,
    "\n  mutation SourceCreate($in: MeasurementSourceInput!) {\n    createMeasurementSource(input: $in) {\n      id\n    }\n  }\n": typeof types.SourceCreateDocument,
    "\n  mutation SourceTestNew($in: MeasurementSourceInput!) {\n    testMeasurementSource(input: $in) {\n      status\n      value\n      error\n      at\n    }\n  }\n": typeof types.SourceTestNewDocument,
    "\n  mutation SourceTestSaved($id: ID!) {\n    testMeasurementSource(id: $id) {\n      status\n      value\n      error\n      at\n    }\n  }\n": typeof types.SourceTestSavedDocument,
    "\n  mutation SourcePull($id: ID!) {\n    pullMeasurementSource(id: $id) {\n      status\n      recorded\n      error\n    }\n  }\n": typeof types.SourcePullDocument,
    "\n  mutation SourcePause($id: ID!, $paused: Boolean!) {\n    updateMeasurementSource(id: $id, input: { paused: $paused }) {\n      id\n      paused\n    }\n  }\n": typeof types.SourcePauseDocument,
    "\n  mutation SourceDelete($id: ID!) {\n    deleteMeasurementSource(id: $id)\n  }\n": typeof types.SourceDeleteDocument,
};
const documents: Documents = {
    "\n  query SourcesList($serviceId: ID, $internal: Boolean! = true) {\n    measurementSources(serviceId: $serviceId) @include(if: $internal) {\n      id\n      expression\n      period\n      url\n      authKind\n      hasCredentials\n      horizon\n      paused\n      lastStatus\n      lastRunAt\n      lastError\n      lastPeriodEnd\n      nextPeriodEnd\n      service {\n        id\n        name\n      }\n      metric {\n        key\n        name\n        unit\n      }\n    }\n    services(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    metrics {\n      key\n      name\n    }\n  }\n": types.SourcesListDocument,
    "\n  mutation SourceCreate($in: MeasurementSourceInput!) {\n    createMeasurementSource(input: $in) {\n      id\n    }\n  }\n": types.SourceCreateDocument,
    "\n  mutation SourceTestNew($in: MeasurementSourceInput!) {\n    testMeasurementSource(input: $in) {\n      status\n      value\n      error\n      at\n    }\n  }\n": types.SourceTestNewDocument,
    "\n  mutation SourceTestSaved($id: ID!) {\n    testMeasurementSource(id: $id) {\n      status\n      value\n      error\n      at\n    }\n  }\n": types.SourceTestSavedDocument,
    "\n  mutation SourcePull($id: ID!) {\n    pullMeasurementSource(id: $id) {\n      status\n      recorded\n      error\n    }\n  }\n": types.SourcePullDocument,
    "\n  mutation SourcePause($id: ID!, $paused: Boolean!) {\n    updateMeasurementSource(id: $id, input: { paused: $paused }) {\n      id\n      paused\n    }\n  }\n": types.SourcePauseDocument,
    "\n  mutation SourceDelete($id: ID!) {\n    deleteMeasurementSource(id: $id)\n  }\n": types.SourceDeleteDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourcesList($serviceId: ID, $internal: Boolean! = true) {\n    measurementSources(serviceId: $serviceId) @include(if: $internal) {\n      id\n      expression\n      period\n      url\n      authKind\n      hasCredentials\n      horizon\n      paused\n      lastStatus\n      lastRunAt\n      lastError\n      lastPeriodEnd\n      nextPeriodEnd\n      service {\n        id\n        name\n      }\n      metric {\n        key\n        name\n        unit\n      }\n    }\n    services(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    metrics {\n      key\n      name\n    }\n  }\n"): (typeof documents)["\n  query SourcesList($serviceId: ID, $internal: Boolean! = true) {\n    measurementSources(serviceId: $serviceId) @include(if: $internal) {\n      id\n      expression\n      period\n      url\n      authKind\n      hasCredentials\n      horizon\n      paused\n      lastStatus\n      lastRunAt\n      lastError\n      lastPeriodEnd\n      nextPeriodEnd\n      service {\n        id\n        name\n      }\n      metric {\n        key\n        name\n        unit\n      }\n    }\n    services(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    metrics {\n      key\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceCreate($in: MeasurementSourceInput!) {\n    createMeasurementSource(input: $in) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SourceCreate($in: MeasurementSourceInput!) {\n    createMeasurementSource(input: $in) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceTestNew($in: MeasurementSourceInput!) {\n    testMeasurementSource(input: $in) {\n      status\n      value\n      error\n      at\n    }\n  }\n"): (typeof documents)["\n  mutation SourceTestNew($in: MeasurementSourceInput!) {\n    testMeasurementSource(input: $in) {\n      status\n      value\n      error\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceTestSaved($id: ID!) {\n    testMeasurementSource(id: $id) {\n      status\n      value\n      error\n      at\n    }\n  }\n"): (typeof documents)["\n  mutation SourceTestSaved($id: ID!) {\n    testMeasurementSource(id: $id) {\n      status\n      value\n      error\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourcePull($id: ID!) {\n    pullMeasurementSource(id: $id) {\n      status\n      recorded\n      error\n    }\n  }\n"): (typeof documents)["\n  mutation SourcePull($id: ID!) {\n    pullMeasurementSource(id: $id) {\n      status\n      recorded\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourcePause($id: ID!, $paused: Boolean!) {\n    updateMeasurementSource(id: $id, input: { paused: $paused }) {\n      id\n      paused\n    }\n  }\n"): (typeof documents)["\n  mutation SourcePause($id: ID!, $paused: Boolean!) {\n    updateMeasurementSource(id: $id, input: { paused: $paused }) {\n      id\n      paused\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceDelete($id: ID!) {\n    deleteMeasurementSource(id: $id)\n  }\n"): (typeof documents)["\n  mutation SourceDelete($id: ID!) {\n    deleteMeasurementSource(id: $id)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;