// Package templates holds what a user may edit without touching Go code: the
// theme taxonomy (taxonomy.yaml), bank aliases, and the narrative templates
// of the PDF brief (brief.zh.tmpl, brief.en.tmpl). The files are embedded in
// the binary; edit them and rebuild.
package templates

import "embed"

// FS holds the embedded template files.
//
//go:embed *.yaml *.tmpl
var FS embed.FS
