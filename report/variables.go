package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/graph"
)

// variables merges the report's default variables with the query string.
// A value is taken as text for String, ID, Time and enum variables, and
// read as JSON otherwise ("first=20", "status=[\"ACTIVE\"]"); a list of
// enums may also be given comma-separated ("status=ACTIVE,PROSPECT").
func variables(rep *alliance.Report, op *ast.OperationDefinition, query url.Values) (map[string]any, error) {
	vars := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(rep.Variables))
	dec.UseNumber()
	if err := dec.Decode(&vars); err != nil {
		vars = map[string]any{}
	}
	for name, vals := range query {
		if name == "share" || name == "all" {
			continue
		}
		def := op.VariableDefinitions.ForName(name)
		if def == nil {
			return nil, alliance.Invalidf(name, "report %q has no variable %q", rep.Slug, name)
		}
		v, err := variableValue(def.Type, vals[0])
		if err != nil {
			return nil, alliance.Invalidf(name, "variable %q: %v", name, err)
		}
		vars[name] = v
	}
	return vars, nil
}

func variableValue(t *ast.Type, raw string) (any, error) {
	textual := func(name string) bool {
		def := graph.Schema().Types[name]
		return name == "String" || name == "ID" || name == "Time" || def != nil && def.Kind == ast.Enum
	}
	if t.Elem == nil && textual(t.NamedType) {
		return raw, nil
	}
	if t.Elem != nil && textual(t.Elem.NamedType) && !strings.HasPrefix(strings.TrimSpace(raw), "[") {
		parts := strings.Split(raw, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = strings.TrimSpace(p)
		}
		return out, nil
	}
	if raw == "" {
		return nil, nil
	}
	v := decodeValue([]byte(raw))
	if v == nil && raw != "null" {
		return nil, fmt.Errorf("%q is not a JSON value", raw)
	}
	return v, nil
}

// decodeValue reads one JSON value, and nothing after it, or gives nil.
func decodeValue(b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil
	}
	return v
}
