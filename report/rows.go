package report

import (
	"bytes"
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

// read returns the rows of one answer, as JSON arrays of rows (the nodes'
// array as the answer has it, or, through edges, each node in an array of
// its own) and, for a connection, where the next page starts and whether
// there is one.
func (s *rowSource) read(data json.RawMessage) (lists []json.RawMessage, endCursor any, more bool, err error) {
	if s == nil {
		return []json.RawMessage{wrap(data)}, nil, false, nil
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
		return []json.RawMessage{cur}, nil, false, nil
	}
	var conn map[string]json.RawMessage
	if err := json.Unmarshal(cur, &conn); err != nil {
		return nil, nil, false, err
	}
	if s.viaEdges {
		var edges []map[string]json.RawMessage
		if err := json.Unmarshal(conn[s.nodes], &edges); err != nil {
			return nil, nil, false, err
		}
		for _, e := range edges {
			lists = append(lists, wrap(e[s.node]))
		}
	} else if nodes := conn[s.nodes]; nodes != nil && string(nodes) != "null" {
		lists = []json.RawMessage{nodes}
	}
	if s.pageInfo != "" {
		var info map[string]any
		if err := json.Unmarshal(conn[s.pageInfo], &info); err == nil {
			more, _ = info[s.hasNext].(bool)
			endCursor = info[s.endCursor]
		}
	}
	return lists, endCursor, more, nil
}

// values returns the rows of one answer as decoded values (numbers as
// json.Number), the answer decoded once, and, for a connection, where the
// next page starts and whether there is one.
func (s *rowSource) values(data json.RawMessage) (rows []any, endCursor any, more bool, err error) {
	whole := decodeValue(data) // nil for null, and then no rows
	if s == nil {
		return []any{whole}, nil, false, nil
	}
	cur := whole
	for _, key := range s.path {
		obj, _ := cur.(map[string]any)
		if cur = obj[key]; cur == nil {
			return nil, nil, false, nil
		}
	}
	if !s.connection {
		rows, _ = cur.([]any)
		return rows, nil, false, nil
	}
	conn, _ := cur.(map[string]any)
	rows, _ = conn[s.nodes].([]any)
	if s.viaEdges {
		for i, e := range rows {
			edge, _ := e.(map[string]any)
			rows[i] = edge[s.node]
		}
	}
	if info, ok := conn[s.pageInfo].(map[string]any); ok {
		more, _ = info[s.hasNext].(bool)
		endCursor = info[s.endCursor]
	}
	return rows, endCursor, more, nil
}

// wrap makes one JSON value an array of it.
func wrap(v json.RawMessage) json.RawMessage {
	out := make(json.RawMessage, 0, len(v)+2)
	out = append(out, '[')
	out = append(out, v...)
	return append(out, ']')
}

// elements returns what is inside a JSON array (its elements and the commas
// between them, as they are) and how many elements it holds, counting the
// commas outside strings at its top level.
func elements(list json.RawMessage) (json.RawMessage, int) {
	list = bytes.TrimSpace(list)
	if len(list) < 2 || list[0] != '[' {
		return nil, 0
	}
	inner := bytes.TrimSpace(list[1 : len(list)-1])
	if len(inner) == 0 {
		return nil, 0
	}
	n, depth, inString, escaped := 1, 0, false, false
	for _, c := range inner {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			n++
		}
	}
	return inner, n
}
