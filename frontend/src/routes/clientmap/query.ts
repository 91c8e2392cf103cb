// The one query behind the client map, and the types of what it returns.
import { graphql } from '../../gql';
import type { ClientMapViewQuery } from '../../gql/graphql';

export const ClientMapView = graphql(`
  query ClientMapView($id: ID!, $internal: Boolean! = true) {
    client(id: $id) {
      id
      name
      industry
      accountOwner
      status
      annualContractValue
      score
      gapCount
      monthlyCostToServe @include(if: $internal)
      monthlyMargin @include(if: $internal)
      statusCounts {
        status
        count
      }
      scoreHistory {
        at
        score
      }
      objectives {
        id
        title
        description
        owner
        priority
        score
        requirements {
          id
          title
          description
          priority
          targets {
            metric {
              key
              name
              unit
              direction
            }
            value
          }
          coverage {
            status
            percent
            shortfalls {
              service {
                id
                name
              }
              metric {
                key
                name
                unit
              }
              required
              designed
              measured
            }
          }
          commitments {
            id
            coveragePercent
            capacityUnits @include(if: $internal)
            note
            holds
            evidence {
              stale
              reason
              staleSince
            }
            service {
              id
              name
              lifecycle
              designedLevels {
                metric {
                  key
                }
                value
              }
              latestMeasurements {
                metric {
                  key
                }
                value
                periodEnd
              }
            }
          }
        }
      }
    }
  }
`);

export type MapClient = NonNullable<ClientMapViewQuery['client']>;
export type MapObjective = MapClient['objectives'][number];
export type MapRequirement = MapObjective['requirements'][number];
export type MapCommitment = MapRequirement['commitments'][number];
export type MapService = MapCommitment['service'];

/** What is selected on the map: a node of the graph or a requirement of the list. */
export type Selection = { kind: 'objective' | 'requirement' | 'service'; id: string } | null;

/** What an editor asks the view to open. */
export type EditAction =
  | { kind: 'client' }
  | { kind: 'deleteClient' }
  | { kind: 'objective'; objective?: MapObjective }
  | { kind: 'deleteObjective'; objective: MapObjective }
  | { kind: 'requirement'; objectiveId: string; requirement?: MapRequirement }
  | { kind: 'deleteRequirement'; requirement: MapRequirement }
  | { kind: 'commitment'; requirement: MapRequirement; commitment?: MapCommitment }
  | { kind: 'deleteCommitment'; requirement: MapRequirement; commitment: MapCommitment };
