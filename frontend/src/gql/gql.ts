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
    "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query AccountSessions {\n    mySessions {\n      id\n      browser\n      address\n      createdAt\n      lastSeenAt\n      expiresAt\n      keepSignedIn\n      current\n    }\n  }\n": typeof types.AccountSessionsDocument,
    "\n  mutation AccountEndSession($id: String!) {\n    endSession(id: $id)\n  }\n": typeof types.AccountEndSessionDocument,
    "\n  mutation AccountChangePassword($current: String!, $new: String!) {\n    changePassword(current: $current, new: $new) {\n      id\n    }\n  }\n": typeof types.AccountChangePasswordDocument,
    "\n  query AccountTokens {\n    myTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      active\n      client {\n        name\n      }\n    }\n  }\n": typeof types.AccountTokensDocument,
    "\n  mutation AccountCreateToken($input: CreateTokenInput!) {\n    createMyToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AccountCreateTokenDocument,
    "\n  mutation AccountRevokeToken($id: ID!) {\n    revokeMyToken(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.AccountRevokeTokenDocument,
    "\n  mutation ClientMapDeleteClient($id: ID!) {\n    deleteClient(id: $id)\n  }\n": typeof types.ClientMapDeleteClientDocument,
    "\n  mutation ClientMapDeleteObjective($id: ID!) {\n    deleteObjective(id: $id)\n  }\n": typeof types.ClientMapDeleteObjectiveDocument,
    "\n  mutation ClientMapDeleteRequirement($id: ID!) {\n    deleteRequirement(id: $id)\n  }\n": typeof types.ClientMapDeleteRequirementDocument,
    "\n  mutation ClientMapDeleteCommitment($id: ID!) {\n    deleteCommitment(id: $id)\n  }\n": typeof types.ClientMapDeleteCommitmentDocument,
    "\n  query CommitmentEditorServices($search: String, $internal: Boolean! = true) {\n    services(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n      }\n    }\n  }\n": typeof types.CommitmentEditorServicesDocument,
    "\n  mutation CommitmentEditorCreate($input: CommitmentInput!) {\n    createCommitment(input: $input) {\n      id\n    }\n  }\n": typeof types.CommitmentEditorCreateDocument,
    "\n  mutation CommitmentEditorUpdate($id: ID!, $input: CommitmentPatch!) {\n    updateCommitment(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.CommitmentEditorUpdateDocument,
    "\n  mutation ObjectiveEditorCreate($input: ObjectiveInput!) {\n    createObjective(input: $input) {\n      id\n    }\n  }\n": typeof types.ObjectiveEditorCreateDocument,
    "\n  mutation ObjectiveEditorUpdate($id: ID!, $input: ObjectivePatch!) {\n    updateObjective(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.ObjectiveEditorUpdateDocument,
    "\n  query RequirementEditorMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": typeof types.RequirementEditorMetricsDocument,
    "\n  mutation RequirementEditorCreate($input: RequirementInput!) {\n    createRequirement(input: $input) {\n      id\n    }\n  }\n": typeof types.RequirementEditorCreateDocument,
    "\n  mutation RequirementEditorUpdate($id: ID!, $input: RequirementPatch!) {\n    updateRequirement(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.RequirementEditorUpdateDocument,
    "\n  query ClientMapView($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      industry\n      accountOwner\n      status\n      annualContractValue\n      score\n      gapCount\n      monthlyCostToServe @include(if: $internal)\n      monthlyMargin @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n      scoreHistory {\n        at\n        score\n      }\n      objectives {\n        id\n        title\n        description\n        owner\n        priority\n        score\n        requirements {\n          id\n          title\n          description\n          priority\n          targets {\n            metric {\n              key\n              name\n              unit\n              direction\n            }\n            value\n          }\n          coverage {\n            status\n            percent\n            shortfalls {\n              service {\n                id\n                name\n              }\n              metric {\n                key\n                name\n                unit\n              }\n              required\n              designed\n              measured\n            }\n          }\n          commitments {\n            id\n            coveragePercent\n            capacityUnits @include(if: $internal)\n            note\n            holds\n            service {\n              id\n              name\n              lifecycle\n              designedLevels {\n                metric {\n                  key\n                }\n                value\n              }\n              latestMeasurements {\n                metric {\n                  key\n                }\n                value\n                periodEnd\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClientMapViewDocument,
    "\n  query GapList($first: Int, $after: String, $filter: GapFilter) {\n    gaps(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        kind\n        message\n        client {\n          id\n          name\n        }\n        objective {\n          id\n          title\n        }\n        requirement {\n          id\n          title\n        }\n        service {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.GapListDocument,
    "\n  mutation ReportingSaveFromConsole($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n": typeof types.ReportingSaveFromConsoleDocument,
    "\n  query ServiceImpact($serviceId: ID!, $internal: Boolean! = true) {\n    impact(serviceId: $serviceId) @include(if: $internal) {\n      revenueAtRisk\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost\n        ownerTeam\n      }\n      requirements {\n        before\n        after\n        requirement {\n          id\n          title\n          priority\n          objective {\n            id\n            title\n            client {\n              id\n              name\n            }\n          }\n        }\n      }\n      clients {\n        before\n        after\n        client {\n          id\n          name\n          annualContractValue\n        }\n      }\n    }\n  }\n": typeof types.ServiceImpactDocument,
    "\n  fragment MatrixCells on Requirement {\n    coverage {\n      status\n      percent\n    }\n    commitments {\n      coveragePercent\n      holds\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n      }\n    }\n  }\n": typeof types.MatrixCellsFragmentDoc,
    "\n  query MatrixRequirements($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean! = true) {\n    requirements(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        priority\n        objective {\n          id\n          title\n          client {\n            id\n            name\n          }\n        }\n        ...MatrixCells\n      }\n    }\n  }\n": typeof types.MatrixRequirementsDocument,
    "\n  query MatrixClient($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      status\n      objectives {\n        id\n        title\n        requirements {\n          id\n          title\n          priority\n          ...MatrixCells\n        }\n      }\n    }\n  }\n": typeof types.MatrixClientDocument,
    "\n  query PortfolioFigures($internal: Boolean! = true) {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost @include(if: $internal)\n      orphanMonthlyCost @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n": typeof types.PortfolioFiguresDocument,
    "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean! = true) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe @include(if: $internal)\n        monthlyMargin @include(if: $internal)\n      }\n    }\n  }\n": typeof types.PortfolioClientsDocument,
    "\n  query PromiseMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": typeof types.PromiseMetricsDocument,
    "\n  query PromiseMatches($targets: [LevelInput!]!, $internal: Boolean! = true) {\n    serviceMatches(targets: $targets) {\n      delivers\n      spareCapacity @include(if: $internal)\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        designedLevels {\n          value\n          metric {\n            key\n          }\n        }\n      }\n    }\n  }\n": typeof types.PromiseMatchesDocument,
    "\n  query ReportingReports {\n    reports {\n      slug\n      title\n      description\n      query\n      variables\n      documentId\n      jsonUrl\n      csvUrl\n      createdAt\n      updatedAt\n      createdBy\n    }\n  }\n": typeof types.ReportingReportsDocument,
    "\n  query ReportingShareLinks($internal: Boolean! = true) {\n    shareLinks @include(if: $internal) {\n      id\n      report {\n        slug\n        title\n      }\n      client {\n        id\n        name\n      }\n      url\n      jsonUrl\n      createdAt\n      createdBy\n      expiresAt\n      revokedAt\n      active\n    }\n  }\n": typeof types.ReportingShareLinksDocument,
    "\n  mutation ReportingDeleteReport($slug: String!) {\n    deleteReport(slug: $slug)\n  }\n": typeof types.ReportingDeleteReportDocument,
    "\n  query ReportingClients($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ReportingClientsDocument,
    "\n  mutation ReportingCreateShareLink($slug: String!, $expiresIn: String, $clientId: ID) {\n    createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) {\n      id\n      url\n      jsonUrl\n      expiresAt\n      client {\n        name\n      }\n    }\n  }\n": typeof types.ReportingCreateShareLinkDocument,
    "\n  mutation ReportingRevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": typeof types.ReportingRevokeShareLinkDocument,
    "\n  query ReviewList {\n    commitmentsToReview(first: 100) {\n      totalCount\n      nodes {\n        id\n        coveragePercent\n        service {\n          id\n          name\n        }\n        requirement {\n          id\n          title\n          priority\n          objective {\n            client {\n              id\n              name\n            }\n          }\n        }\n        review {\n          needed\n          reason\n          changes {\n            what\n            at\n            by\n          }\n        }\n      }\n    }\n  }\n": typeof types.ReviewListDocument,
    "\n  mutation ReviewConfirm($id: ID!, $note: String) {\n    confirmCommitment(id: $id, note: $note) {\n      id\n      review {\n        needed\n        confirmedAt\n        confirmedBy\n        note\n      }\n    }\n  }\n": typeof types.ReviewConfirmDocument,
    "\n  mutation DeleteMeasurement($id: ID!) {\n    deleteMeasurement(id: $id)\n  }\n": typeof types.DeleteMeasurementDocument,
    "\n  mutation RecordMeasurement($input: MeasurementInput!) {\n    recordMeasurement(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordMeasurementDocument,
    "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateServiceDocument,
    "\n  mutation UpdateService($id: ID!, $input: ServicePatch!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateServiceDocument,
    "\n  query MetricCatalog {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": typeof types.MetricCatalogDocument,
    "\n  query ServicePage($id: ID!, $internal: Boolean! = true) {\n    service(id: $id) {\n      id\n      name\n      description\n      ownerTeam\n      lifecycle\n      monthlyCost @include(if: $internal)\n      capacity @include(if: $internal)\n      committedUnits @include(if: $internal)\n      orphan @include(if: $internal)\n      oversubscribed @include(if: $internal)\n      designedLevels {\n        value\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      measurements(last: 1000) {\n        id\n        value\n        periodStart\n        periodEnd\n        source\n        recordedAt\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      commitments {\n        id\n        coveragePercent\n        capacityUnits @include(if: $internal)\n        holds\n        requirement {\n          id\n          title\n          objective {\n            id\n            client {\n              id\n              name\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ServicePageDocument,
    "\n  mutation DeleteService($id: ID!) {\n    deleteService(id: $id)\n  }\n": typeof types.DeleteServiceDocument,
    "\n  query ServiceCatalog($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean! = true) {\n    services(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        ownerTeam\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n        orphan @include(if: $internal)\n        oversubscribed @include(if: $internal)\n        commitments {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ServiceCatalogDocument,
    "\n  query UsersList($internal: Boolean! = true) {\n    users @include(if: $internal) {\n      id\n      email\n      name\n      role\n      state\n      lastSignInAt\n      client {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UsersListDocument,
    "\n  mutation UsersInvite($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.UsersInviteDocument,
    "\n  mutation UsersUpdate($id: ID!, $input: UserPatch!) {\n    updateUser(id: $id, input: $input) {\n      id\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UsersUpdateDocument,
    "\n  mutation UsersDisable($id: ID!) {\n    disableUser(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.UsersDisableDocument,
    "\n  mutation UsersEnable($id: ID!) {\n    enableUser(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.UsersEnableDocument,
    "\n  mutation UsersReset($id: ID!) {\n    resetPassword(id: $id) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.UsersResetDocument,
    "\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateClientDocument,
    "\n  query AnalysisClientOptions($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": typeof types.AnalysisClientOptionsDocument,
    "\n  query AnalysisChosenClient($id: ID!) {\n    client(id: $id) {\n      id\n      name\n      status\n    }\n  }\n": typeof types.AnalysisChosenClientDocument,
    "\n  query AnalysisServiceOptions($search: String) {\n    services(first: 100, filter: { search: $search, lifecycle: [PLANNED, LIVE, RETIRING] }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n      }\n    }\n  }\n": typeof types.AnalysisServiceOptionsDocument,
    "\n  mutation SaveReport($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n": typeof types.SaveReportDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query AccountSessions {\n    mySessions {\n      id\n      browser\n      address\n      createdAt\n      lastSeenAt\n      expiresAt\n      keepSignedIn\n      current\n    }\n  }\n": types.AccountSessionsDocument,
    "\n  mutation AccountEndSession($id: String!) {\n    endSession(id: $id)\n  }\n": types.AccountEndSessionDocument,
    "\n  mutation AccountChangePassword($current: String!, $new: String!) {\n    changePassword(current: $current, new: $new) {\n      id\n    }\n  }\n": types.AccountChangePasswordDocument,
    "\n  query AccountTokens {\n    myTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      active\n      client {\n        name\n      }\n    }\n  }\n": types.AccountTokensDocument,
    "\n  mutation AccountCreateToken($input: CreateTokenInput!) {\n    createMyToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n": types.AccountCreateTokenDocument,
    "\n  mutation AccountRevokeToken($id: ID!) {\n    revokeMyToken(id: $id) {\n      id\n      active\n    }\n  }\n": types.AccountRevokeTokenDocument,
    "\n  mutation ClientMapDeleteClient($id: ID!) {\n    deleteClient(id: $id)\n  }\n": types.ClientMapDeleteClientDocument,
    "\n  mutation ClientMapDeleteObjective($id: ID!) {\n    deleteObjective(id: $id)\n  }\n": types.ClientMapDeleteObjectiveDocument,
    "\n  mutation ClientMapDeleteRequirement($id: ID!) {\n    deleteRequirement(id: $id)\n  }\n": types.ClientMapDeleteRequirementDocument,
    "\n  mutation ClientMapDeleteCommitment($id: ID!) {\n    deleteCommitment(id: $id)\n  }\n": types.ClientMapDeleteCommitmentDocument,
    "\n  query CommitmentEditorServices($search: String, $internal: Boolean! = true) {\n    services(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n      }\n    }\n  }\n": types.CommitmentEditorServicesDocument,
    "\n  mutation CommitmentEditorCreate($input: CommitmentInput!) {\n    createCommitment(input: $input) {\n      id\n    }\n  }\n": types.CommitmentEditorCreateDocument,
    "\n  mutation CommitmentEditorUpdate($id: ID!, $input: CommitmentPatch!) {\n    updateCommitment(id: $id, input: $input) {\n      id\n    }\n  }\n": types.CommitmentEditorUpdateDocument,
    "\n  mutation ObjectiveEditorCreate($input: ObjectiveInput!) {\n    createObjective(input: $input) {\n      id\n    }\n  }\n": types.ObjectiveEditorCreateDocument,
    "\n  mutation ObjectiveEditorUpdate($id: ID!, $input: ObjectivePatch!) {\n    updateObjective(id: $id, input: $input) {\n      id\n    }\n  }\n": types.ObjectiveEditorUpdateDocument,
    "\n  query RequirementEditorMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": types.RequirementEditorMetricsDocument,
    "\n  mutation RequirementEditorCreate($input: RequirementInput!) {\n    createRequirement(input: $input) {\n      id\n    }\n  }\n": types.RequirementEditorCreateDocument,
    "\n  mutation RequirementEditorUpdate($id: ID!, $input: RequirementPatch!) {\n    updateRequirement(id: $id, input: $input) {\n      id\n    }\n  }\n": types.RequirementEditorUpdateDocument,
    "\n  query ClientMapView($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      industry\n      accountOwner\n      status\n      annualContractValue\n      score\n      gapCount\n      monthlyCostToServe @include(if: $internal)\n      monthlyMargin @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n      scoreHistory {\n        at\n        score\n      }\n      objectives {\n        id\n        title\n        description\n        owner\n        priority\n        score\n        requirements {\n          id\n          title\n          description\n          priority\n          targets {\n            metric {\n              key\n              name\n              unit\n              direction\n            }\n            value\n          }\n          coverage {\n            status\n            percent\n            shortfalls {\n              service {\n                id\n                name\n              }\n              metric {\n                key\n                name\n                unit\n              }\n              required\n              designed\n              measured\n            }\n          }\n          commitments {\n            id\n            coveragePercent\n            capacityUnits @include(if: $internal)\n            note\n            holds\n            service {\n              id\n              name\n              lifecycle\n              designedLevels {\n                metric {\n                  key\n                }\n                value\n              }\n              latestMeasurements {\n                metric {\n                  key\n                }\n                value\n                periodEnd\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ClientMapViewDocument,
    "\n  query GapList($first: Int, $after: String, $filter: GapFilter) {\n    gaps(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        kind\n        message\n        client {\n          id\n          name\n        }\n        objective {\n          id\n          title\n        }\n        requirement {\n          id\n          title\n        }\n        service {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.GapListDocument,
    "\n  mutation ReportingSaveFromConsole($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n": types.ReportingSaveFromConsoleDocument,
    "\n  query ServiceImpact($serviceId: ID!, $internal: Boolean! = true) {\n    impact(serviceId: $serviceId) @include(if: $internal) {\n      revenueAtRisk\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost\n        ownerTeam\n      }\n      requirements {\n        before\n        after\n        requirement {\n          id\n          title\n          priority\n          objective {\n            id\n            title\n            client {\n              id\n              name\n            }\n          }\n        }\n      }\n      clients {\n        before\n        after\n        client {\n          id\n          name\n          annualContractValue\n        }\n      }\n    }\n  }\n": types.ServiceImpactDocument,
    "\n  fragment MatrixCells on Requirement {\n    coverage {\n      status\n      percent\n    }\n    commitments {\n      coveragePercent\n      holds\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n      }\n    }\n  }\n": types.MatrixCellsFragmentDoc,
    "\n  query MatrixRequirements($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean! = true) {\n    requirements(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        priority\n        objective {\n          id\n          title\n          client {\n            id\n            name\n          }\n        }\n        ...MatrixCells\n      }\n    }\n  }\n": types.MatrixRequirementsDocument,
    "\n  query MatrixClient($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      status\n      objectives {\n        id\n        title\n        requirements {\n          id\n          title\n          priority\n          ...MatrixCells\n        }\n      }\n    }\n  }\n": types.MatrixClientDocument,
    "\n  query PortfolioFigures($internal: Boolean! = true) {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost @include(if: $internal)\n      orphanMonthlyCost @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n": types.PortfolioFiguresDocument,
    "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean! = true) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe @include(if: $internal)\n        monthlyMargin @include(if: $internal)\n      }\n    }\n  }\n": types.PortfolioClientsDocument,
    "\n  query PromiseMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": types.PromiseMetricsDocument,
    "\n  query PromiseMatches($targets: [LevelInput!]!, $internal: Boolean! = true) {\n    serviceMatches(targets: $targets) {\n      delivers\n      spareCapacity @include(if: $internal)\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        designedLevels {\n          value\n          metric {\n            key\n          }\n        }\n      }\n    }\n  }\n": types.PromiseMatchesDocument,
    "\n  query ReportingReports {\n    reports {\n      slug\n      title\n      description\n      query\n      variables\n      documentId\n      jsonUrl\n      csvUrl\n      createdAt\n      updatedAt\n      createdBy\n    }\n  }\n": types.ReportingReportsDocument,
    "\n  query ReportingShareLinks($internal: Boolean! = true) {\n    shareLinks @include(if: $internal) {\n      id\n      report {\n        slug\n        title\n      }\n      client {\n        id\n        name\n      }\n      url\n      jsonUrl\n      createdAt\n      createdBy\n      expiresAt\n      revokedAt\n      active\n    }\n  }\n": types.ReportingShareLinksDocument,
    "\n  mutation ReportingDeleteReport($slug: String!) {\n    deleteReport(slug: $slug)\n  }\n": types.ReportingDeleteReportDocument,
    "\n  query ReportingClients($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.ReportingClientsDocument,
    "\n  mutation ReportingCreateShareLink($slug: String!, $expiresIn: String, $clientId: ID) {\n    createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) {\n      id\n      url\n      jsonUrl\n      expiresAt\n      client {\n        name\n      }\n    }\n  }\n": types.ReportingCreateShareLinkDocument,
    "\n  mutation ReportingRevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": types.ReportingRevokeShareLinkDocument,
    "\n  query ReviewList {\n    commitmentsToReview(first: 100) {\n      totalCount\n      nodes {\n        id\n        coveragePercent\n        service {\n          id\n          name\n        }\n        requirement {\n          id\n          title\n          priority\n          objective {\n            client {\n              id\n              name\n            }\n          }\n        }\n        review {\n          needed\n          reason\n          changes {\n            what\n            at\n            by\n          }\n        }\n      }\n    }\n  }\n": types.ReviewListDocument,
    "\n  mutation ReviewConfirm($id: ID!, $note: String) {\n    confirmCommitment(id: $id, note: $note) {\n      id\n      review {\n        needed\n        confirmedAt\n        confirmedBy\n        note\n      }\n    }\n  }\n": types.ReviewConfirmDocument,
    "\n  mutation DeleteMeasurement($id: ID!) {\n    deleteMeasurement(id: $id)\n  }\n": types.DeleteMeasurementDocument,
    "\n  mutation RecordMeasurement($input: MeasurementInput!) {\n    recordMeasurement(input: $input) {\n      id\n    }\n  }\n": types.RecordMeasurementDocument,
    "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": types.CreateServiceDocument,
    "\n  mutation UpdateService($id: ID!, $input: ServicePatch!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateServiceDocument,
    "\n  query MetricCatalog {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n": types.MetricCatalogDocument,
    "\n  query ServicePage($id: ID!, $internal: Boolean! = true) {\n    service(id: $id) {\n      id\n      name\n      description\n      ownerTeam\n      lifecycle\n      monthlyCost @include(if: $internal)\n      capacity @include(if: $internal)\n      committedUnits @include(if: $internal)\n      orphan @include(if: $internal)\n      oversubscribed @include(if: $internal)\n      designedLevels {\n        value\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      measurements(last: 1000) {\n        id\n        value\n        periodStart\n        periodEnd\n        source\n        recordedAt\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      commitments {\n        id\n        coveragePercent\n        capacityUnits @include(if: $internal)\n        holds\n        requirement {\n          id\n          title\n          objective {\n            id\n            client {\n              id\n              name\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ServicePageDocument,
    "\n  mutation DeleteService($id: ID!) {\n    deleteService(id: $id)\n  }\n": types.DeleteServiceDocument,
    "\n  query ServiceCatalog($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean! = true) {\n    services(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        ownerTeam\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n        orphan @include(if: $internal)\n        oversubscribed @include(if: $internal)\n        commitments {\n          id\n        }\n      }\n    }\n  }\n": types.ServiceCatalogDocument,
    "\n  query UsersList($internal: Boolean! = true) {\n    users @include(if: $internal) {\n      id\n      email\n      name\n      role\n      state\n      lastSignInAt\n      client {\n        id\n        name\n      }\n    }\n  }\n": types.UsersListDocument,
    "\n  mutation UsersInvite($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.UsersInviteDocument,
    "\n  mutation UsersUpdate($id: ID!, $input: UserPatch!) {\n    updateUser(id: $id, input: $input) {\n      id\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n": types.UsersUpdateDocument,
    "\n  mutation UsersDisable($id: ID!) {\n    disableUser(id: $id) {\n      id\n      state\n    }\n  }\n": types.UsersDisableDocument,
    "\n  mutation UsersEnable($id: ID!) {\n    enableUser(id: $id) {\n      id\n      state\n    }\n  }\n": types.UsersEnableDocument,
    "\n  mutation UsersReset($id: ID!) {\n    resetPassword(id: $id) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.UsersResetDocument,
    "\n  mutation CreateClient($input: ClientInput!) {\n    createClient(input: $input) {\n      id\n    }\n  }\n": types.CreateClientDocument,
    "\n  mutation UpdateClient($id: ID!, $input: ClientPatch!) {\n    updateClient(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateClientDocument,
    "\n  query AnalysisClientOptions($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": types.AnalysisClientOptionsDocument,
    "\n  query AnalysisChosenClient($id: ID!) {\n    client(id: $id) {\n      id\n      name\n      status\n    }\n  }\n": types.AnalysisChosenClientDocument,
    "\n  query AnalysisServiceOptions($search: String) {\n    services(first: 100, filter: { search: $search, lifecycle: [PLANNED, LIVE, RETIRING] }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n      }\n    }\n  }\n": types.AnalysisServiceOptionsDocument,
    "\n  mutation SaveReport($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n": types.SaveReportDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      name\n      role\n      client {\n        id\n        name\n      }\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountSessions {\n    mySessions {\n      id\n      browser\n      address\n      createdAt\n      lastSeenAt\n      expiresAt\n      keepSignedIn\n      current\n    }\n  }\n"): (typeof documents)["\n  query AccountSessions {\n    mySessions {\n      id\n      browser\n      address\n      createdAt\n      lastSeenAt\n      expiresAt\n      keepSignedIn\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountEndSession($id: String!) {\n    endSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation AccountEndSession($id: String!) {\n    endSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountChangePassword($current: String!, $new: String!) {\n    changePassword(current: $current, new: $new) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AccountChangePassword($current: String!, $new: String!) {\n    changePassword(current: $current, new: $new) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTokens {\n    myTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      active\n      client {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountTokens {\n    myTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      active\n      client {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountCreateToken($input: CreateTokenInput!) {\n    createMyToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountCreateToken($input: CreateTokenInput!) {\n    createMyToken(input: $input) {\n      secret\n      token {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountRevokeToken($id: ID!) {\n    revokeMyToken(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation AccountRevokeToken($id: ID!) {\n    revokeMyToken(id: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientMapDeleteClient($id: ID!) {\n    deleteClient(id: $id)\n  }\n"): (typeof documents)["\n  mutation ClientMapDeleteClient($id: ID!) {\n    deleteClient(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientMapDeleteObjective($id: ID!) {\n    deleteObjective(id: $id)\n  }\n"): (typeof documents)["\n  mutation ClientMapDeleteObjective($id: ID!) {\n    deleteObjective(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientMapDeleteRequirement($id: ID!) {\n    deleteRequirement(id: $id)\n  }\n"): (typeof documents)["\n  mutation ClientMapDeleteRequirement($id: ID!) {\n    deleteRequirement(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientMapDeleteCommitment($id: ID!) {\n    deleteCommitment(id: $id)\n  }\n"): (typeof documents)["\n  mutation ClientMapDeleteCommitment($id: ID!) {\n    deleteCommitment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommitmentEditorServices($search: String, $internal: Boolean! = true) {\n    services(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n      }\n    }\n  }\n"): (typeof documents)["\n  query CommitmentEditorServices($search: String, $internal: Boolean! = true) {\n    services(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitmentEditorCreate($input: CommitmentInput!) {\n    createCommitment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CommitmentEditorCreate($input: CommitmentInput!) {\n    createCommitment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitmentEditorUpdate($id: ID!, $input: CommitmentPatch!) {\n    updateCommitment(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CommitmentEditorUpdate($id: ID!, $input: CommitmentPatch!) {\n    updateCommitment(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObjectiveEditorCreate($input: ObjectiveInput!) {\n    createObjective(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ObjectiveEditorCreate($input: ObjectiveInput!) {\n    createObjective(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObjectiveEditorUpdate($id: ID!, $input: ObjectivePatch!) {\n    updateObjective(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ObjectiveEditorUpdate($id: ID!, $input: ObjectivePatch!) {\n    updateObjective(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequirementEditorMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"): (typeof documents)["\n  query RequirementEditorMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequirementEditorCreate($input: RequirementInput!) {\n    createRequirement(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RequirementEditorCreate($input: RequirementInput!) {\n    createRequirement(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequirementEditorUpdate($id: ID!, $input: RequirementPatch!) {\n    updateRequirement(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RequirementEditorUpdate($id: ID!, $input: RequirementPatch!) {\n    updateRequirement(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientMapView($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      industry\n      accountOwner\n      status\n      annualContractValue\n      score\n      gapCount\n      monthlyCostToServe @include(if: $internal)\n      monthlyMargin @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n      scoreHistory {\n        at\n        score\n      }\n      objectives {\n        id\n        title\n        description\n        owner\n        priority\n        score\n        requirements {\n          id\n          title\n          description\n          priority\n          targets {\n            metric {\n              key\n              name\n              unit\n              direction\n            }\n            value\n          }\n          coverage {\n            status\n            percent\n            shortfalls {\n              service {\n                id\n                name\n              }\n              metric {\n                key\n                name\n                unit\n              }\n              required\n              designed\n              measured\n            }\n          }\n          commitments {\n            id\n            coveragePercent\n            capacityUnits @include(if: $internal)\n            note\n            holds\n            service {\n              id\n              name\n              lifecycle\n              designedLevels {\n                metric {\n                  key\n                }\n                value\n              }\n              latestMeasurements {\n                metric {\n                  key\n                }\n                value\n                periodEnd\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientMapView($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      industry\n      accountOwner\n      status\n      annualContractValue\n      score\n      gapCount\n      monthlyCostToServe @include(if: $internal)\n      monthlyMargin @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n      scoreHistory {\n        at\n        score\n      }\n      objectives {\n        id\n        title\n        description\n        owner\n        priority\n        score\n        requirements {\n          id\n          title\n          description\n          priority\n          targets {\n            metric {\n              key\n              name\n              unit\n              direction\n            }\n            value\n          }\n          coverage {\n            status\n            percent\n            shortfalls {\n              service {\n                id\n                name\n              }\n              metric {\n                key\n                name\n                unit\n              }\n              required\n              designed\n              measured\n            }\n          }\n          commitments {\n            id\n            coveragePercent\n            capacityUnits @include(if: $internal)\n            note\n            holds\n            service {\n              id\n              name\n              lifecycle\n              designedLevels {\n                metric {\n                  key\n                }\n                value\n              }\n              latestMeasurements {\n                metric {\n                  key\n                }\n                value\n                periodEnd\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GapList($first: Int, $after: String, $filter: GapFilter) {\n    gaps(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        kind\n        message\n        client {\n          id\n          name\n        }\n        objective {\n          id\n          title\n        }\n        requirement {\n          id\n          title\n        }\n        service {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GapList($first: Int, $after: String, $filter: GapFilter) {\n    gaps(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        kind\n        message\n        client {\n          id\n          name\n        }\n        objective {\n          id\n          title\n        }\n        requirement {\n          id\n          title\n        }\n        service {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportingSaveFromConsole($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n"): (typeof documents)["\n  mutation ReportingSaveFromConsole($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceImpact($serviceId: ID!, $internal: Boolean! = true) {\n    impact(serviceId: $serviceId) @include(if: $internal) {\n      revenueAtRisk\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost\n        ownerTeam\n      }\n      requirements {\n        before\n        after\n        requirement {\n          id\n          title\n          priority\n          objective {\n            id\n            title\n            client {\n              id\n              name\n            }\n          }\n        }\n      }\n      clients {\n        before\n        after\n        client {\n          id\n          name\n          annualContractValue\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServiceImpact($serviceId: ID!, $internal: Boolean! = true) {\n    impact(serviceId: $serviceId) @include(if: $internal) {\n      revenueAtRisk\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost\n        ownerTeam\n      }\n      requirements {\n        before\n        after\n        requirement {\n          id\n          title\n          priority\n          objective {\n            id\n            title\n            client {\n              id\n              name\n            }\n          }\n        }\n      }\n      clients {\n        before\n        after\n        client {\n          id\n          name\n          annualContractValue\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MatrixCells on Requirement {\n    coverage {\n      status\n      percent\n    }\n    commitments {\n      coveragePercent\n      holds\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MatrixCells on Requirement {\n    coverage {\n      status\n      percent\n    }\n    commitments {\n      coveragePercent\n      holds\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatrixRequirements($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean! = true) {\n    requirements(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        priority\n        objective {\n          id\n          title\n          client {\n            id\n            name\n          }\n        }\n        ...MatrixCells\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatrixRequirements($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean! = true) {\n    requirements(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        priority\n        objective {\n          id\n          title\n          client {\n            id\n            name\n          }\n        }\n        ...MatrixCells\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatrixClient($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      status\n      objectives {\n        id\n        title\n        requirements {\n          id\n          title\n          priority\n          ...MatrixCells\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatrixClient($id: ID!, $internal: Boolean! = true) {\n    client(id: $id) {\n      id\n      name\n      status\n      objectives {\n        id\n        title\n        requirements {\n          id\n          title\n          priority\n          ...MatrixCells\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioFigures($internal: Boolean! = true) {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost @include(if: $internal)\n      orphanMonthlyCost @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioFigures($internal: Boolean! = true) {\n    portfolio {\n      score\n      annualContractValue\n      monthlyServiceCost @include(if: $internal)\n      orphanMonthlyCost @include(if: $internal)\n      statusCounts {\n        status\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean! = true) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe @include(if: $internal)\n        monthlyMargin @include(if: $internal)\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioClients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean! = true) {\n    clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        industry\n        status\n        annualContractValue\n        score\n        gapCount\n        monthlyCostToServe @include(if: $internal)\n        monthlyMargin @include(if: $internal)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromiseMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"): (typeof documents)["\n  query PromiseMetrics {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromiseMatches($targets: [LevelInput!]!, $internal: Boolean! = true) {\n    serviceMatches(targets: $targets) {\n      delivers\n      spareCapacity @include(if: $internal)\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        designedLevels {\n          value\n          metric {\n            key\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PromiseMatches($targets: [LevelInput!]!, $internal: Boolean! = true) {\n    serviceMatches(targets: $targets) {\n      delivers\n      spareCapacity @include(if: $internal)\n      service {\n        id\n        name\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        designedLevels {\n          value\n          metric {\n            key\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportingReports {\n    reports {\n      slug\n      title\n      description\n      query\n      variables\n      documentId\n      jsonUrl\n      csvUrl\n      createdAt\n      updatedAt\n      createdBy\n    }\n  }\n"): (typeof documents)["\n  query ReportingReports {\n    reports {\n      slug\n      title\n      description\n      query\n      variables\n      documentId\n      jsonUrl\n      csvUrl\n      createdAt\n      updatedAt\n      createdBy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportingShareLinks($internal: Boolean! = true) {\n    shareLinks @include(if: $internal) {\n      id\n      report {\n        slug\n        title\n      }\n      client {\n        id\n        name\n      }\n      url\n      jsonUrl\n      createdAt\n      createdBy\n      expiresAt\n      revokedAt\n      active\n    }\n  }\n"): (typeof documents)["\n  query ReportingShareLinks($internal: Boolean! = true) {\n    shareLinks @include(if: $internal) {\n      id\n      report {\n        slug\n        title\n      }\n      client {\n        id\n        name\n      }\n      url\n      jsonUrl\n      createdAt\n      createdBy\n      expiresAt\n      revokedAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportingDeleteReport($slug: String!) {\n    deleteReport(slug: $slug)\n  }\n"): (typeof documents)["\n  mutation ReportingDeleteReport($slug: String!) {\n    deleteReport(slug: $slug)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportingClients($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportingClients($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportingCreateShareLink($slug: String!, $expiresIn: String, $clientId: ID) {\n    createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) {\n      id\n      url\n      jsonUrl\n      expiresAt\n      client {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReportingCreateShareLink($slug: String!, $expiresIn: String, $clientId: ID) {\n    createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) {\n      id\n      url\n      jsonUrl\n      expiresAt\n      client {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportingRevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReportingRevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewList {\n    commitmentsToReview(first: 100) {\n      totalCount\n      nodes {\n        id\n        coveragePercent\n        service {\n          id\n          name\n        }\n        requirement {\n          id\n          title\n          priority\n          objective {\n            client {\n              id\n              name\n            }\n          }\n        }\n        review {\n          needed\n          reason\n          changes {\n            what\n            at\n            by\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewList {\n    commitmentsToReview(first: 100) {\n      totalCount\n      nodes {\n        id\n        coveragePercent\n        service {\n          id\n          name\n        }\n        requirement {\n          id\n          title\n          priority\n          objective {\n            client {\n              id\n              name\n            }\n          }\n        }\n        review {\n          needed\n          reason\n          changes {\n            what\n            at\n            by\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewConfirm($id: ID!, $note: String) {\n    confirmCommitment(id: $id, note: $note) {\n      id\n      review {\n        needed\n        confirmedAt\n        confirmedBy\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewConfirm($id: ID!, $note: String) {\n    confirmCommitment(id: $id, note: $note) {\n      id\n      review {\n        needed\n        confirmedAt\n        confirmedBy\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMeasurement($id: ID!) {\n    deleteMeasurement(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteMeasurement($id: ID!) {\n    deleteMeasurement(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordMeasurement($input: MeasurementInput!) {\n    recordMeasurement(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordMeasurement($input: MeasurementInput!) {\n    recordMeasurement(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateService($id: ID!, $input: ServicePatch!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateService($id: ID!, $input: ServicePatch!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricCatalog {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"): (typeof documents)["\n  query MetricCatalog {\n    metrics {\n      key\n      name\n      unit\n      direction\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServicePage($id: ID!, $internal: Boolean! = true) {\n    service(id: $id) {\n      id\n      name\n      description\n      ownerTeam\n      lifecycle\n      monthlyCost @include(if: $internal)\n      capacity @include(if: $internal)\n      committedUnits @include(if: $internal)\n      orphan @include(if: $internal)\n      oversubscribed @include(if: $internal)\n      designedLevels {\n        value\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      measurements(last: 1000) {\n        id\n        value\n        periodStart\n        periodEnd\n        source\n        recordedAt\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      commitments {\n        id\n        coveragePercent\n        capacityUnits @include(if: $internal)\n        holds\n        requirement {\n          id\n          title\n          objective {\n            id\n            client {\n              id\n              name\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServicePage($id: ID!, $internal: Boolean! = true) {\n    service(id: $id) {\n      id\n      name\n      description\n      ownerTeam\n      lifecycle\n      monthlyCost @include(if: $internal)\n      capacity @include(if: $internal)\n      committedUnits @include(if: $internal)\n      orphan @include(if: $internal)\n      oversubscribed @include(if: $internal)\n      designedLevels {\n        value\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      measurements(last: 1000) {\n        id\n        value\n        periodStart\n        periodEnd\n        source\n        recordedAt\n        metric {\n          key\n          name\n          unit\n          direction\n        }\n      }\n      commitments {\n        id\n        coveragePercent\n        capacityUnits @include(if: $internal)\n        holds\n        requirement {\n          id\n          title\n          objective {\n            id\n            client {\n              id\n              name\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteService($id: ID!) {\n    deleteService(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteService($id: ID!) {\n    deleteService(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceCatalog($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean! = true) {\n    services(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        ownerTeam\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n        orphan @include(if: $internal)\n        oversubscribed @include(if: $internal)\n        commitments {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServiceCatalog($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean! = true) {\n    services(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        ownerTeam\n        lifecycle\n        monthlyCost @include(if: $internal)\n        capacity @include(if: $internal)\n        committedUnits @include(if: $internal)\n        orphan @include(if: $internal)\n        oversubscribed @include(if: $internal)\n        commitments {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersList($internal: Boolean! = true) {\n    users @include(if: $internal) {\n      id\n      email\n      name\n      role\n      state\n      lastSignInAt\n      client {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersList($internal: Boolean! = true) {\n    users @include(if: $internal) {\n      id\n      email\n      name\n      role\n      state\n      lastSignInAt\n      client {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersInvite($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersInvite($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersUpdate($id: ID!, $input: UserPatch!) {\n    updateUser(id: $id, input: $input) {\n      id\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersUpdate($id: ID!, $input: UserPatch!) {\n    updateUser(id: $id, input: $input) {\n      id\n      role\n      client {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersDisable($id: ID!) {\n    disableUser(id: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation UsersDisable($id: ID!) {\n    disableUser(id: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersEnable($id: ID!) {\n    enableUser(id: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation UsersEnable($id: ID!) {\n    enableUser(id: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersReset($id: ID!) {\n    resetPassword(id: $id) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersReset($id: ID!) {\n    resetPassword(id: $id) {\n      url\n      expiresAt\n      purpose\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query AnalysisClientOptions($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query AnalysisClientOptions($search: String) {\n    clients(first: 100, filter: { search: $search }) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalysisChosenClient($id: ID!) {\n    client(id: $id) {\n      id\n      name\n      status\n    }\n  }\n"): (typeof documents)["\n  query AnalysisChosenClient($id: ID!) {\n    client(id: $id) {\n      id\n      name\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalysisServiceOptions($search: String) {\n    services(first: 100, filter: { search: $search, lifecycle: [PLANNED, LIVE, RETIRING] }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n      }\n    }\n  }\n"): (typeof documents)["\n  query AnalysisServiceOptions($search: String) {\n    services(first: 100, filter: { search: $search, lifecycle: [PLANNED, LIVE, RETIRING] }) {\n      totalCount\n      nodes {\n        id\n        name\n        lifecycle\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveReport($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SaveReport($input: ReportInput!, $replace: Boolean) {\n    saveReport(input: $input, replace: $replace) {\n      slug\n      title\n      csvUrl\n      jsonUrl\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;