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
    "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateClientDocument,
    "\n  mutation SaveReport($input: ReportInput!) {\n    saveReport(input: $input) {\n      slug\n      csvUrl\n      jsonUrl\n    }\n  }\n": typeof types.SaveReportDocument,
    "\n  query PortfolioFigures {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost\n      orphanMonthlyCost\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n": typeof types.PortfolioFiguresDocument,
    "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe\n        monthlyMargin\n      }\n    }\n  }\n": typeof types.PortfolioClientsDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateClientDocument,
    "\n  mutation SaveReport($input: ReportInput!) {\n    saveReport(input: $input) {\n      slug\n      csvUrl\n      jsonUrl\n    }\n  }\n": types.SaveReportDocument,
    "\n  query PortfolioFigures {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost\n      orphanMonthlyCost\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n": types.PortfolioFiguresDocument,
    "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe\n        monthlyMargin\n      }\n    }\n  }\n": types.PortfolioClientsDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveReport($input: ReportInput!) {\n    saveReport(input: $input) {\n      slug\n      csvUrl\n      jsonUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SaveReport($input: ReportInput!) {\n    saveReport(input: $input) {\n      slug\n      csvUrl\n      jsonUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioFigures {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost\n      orphanMonthlyCost\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioFigures {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost\n      orphanMonthlyCost\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe\n        monthlyMargin\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe\n        monthlyMargin\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;