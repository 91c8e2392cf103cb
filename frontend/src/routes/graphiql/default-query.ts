/** The query shown in the editor the first time GraphiQL opens in a browser. */
export const defaultQuery = `# Welcome to Alliance GraphiQL.
#
# Operations are sent to /graphql. If this tab holds
# an API token (sessionStorage "alliance.token"), it
# is sent as "Authorization: Bearer <token>"; an
# Authorization header typed in the Headers tab below
# takes precedence.
#
# Run with Ctrl-Enter (Cmd-Enter on a Mac) or the play
# button. The Docs icon in the sidebar opens the
# schema; /schema.graphql serves it as SDL.

query ClientsOverview {
  clients(first: 10) {
    totalCount
    nodes {
      id
      name
      status
      annualContractValue
      objectives {
        title
        requirements {
          title
          priority
          targets {
            metric {
              key
              unit
            }
            value
          }
        }
      }
    }
  }
}
`;
