package collection

import (
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// operationType is the keyword an operation starts with.
type operationType string

// The three operation types, one per root type.
const (
	opQuery        operationType = "query"
	opMutation     operationType = "mutation"
	opSubscription operationType = "subscription"
)

func operationOrder(t operationType) int {
	switch t {
	case opQuery:
		return 0
	case opMutation:
		return 1
	}
	return 2
}

// operation is one root field as a complete, valid GraphQL request: a
// variable for each argument, a selection set of the returned type, and
// example values for the variables the request cannot be sent without.
type operation struct {
	Type  operationType
	Root  string // the root type's name: Query, Mutation, …
	Field *schema.Field
	// Name is the operation's name, unique within its operation type.
	Name string
	// Text is the operation as a GraphQL document.
	Text string
	// Variables holds example values of the required arguments, ready to
	// encode as the request's variables. Optional arguments are declared
	// but left out, so that their defaults apply.
	Variables map[string]any
}

// operations returns the operation of every root field: queries, then
// mutations, then subscriptions, each in field order.
func operations(s *schema.Schema, depth int) []*operation {
	sel := newSelector(s, depth)
	ex := newExampler(s)
	var ops []*operation
	for _, root := range []struct {
		typ  operationType
		name string
	}{{opQuery, s.QueryType}, {opMutation, s.MutationType}, {opSubscription, s.SubscriptionType}} {
		t := s.Type(root.name)
		if root.name == "" || t == nil {
			continue
		}
		for _, f := range t.Fields {
			ops = append(ops, &operation{
				Type:      root.typ,
				Root:      root.name,
				Field:     f,
				Name:      operationName(f.Name),
				Text:      operationText(root.typ, f, sel.rootSelectionText(f)),
				Variables: ex.variables(f),
			})
		}
	}
	return ops
}

// declaredArgs are the arguments an operation declares a variable for:
// all but the deprecated optional ones, which a new request should not use.
func declaredArgs(f *schema.Field) []*schema.InputValue {
	var args []*schema.InputValue
	for _, a := range f.Args {
		if !a.IsDeprecated || required(a) {
			args = append(args, a)
		}
	}
	return args
}

// required reports whether a request must give the argument or input field:
// it is non-null and has no default.
func required(v *schema.InputValue) bool { return v.Type.IsNonNull() && v.DefaultValue == nil }

// operationText prints the operation in the layout graphql-js and Prettier
// give it, which is how people read and write GraphQL:
//
//	query Project($id: String!) {
//	  project(id: $id) {
//	    id
//	  }
//	}
//
// A variable declares the argument's own type and default, so that leaving
// it out of the variables means what leaving out the argument means.
func operationText(typ operationType, f *schema.Field, selection string) string {
	var b strings.Builder
	args := declaredArgs(f)
	b.Grow(len(typ) + 2*len(f.Name) + len(selection) + 64*len(args) + 16)
	b.WriteString(string(typ))
	b.WriteByte(' ')
	writeUpperFirst(&b, f.Name) // operationName
	if len(args) > 0 {
		b.WriteByte('(')
		for i, a := range args {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			a.WriteSignature(&b)
		}
		b.WriteByte(')')
	}
	b.WriteString(" {\n  ")
	b.WriteString(f.Name)
	if len(args) > 0 {
		b.WriteByte('(')
		for i, a := range args {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.Name)
			b.WriteString(": $")
			b.WriteString(a.Name)
		}
		b.WriteByte(')')
	}
	b.WriteString(selection)
	b.WriteString("\n}")
	return b.String()
}
