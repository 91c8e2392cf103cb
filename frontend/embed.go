// Package frontend holds the built web assets (dist/, made by `npm run build`) embedded into the Go binary.
package frontend

import (
	"embed"
	"io/fs"
)

// dist is the output of the Vite build, dot files included. It always holds
// dist/.keep, a committed placeholder that the build writes back, so that
// the program compiles (and vets and tests) before the web app is first
// built; its pages then say how to build it.
//
//go:embed all:dist
var dist embed.FS

// Dist returns the built web assets with dist/ as their root, so that
// index.html, graphiql.html and assets/ are at the top.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "dist" is valid.
		panic("frontend: " + err.Error())
	}
	return sub
}
