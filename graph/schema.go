package graph

import (
	"embed"
	"io/fs"
	"strings"
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
