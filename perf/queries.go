package main

import (
	"fmt"
	"net/url"
	"strconv"
)

// The queries measured, as the GraphQL API is asked them. The floor answers
// each at a path of its own with the same JSON as their data.

const q1Query = `query Q1($id: ID!) {
  client(id: $id) {
    id name status annualContractValue score gapCount monthlyCostToServe monthlyMargin
    statusCounts { status count }
    objectives {
      id title priority score
      requirements {
        id title priority
        targets { metric { key unit } value }
        coverage { status percent shortfalls { service { id name } metric { key } required designed measured } }
        commitments { id coveragePercent capacityUnits holds service { id name lifecycle } }
      }
    }
  }
}`

const q3Query = `query Q3 {
  portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost statusCounts { status count } }
  gaps(first: 100) {
    totalCount
    nodes { kind message client { id name } objective { id title } requirement { id title } service { id name } }
  }
}`

const q4Query = `query Q4 {
  clients(first: 100, orderBy: {field: SCORE, direction: DESC}) {
    totalCount
    nodes { id name status annualContractValue score gapCount monthlyCostToServe monthlyMargin }
  }
}`

const q5Query = `query Q5($id: ID!) {
  impact(serviceId: $id) {
    revenueAtRisk
    service { id name }
    requirements { before after requirement { id title } }
    clients { before after client { id name } }
  }
}`

const q6Query = `query Q6($targets: [LevelInput!]!) {
  serviceMatches(targets: $targets) { delivers spareCapacity service { id name lifecycle monthlyCost } }
}`

// q2Query is the saved report of Q2: every requirement of the portfolio
// with its client, objective, status, percent and services.
const q2Query = `query Q2($after: String) {
  requirements(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id title priority
      objective { title client { name } }
      coverage { status percent }
      commitments { service { name } }
    }
  }
}`

// typicalPromise is Q6's targets: a support promise with the support hours
// and the response time that generated requirements ask for most often
// (services are designed for a family of metrics each: availability,
// recovery or support).
var typicalPromise = []map[string]any{
	{"metric": "support_hours", "value": 45},
	{"metric": "response_minutes", "value": 30},
}

// query is one read the harness measures: how Alliance is asked it, and
// where the floor answers it.
type query struct {
	Name, Title string
	GraphQL     string
	Variables   map[string]any
	FloorPath   string
}

// readQueries are the reads of the run, on its subjects.
func readQueries(s *subjects) []query {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	promise := url.Values{}
	for _, t := range typicalPromise {
		promise.Add("t", fmt.Sprintf("%s:%v", t["metric"], t["value"]))
	}
	return []query{
		{"q1", fmt.Sprintf("Q1 client map (random, client %d)", s.RandomClient), q1Query, map[string]any{"id": id(s.RandomClient)}, "/q1?id=" + id(s.RandomClient)},
		{"q1l", fmt.Sprintf("Q1 client map (largest, client %d, %d requirements)", s.LargestClient, s.LargestClientRequirements), q1Query,
			map[string]any{"id": id(s.LargestClient)}, "/q1?id=" + id(s.LargestClient)},
		{"q3", "Q3 portfolio + 100 gaps", q3Query, nil, "/q3"},
		{"q4", "Q4 100 clients by score", q4Query, nil, "/q4"},
		{"q5", fmt.Sprintf("Q5 impact of service %d (%d commitments)", s.MostCommitted, s.MostCommittedN), q5Query,
			map[string]any{"id": id(s.MostCommitted)}, "/q5?id=" + id(s.MostCommitted)},
		{"q6", "Q6 serviceMatches, typical promise", q6Query, map[string]any{"targets": typicalPromise}, "/q6?" + promise.Encode()},
	}
}
