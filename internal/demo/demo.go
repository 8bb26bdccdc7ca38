// Package demo is schemawatch's embedded demo API: our own small schema,
// modelled on the resources Railway documents, in two versions, and an
// in-process GraphQL endpoint that serves either over real HTTP on loopback.
// It lets the whole product run with no token and no network; package
// demotest wraps it with what the tests of the client need besides.
package demo

import (
	"embed"
	"fmt"

	"github.com/schemawatch/schemawatch/internal/schema"
)

//go:embed schema/v1.graphql schema/v2.graphql
var schemaFiles embed.FS

// operationFiles are the operations of a fictional client of the demo API
// (a dashboard), written against version 1: the demo checks them against
// each change.
//
//go:embed operations/*.graphql
var operationFiles embed.FS

// Version names a demo schema version.
type Version int

// The demo schema versions: V2 is V1 a few weeks later, with changes of
// every criticality.
const (
	V1 Version = 1
	V2 Version = 2
)

// SDL returns the source of a demo schema version.
func SDL(v Version) string {
	data, err := schemaFiles.ReadFile(fmt.Sprintf("schema/v%d.graphql", v))
	if err != nil {
		panic(fmt.Sprintf("demo: no schema version %d", v))
	}
	return string(data)
}

// Operations returns the demo client's operations: file name → document.
func Operations() map[string][]byte {
	out := map[string][]byte{}
	entries, err := operationFiles.ReadDir("operations")
	if err != nil {
		panic(fmt.Sprintf("demo: operations: %v", err))
	}
	for _, e := range entries {
		data, err := operationFiles.ReadFile("operations/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("demo: operations: %v", err))
		}
		out[e.Name()] = data
	}
	return out
}

// Schema loads a demo schema version.
func Schema(v Version) *schema.Schema {
	s, err := schema.ParseSDL(fmt.Sprintf("demo/v%d.graphql", v), SDL(v))
	if err != nil {
		// The files are ours and tested; failing to load one is a bug.
		panic(fmt.Sprintf("demo: schema version %d does not load: %v", v, err))
	}
	return s
}
