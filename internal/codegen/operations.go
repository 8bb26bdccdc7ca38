package codegen

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file reads a client's operations and checks them against a schema:
// the operations that validate are the ones optypes.go turns into Go.

// Operations are a client's executable operations, read from .graphql
// files: each file is a self-contained document, whose operations may use
// the fragments of the same file. Generate adds a typed function for each
// to the package (see Config.Operations). They are the diff engine's
// operations (diff.ParseOperations), parsed and checked the same way.
type Operations struct {
	list []*diff.Operation
}

// Len returns how many operations there are.
func (o *Operations) Len() int {
	if o == nil {
		return 0
	}
	return len(o.list)
}

// ParseOperations reads the operations of documents given as file name →
// text, in file name order (clientops.Files reads them from a directory:
// generation itself does no I/O). A document that does not parse is a
// *diff.SyntaxError.
func ParseOperations(files map[string][]byte) (*Operations, error) {
	ops := &Operations{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		more, err := diff.ParseOperations(name, string(files[name]))
		if err != nil {
			return nil, err
		}
		ops.list = append(ops.list, more...)
	}
	return ops, nil
}

// InvalidOperation is an operation that does not validate against the
// schema, and so has no code generated.
type InvalidOperation struct {
	// ID is the operation's file, and "#Name" when the file holds more
	// than one operation (as the diff engine names it).
	ID   string
	Name string
	File string
	// Line and Column locate the first validation error in the file.
	Line, Column int
	// Errors are the validation errors' messages.
	Errors []string
}

// String says which operation fails, where and why.
func (o InvalidOperation) String() string {
	loc := o.File
	if o.Line > 0 {
		loc += fmt.Sprintf(":%d:%d", o.Line, o.Column)
	}
	what := "the anonymous operation"
	if o.Name != "" {
		what = "operation " + o.Name
	}
	return loc + ": " + what + " does not validate against the schema: " + strings.Join(o.Errors, "; ")
}

// InvalidOperationsError is what Generate fails with when operations do not
// validate against the schema (unless Config.SkipInvalidOperations).
type InvalidOperationsError struct {
	Operations []InvalidOperation
}

func (e *InvalidOperationsError) Error() string {
	lines := make([]string, len(e.Operations))
	for i, o := range e.Operations {
		lines[i] = o.String()
	}
	return "codegen: operations that do not validate against the schema; fix or remove them:\n" + strings.Join(lines, "\n")
}

// checkedOperation is an operation that validated: its document, annotated
// by the validator with the schema's definitions.
type checkedOperation struct {
	*diff.Operation
	doc *ast.QueryDocument
}

// CheckOperations returns the operations that do not validate against s,
// in the order of ops: exactly those Generate leaves out or fails on.
func CheckOperations(s *schema.Schema, ops *Operations) ([]InvalidOperation, error) {
	_, invalid, err := checkOperations(s, ops)
	return invalid, err
}

// checkOperations validates every operation against s, by the rules of
// the GraphQL specification (gqlparser's validator, as the diff engine
// checks operations).
func checkOperations(s *schema.Schema, ops *Operations) ([]*checkedOperation, []InvalidOperation, error) {
	if ops.Len() == 0 {
		return nil, nil, nil
	}
	gs, err := s.ValidationSchema()
	if err != nil {
		return nil, nil, fmt.Errorf("codegen: %w", err)
	}
	var valid []*checkedOperation
	var invalid []InvalidOperation
	for _, op := range ops.list {
		doc, errs := op.Check(gs)
		if len(errs) == 0 {
			valid = append(valid, &checkedOperation{Operation: op, doc: doc})
			continue
		}
		bad := InvalidOperation{ID: op.ID, Name: op.Name, File: op.File, Line: errs[0].Line, Column: errs[0].Column}
		for _, e := range errs {
			bad.Errors = append(bad.Errors, e.Message)
		}
		invalid = append(invalid, bad)
	}
	return valid, invalid, nil
}

// operationGoName is the Go name an operation's function is wanted under:
// its name, or its file's for an anonymous operation.
func operationGoName(sp spellings, o *diff.Operation) string {
	if o.Name != "" {
		return sp.goName(o.Name)
	}
	base := path.Base(o.File)
	return sp.goName(strings.Map(func(r rune) rune {
		if r < 128 && (isLower(byte(r)) || isUpper(byte(r)) || isDigit(byte(r))) {
			return r
		}
		return '_'
	}, strings.TrimSuffix(base, path.Ext(base))))
}
