package graph

import (
	"embed"
	"io/fs"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

//go:embed schema/*.graphqls
var schemaFiles embed.FS

// SchemaSDL returns the schema of the API as written in graph/schema: every
// file, in name order.
func SchemaSDL() string {
	names, _ := fs.Glob(schemaFiles, "schema/*.graphqls")
	var b strings.Builder
	for _, n := range names {
		src, _ := schemaFiles.ReadFile(n)
		b.WriteString("# " + strings.TrimPrefix(n, "schema/") + "\n\n")
		b.Write(src)
		b.WriteString("\n")
	}
	return b.String()
}

var parsed = sync.OnceValue(func() *ast.Schema {
	return gqlparser.MustLoadSchema(&ast.Source{Name: "alliance.graphqls", Input: SchemaSDL()})
})

// Schema returns the parsed schema, to read documents against it.
func Schema() *ast.Schema { return parsed() }
