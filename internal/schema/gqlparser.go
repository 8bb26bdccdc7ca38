package schema

import (
	"fmt"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// ValidationSchema builds the gqlparser schema of s, which gqlparser's
// validator needs to check operations against it (affected operations in
// the diff, generated collection requests, the demo endpoint). gqlparser adds
// the standard scalars, the specified directives and the introspection types
// itself.
//
// The build goes through the canonical SDL: it is the one representation
// both sides agree on, and it costs a few milliseconds on Railway's schema.
func (s *Schema) ValidationSchema() (*ast.Schema, error) {
	gs, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: s.PrintSDL()})
	if err != nil {
		return nil, fmt.Errorf("schema does not validate: %w", err)
	}
	return gs, nil
}
