package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// rowSource says where a report's rows are in its answer: the nodes of the
// first connection the query selects, or the elements of its first list.
type rowSource struct {
	path         []string // response keys from data to the connection or list
	connection   bool
	nodes        string // response key of nodes, or of edges
	viaEdges     bool
	node         string // response key of edges' node
	pageInfo     string
	endCursor    string
	hasNext      string
	rowSelection ast.SelectionSet
	// afterVar is the variable given as the connection's after argument.
	afterVar string
}

// findRows finds the rows of a query, or nil when it has no list.
func findRows(sel ast.SelectionSet) *rowSource {
	for _, f := range fields(sel) {
		if len(f.SelectionSet) == 0 || f.Definition == nil {
			continue
		}
		typ := f.Definition.Type
		if typ.Elem == nil && strings.HasSuffix(typ.NamedType, "Connection") {
			src := &rowSource{path: []string{f.Alias}, connection: true}
			if a := f.Arguments.ForName("after"); a != nil && a.Value != nil && a.Value.Kind == ast.Variable {
				src.afterVar = a.Value.Raw
			}
			for _, g := range fields(f.SelectionSet) {
				switch g.Name {
				case "nodes":
					if src.nodes == "" || src.viaEdges {
						src.nodes, src.viaEdges, src.rowSelection = g.Alias, false, g.SelectionSet
					}
				case "edges":
					for _, n := range fields(g.SelectionSet) {
						if n.Name == "node" && src.nodes == "" {
							src.nodes, src.viaEdges, src.node, src.rowSelection = g.Alias, true, n.Alias, n.SelectionSet
						}
					}
				case "pageInfo":
					src.pageInfo = g.Alias
					for _, p := range fields(g.SelectionSet) {
						switch p.Name {
						case "endCursor":
							src.endCursor = p.Alias
						case "hasNextPage":
							src.hasNext = p.Alias
						}
					}
				}
			}
			if src.nodes != "" {
				return src
			}
			continue
		}
		if typ.Elem != nil {
			return &rowSource{path: []string{f.Alias}, rowSelection: f.SelectionSet}
		}
		if inner := findRows(f.SelectionSet); inner != nil {
			inner.path = append([]string{f.Alias}, inner.path...)
			return inner
		}
	}
	return nil
}

// pageable reports whether the report can page through its connection: the
// connection of its rows takes $after as its after argument.
func (s *rowSource) pageable(op *ast.OperationDefinition) bool {
	after := op.VariableDefinitions.ForName("after")
	return s.connection && s.endCursor != "" && s.hasNext != "" && s.afterVar == "after" &&
		after != nil && after.Type.NamedType == "String" && after.Type.Elem == nil
}

// read returns the rows of one answer and, for a connection, where the next
// page starts and whether there is one.
func (s *rowSource) read(data json.RawMessage) (rows []json.RawMessage, endCursor any, more bool, err error) {
	if s == nil {
		return []json.RawMessage{data}, nil, false, nil
	}
	cur := data
	for _, key := range s.path {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(cur, &obj); err != nil {
			return nil, nil, false, fmt.Errorf("read %s: %w", key, err)
		}
		if cur = obj[key]; cur == nil || string(cur) == "null" {
			return nil, nil, false, nil
		}
	}
	if !s.connection {
		err := json.Unmarshal(cur, &rows)
		return rows, nil, false, err
	}
	var conn map[string]json.RawMessage
	if err := json.Unmarshal(cur, &conn); err != nil {
		return nil, nil, false, err
	}
	if err := json.Unmarshal(conn[s.nodes], &rows); err != nil {
		return nil, nil, false, err
	}
	if s.viaEdges {
		for i, e := range rows {
			var edge map[string]json.RawMessage
			if err := json.Unmarshal(e, &edge); err != nil {
				return nil, nil, false, err
			}
			rows[i] = edge[s.node]
		}
	}
	if s.pageInfo != "" {
		var info map[string]any
		if err := json.Unmarshal(conn[s.pageInfo], &info); err == nil {
			more, _ = info[s.hasNext].(bool)
			endCursor = info[s.endCursor]
		}
	}
	return rows, endCursor, more, nil
}
