package codegen

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	gqlrules "github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file reads a client's operations and checks them against a schema:
// the operations that validate are the ones optypes.go turns into Go.

// Operations are a client's executable operations, read from .graphql
// files: each file is a self-contained document, whose operations may use
// the fragments of the same file. Generate adds a typed function for each
// to the package (see Config.Operations).
type Operations struct {
	list []*operationSource
}

// operationSource is one operation of a document.
type operationSource struct {
	// id names the operation as the diff engine names it: its file, and
	// "#Name" when the file holds more than one operation.
	id    string
	name  string // "" for an anonymous operation
	file  string
	src   *ast.Source
	index int // among the document's operations
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
// generation itself does no I/O).
func ParseOperations(files map[string][]byte) (*Operations, error) {
	ops := &Operations{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := &ast.Source{Name: name, Input: string(files[name])}
		doc, err := parser.ParseQuery(src)
		if err != nil {
			return nil, fmt.Errorf("%s:%s", name, locatedMessage(err))
		}
		for i, op := range doc.Operations {
			id := name
			if len(doc.Operations) > 1 {
				id += "#" + cmp.Or(op.Name, fmt.Sprint(i+1))
			}
			ops.list = append(ops.list, &operationSource{id: id, name: op.Name, file: name, src: src, index: i})
		}
	}
	return ops, nil
}

// locatedMessage is a parse error as "line:col: message".
func locatedMessage(err error) string {
	var gerr *gqlerror.Error
	if errors.As(err, &gerr) && len(gerr.Locations) > 0 {
		return fmt.Sprintf("%d:%d: %s", gerr.Locations[0].Line, gerr.Locations[0].Column, gerr.Message)
	}
	return " " + err.Error()
}

// document parses the operation afresh, with the fragments it uses: the
// validator annotates the tree it walks, and code generation edits it.
func (o *operationSource) document() *ast.QueryDocument {
	doc, err := parser.ParseQuery(o.src)
	if err != nil {
		panic(fmt.Sprintf("codegen: %s parsed once and not again: %v", o.id, err))
	}
	op := doc.Operations[o.index]
	used := map[string]bool{}
	var visit func(ast.SelectionSet)
	visit = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				visit(sel.SelectionSet)
			case *ast.InlineFragment:
				visit(sel.SelectionSet)
			case *ast.FragmentSpread:
				if f := doc.Fragments.ForName(sel.Name); f != nil && !used[sel.Name] {
					used[sel.Name] = true
					visit(f.SelectionSet)
				}
			}
		}
	}
	visit(op.SelectionSet)
	out := &ast.QueryDocument{Operations: ast.OperationList{op}, Position: doc.Position}
	for _, f := range doc.Fragments {
		if used[f.Name] {
			out.Fragments = append(out.Fragments, f)
		}
	}
	return out
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
	*operationSource
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
		doc := op.document()
		errs := validator.ValidateWithSources(gs, doc, validationRules()...)
		if len(errs) == 0 {
			valid = append(valid, &checkedOperation{operationSource: op, doc: doc})
			continue
		}
		bad := InvalidOperation{ID: op.id, Name: op.name, File: op.file}
		for _, e := range errs {
			if bad.Line == 0 && len(e.Locations) > 0 {
				bad.Line, bad.Column = e.Locations[0].Line, e.Locations[0].Column
			}
			bad.Errors = append(bad.Errors, e.Message)
		}
		invalid = append(invalid, bad)
	}
	return valid, invalid, nil
}

// validationRules are gqlparser's default validation rules in a fixed
// order, made once.
var validationRules = sync.OnceValue(func() []validator.Rule {
	var list []validator.Rule
	for name, fn := range gqlrules.NewDefaultRules().GetInner() {
		list = append(list, validator.Rule{Name: name, RuleFunc: fn})
	}
	slices.SortFunc(list, func(a, b validator.Rule) int { return strings.Compare(a.Name, b.Name) })
	return list
})

// operationGoName is the Go name an operation's function is wanted under:
// its name, or its file's for an anonymous operation.
func (o *operationSource) operationGoName() string {
	if o.name != "" {
		return goName(o.name)
	}
	base := path.Base(o.file)
	return goName(strings.Map(func(r rune) rune {
		if r < 128 && (isLower(byte(r)) || isUpper(byte(r)) || isDigit(byte(r))) {
			return r
		}
		return '_'
	}, strings.TrimSuffix(base, path.Ext(base))))
}
