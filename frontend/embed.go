// Package frontend holds the built web assets (dist/, made by `npm run build`)
// embedded into the Go binary.
//
// The build writes dist.go beside this file (git-ignored), which embeds dist/
// and sets the assets when the program starts. Without it (a fresh clone
// before the first build) the program compiles, vets and tests all the same,
// with no assets; its pages then say how to build the web app.
package frontend

import (
	"embed"
	"io/fs"
)

// assets are the built web app, with dist/ as their root; dist.go sets them.
var assets fs.FS = embed.FS{}

// Dist returns the built web assets with dist/ as their root, so that
// index.html, graphiql.html and assets/ are at the top. It is empty before
// the web app is built.
func Dist() fs.FS { return assets }
