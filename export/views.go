package export

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"alliance"
	"alliance/report"
)

// View is a list of the web app that can be downloaded: its query, and the
// variables its URL may set (the view's filters).
type View struct {
	// What names the list in URLs and on the command line.
	What string
	// Title names the file's sheet.
	Title string
	// Query selects the rows; a connection's rows are read a page at a
	// time. Where it declares $internal: Boolean!, that is set from the
	// caller.
	Query string
	// Params are the variables the view's URL may give.
	Params []string
	// Required are those it must give.
	Required []string
	// Paged is set when the rows are a connection that Query pages
	// through with $after.
	Paged bool
}

// Views are the lists, by What.
var Views = map[string]View{
	"clients": {
		What: "clients", Title: "Clients", Paged: true, Params: []string{"filter", "orderBy"},
		Query: `query Clients($first: Int, $after: String, $filter: ClientFilter, $orderBy: ClientOrder, $internal: Boolean!) {
  clients(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name industry accountOwner status annualContractValue score gapCount
      monthlyCostToServe @include(if: $internal)
      monthlyMargin @include(if: $internal)
    }
  }
}`,
	},
	"map": {
		What: "map", Title: "Client map", Params: []string{"id"}, Required: []string{"id"},
		Query: `query ClientMap($id: ID!, $internal: Boolean!) {
  client(id: $id) {
    objectives {
      id title priority owner score
      requirements {
        id title priority
        coverage { status percent }
        commitments {
          coveragePercent holds
          capacityUnits @include(if: $internal)
          note
          service { id name lifecycle }
        }
        targets { metric { key } value }
      }
    }
  }
}`,
	},
	"matrix": {
		What: "matrix", Title: "Coverage matrix", Paged: true, Params: []string{"filter"},
		Query: `query Matrix($first: Int, $after: String, $filter: RequirementFilter, $internal: Boolean!) {
  requirements(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id title priority
      objective { id title client { id name } }
      coverage { status percent }
      commitments {
        coveragePercent holds
        service { id name lifecycle monthlyCost @include(if: $internal) }
      }
    }
  }
}`,
	},
	"gaps": {
		What: "gaps", Title: "Gaps", Paged: true, Params: []string{"filter"},
		Query: `query Gaps($first: Int, $after: String, $filter: GapFilter, $internal: Boolean!) {
  gaps(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      kind message
      client { id name }
      objective { id title }
      requirement { id title }
      service { id name monthlyCost @include(if: $internal) }
    }
  }
}`,
	},
	"services": {
		What: "services", Title: "Services", Paged: true, Params: []string{"filter"},
		Query: `query Services($first: Int, $after: String, $filter: ServiceFilter, $internal: Boolean!) {
  services(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name ownerTeam lifecycle
      monthlyCost @include(if: $internal)
      capacity @include(if: $internal)
      committedUnits @include(if: $internal)
      orphan @include(if: $internal)
      oversubscribed @include(if: $internal)
    }
  }
}`,
	},
	// impact is internal to the provider as a whole: a client-portal
	// caller is refused it by the executor, naming the field.
	"impact": {
		What: "impact", Title: "Impact", Params: []string{"serviceId"}, Required: []string{"serviceId"},
		Query: `query Impact($serviceId: ID!) {
  impact(serviceId: $serviceId) {
    requirements {
      before after
      requirement { id title priority objective { id title client { id name annualContractValue } } }
    }
  }
}`,
	},
	"promise": {
		What: "promise", Title: "Promise check", Params: []string{"targets"}, Required: []string{"targets"},
		Query: `query Promise($targets: [LevelInput!]!, $internal: Boolean!) {
  serviceMatches(targets: $targets) {
    delivers
    spareCapacity @include(if: $internal)
    service { id name lifecycle ownerTeam monthlyCost @include(if: $internal) capacity @include(if: $internal) }
  }
}`,
	},
}

// Whats lists the names of the views, sorted.
func Whats() []string {
	out := make([]string, 0, len(Views))
	for w := range Views {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// pageSize is the page a paged list is read in: the largest the API
// allows.
const pageSize = 100

// Prepare makes the run of a list as a file: what names the view, format
// is report.CSV or report.XLSX, and params are the variables of its URL
// (JSON for input objects and lists, text otherwise, as report URLs take
// them). internal says whether the caller may see what the schema marks
// @internal (false for a client-portal caller). Unknown lists, formats and
// parameters are refused naming them, before anything runs.
func Prepare(exec report.Executor, what, format string, params url.Values, internal bool) (*report.Run, error) {
	v, ok := Views[what]
	if !ok {
		return nil, alliance.Invalidf("what", "no list %q to download: choose one of %s", what, strings.Join(Whats(), ", "))
	}
	if format != report.CSV && format != report.XLSX {
		return nil, alliance.Invalidf("format", "lists download as csv or xlsx, not %q", format)
	}
	query := url.Values{}
	for name, vals := range params {
		if !slices.Contains(v.Params, name) {
			allowed := "no parameter"
			if len(v.Params) > 0 {
				allowed = strings.Join(v.Params, ", ")
			}
			return nil, alliance.Invalidf(name, "the %s list takes %s, not %q", what, allowed, name)
		}
		query[name] = vals
	}
	for _, name := range v.Required {
		if query.Get(name) == "" {
			return nil, alliance.Invalidf(name, "the %s list needs %s", what, name)
		}
	}
	defaults := map[string]any{}
	if strings.Contains(v.Query, "$internal: Boolean!") {
		defaults["internal"] = internal
	}
	if v.Paged {
		defaults["first"] = pageSize
		query.Set("all", "true")
	}
	vars, err := json.Marshal(defaults)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", what, err)
	}
	rep := &alliance.Report{Slug: what, Title: v.Title, Query: v.Query, Variables: vars}
	return report.Prepare(exec, rep, format, query)
}
