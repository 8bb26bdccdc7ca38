package diff

import (
	"cmp"
	"errors"
	"fmt"
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

// Operation is one executable operation of a client: a query, mutation or
// subscription in a .graphql file. Each file is a self-contained document:
// an operation may use the fragments of its own file.
type Operation struct {
	// ID names the operation uniquely: its file, and "#Name" when the file
	// holds more than one operation.
	ID   string `json:"id"`
	Name string `json:"name"` // "" for an anonymous operation
	// Kind is "query", "mutation" or "subscription".
	Kind string `json:"kind"`
	// File is the path of its file, relative to the directory read, with
	// forward slashes.
	File string `json:"file"`

	source *ast.Source
	index  int // among the file's operations
}

// SyntaxError is an operation document that does not parse, with where.
type SyntaxError struct {
	// File names the document: the name given to ParseOperations, or the
	// path of the file it came from.
	File string
	// Line and Column, counted from 1, where the parser stopped; 0 when
	// it gave no position.
	Line, Column int
	Message      string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// ParseOperations reads the operations of one document. name is the file
// name used in IDs. A document that does not parse is a *SyntaxError.
func ParseOperations(name, document string) ([]*Operation, error) {
	src := &ast.Source{Name: name, Input: document}
	doc, err := parser.ParseQuery(src)
	if err != nil {
		syn := &SyntaxError{File: name, Message: err.Error()}
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) {
			syn.Message = gerr.Message
			if len(gerr.Locations) > 0 {
				syn.Line, syn.Column = gerr.Locations[0].Line, gerr.Locations[0].Column
			}
		}
		return nil, syn
	}
	var ops []*Operation
	for i, op := range doc.Operations {
		id := name
		if len(doc.Operations) > 1 {
			id += "#" + cmp.Or(op.Name, fmt.Sprint(i+1))
		}
		ops = append(ops, &Operation{ID: id, Name: op.Name, Kind: string(cmp.Or(op.Operation, ast.Query)), File: name, source: src, index: i})
	}
	return ops, nil
}

// document parses the operation afresh, with the fragments it uses. Each
// validation gets its own copy: the validator annotates the tree it walks.
func (o *Operation) document() *ast.QueryDocument {
	doc, err := parser.ParseQuery(o.source)
	if err != nil {
		panic(fmt.Sprintf("diff: %s parsed once and not again: %v", o.ID, err))
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

// OperationStatus is what became of one operation between the schemas.
type OperationStatus string

// Operation statuses.
const (
	// StatusValid: valid against both schemas.
	StatusValid OperationStatus = "valid"
	// StatusBroken: valid against the old schema, invalid against the new.
	StatusBroken OperationStatus = "broken"
	// StatusInvalid: already invalid against the old schema, so no change
	// can break it (it may use what the new schema added).
	StatusInvalid OperationStatus = "invalid"
)

// OperationResult is one operation's outcome.
type OperationResult struct {
	Operation *Operation      `json:"operation"`
	Status    OperationStatus `json:"status"`
	// Errors are the validation errors: against the new schema when
	// broken, against the old one when invalid.
	Errors []OperationError `json:"errors,omitempty"`
}

// OperationError is one validation error of an operation.
type OperationError struct {
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	// Changes lists the index (among the changes given to Analyze) of each
	// breaking change the error is tied to: the failing location is where
	// the change is. Empty when no reported change explains it.
	Changes []int `json:"changes,omitempty"`
}

// AffectedOperation is an operation that a change concerns.
type AffectedOperation struct {
	ID string `json:"id"`
	// Broken: the operation validates against the old schema and not
	// against the new, failing where this change is. Otherwise the
	// operation uses what the change touches and still validates, but may
	// behave differently (a dangerous change, or a breaking one that only
	// shows at run time, such as a field that may now be null).
	Broken bool `json:"broken"`
}

// Impact is the outcome of checking a set of operations against a diff.
type Impact struct {
	Operations []OperationResult
	// Affected holds, for each change (same index as the changes given to
	// Analyze), the operations it concerns; nil for safe changes.
	Affected [][]AffectedOperation
}

// Count returns how many operations have a status.
func (im *Impact) Count(s OperationStatus) int {
	n := 0
	for _, r := range im.Operations {
		if r.Status == s {
			n++
		}
	}
	return n
}

// Analyze validates every operation once against each schema (gqlparser's
// validator, its schemas built once per side) and tells, for every breaking
// or dangerous change, which operations it concerns. An operation is broken
// by a change when it validates against old and not against new, and a
// failing location is tied to the change; it is also listed under a change
// when it merely uses what the change touches.
func Analyze(old, new *schema.Schema, changes []Change, ops []*Operation) (*Impact, error) {
	var oldGQL, newGQL *ast.Schema
	var oldErr, newErr error
	var wg sync.WaitGroup
	wg.Go(func() { oldGQL, oldErr = old.ValidationSchema() })
	wg.Go(func() { newGQL, newErr = new.ValidationSchema() })
	wg.Wait()
	if oldErr != nil {
		return nil, fmt.Errorf("old schema: %w", oldErr)
	}
	if newErr != nil {
		return nil, fmt.Errorf("new schema: %w", newErr)
	}
	im := &Impact{Affected: make([][]AffectedOperation, len(changes))}
	for _, op := range ops {
		res := OperationResult{Operation: op, Status: StatusValid}
		doc := op.document()
		if errs := validate(oldGQL, doc); len(errs) > 0 {
			res.Status, res.Errors = StatusInvalid, errs
			im.Operations = append(im.Operations, res)
			continue
		}
		u := collectUsage(old, doc) // reads the annotations the old validation left
		if errs := validate(newGQL, op.document()); len(errs) > 0 {
			res.Status, res.Errors = StatusBroken, errs
		}
		for i := range changes {
			c := &changes[i]
			if !concernsOperations(c) {
				continue
			}
			broken := false
			for j := range res.Errors {
				if e := &res.Errors[j]; u.errorTiedTo(e, c) {
					e.Changes = append(e.Changes, i)
					broken = true
				}
			}
			if broken || u.uses(c) {
				im.Affected[i] = append(im.Affected[i], AffectedOperation{ID: op.ID, Broken: broken})
			}
		}
		im.Operations = append(im.Operations, res)
	}
	return im, nil
}

// concernsOperations tells the changes that operations are checked against:
// breaking and dangerous ones, by the engine's level.
func concernsOperations(c *Change) bool {
	return cmp.Or(c.Criticality.OriginalLevel, c.Criticality.Level) != NonBreaking
}

// validationRules are gqlparser's default validation rules, in a fixed
// order, made once: gqlparser's ValidateWithRules makes and sorts them anew
// on every call, a tenth of checking Railway's client.
var validationRules = sync.OnceValue(func() []validator.Rule {
	var list []validator.Rule
	for name, fn := range gqlrules.NewDefaultRules().GetInner() {
		list = append(list, validator.Rule{Name: name, RuleFunc: fn})
	}
	slices.SortFunc(list, func(a, b validator.Rule) int { return strings.Compare(a.Name, b.Name) })
	return list
})

// Check validates the operation against a schema (as the schema's
// ValidationSchema), by the rules of the GraphQL specification, as the diff
// engine checks every operation: it returns the operation's document (with
// the fragments it uses, annotated by the validator with the schema's
// definitions) and the validation errors, none when it is valid. Code
// generation checks by the same call, so that an operation is generated
// exactly when the engine finds it valid.
func (o *Operation) Check(s *ast.Schema) (*ast.QueryDocument, []OperationError) {
	doc := o.document()
	return doc, validate(s, doc)
}

// validate checks an operation against a schema by the rules of the GraphQL
// specification.
func validate(s *ast.Schema, doc *ast.QueryDocument) []OperationError {
	list := validator.ValidateWithSources(s, doc, validationRules()...)
	if len(list) == 0 {
		return nil
	}
	out := make([]OperationError, 0, len(list))
	for _, e := range list {
		oe := OperationError{Message: e.Message}
		if len(e.Locations) > 0 {
			oe.Line, oe.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		out = append(out, oe)
	}
	return out
}

// usage is what one operation touches in the old schema, as schema
// coordinates ("Type", "Type.field", "Type.field.arg", "Input.field",
// "Enum.VALUE", "@dir", "@dir.arg"), overall and at each source position.
type usage struct {
	kind   string
	coords map[string]bool
	// variableInputs are the input types reachable from the operation's
	// variables: the client builds their values at run time, so every field
	// of them counts as used.
	variableInputs map[string]bool
	at             map[position][]string // coordinates at each position
	ancestors      map[position][]string // fields enclosing each position
}

type position struct{ line, column int }

func posOf(p *ast.Position) position {
	if p == nil {
		return position{}
	}
	return position{p.Line, p.Column}
}

// collectUsage walks an operation that validated against s, reading the
// definitions the validator attached to the tree.
func collectUsage(s *schema.Schema, doc *ast.QueryDocument) *usage {
	op := doc.Operations[0]
	u := &usage{
		kind:           string(cmp.Or(op.Operation, ast.Query)),
		coords:         map[string]bool{},
		variableInputs: map[string]bool{},
		at:             map[position][]string{},
		ancestors:      map[position][]string{},
	}
	root := map[string]string{"query": s.QueryType, "mutation": s.MutationType, "subscription": s.SubscriptionType}[u.kind]
	u.record(op.Position, nil, root)
	for _, v := range op.VariableDefinitions {
		name := v.Type.Name()
		u.record(v.Position, nil, name)
		u.inputTypes(s, name)
		u.value(v.DefaultValue, nil)
		u.directives(v.Directives, nil)
	}
	u.directives(op.Directives, nil)
	u.selections(op.SelectionSet, nil, map[string]bool{})
	return u
}

// record notes coordinates at a position.
func (u *usage) record(p *ast.Position, ancestors []string, coords ...string) {
	at := posOf(p)
	for _, c := range coords {
		u.coords[c] = true
		u.at[at] = append(u.at[at], c)
	}
	if len(ancestors) > 0 {
		u.ancestors[at] = append(u.ancestors[at], ancestors...)
	}
}

// inputTypes marks an input type and every input type below it.
func (u *usage) inputTypes(s *schema.Schema, name string) {
	if u.variableInputs[name] {
		return
	}
	u.variableInputs[name] = true
	u.coords[name] = true
	if t := s.Type(name); t != nil {
		for _, f := range t.InputFields {
			u.inputTypes(s, f.Type.NamedType())
		}
	}
}

func (u *usage) selections(set ast.SelectionSet, ancestors []string, inFragment map[string]bool) {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Definition == nil || sel.ObjectDefinition == nil || sel.Name == "__typename" {
				continue
			}
			coord := sel.ObjectDefinition.Name + "." + sel.Name
			// The return type is used, but an error at the field is the
			// field's: changes inside the return type are not tied to it.
			u.coords[sel.Definition.Type.Name()] = true
			u.record(sel.Position, ancestors, coord)
			for _, a := range sel.Arguments {
				u.record(a.Position, ancestors, coord+"."+a.Name)
				u.value(a.Value, []string{coord + "." + a.Name})
			}
			u.directives(sel.Directives, ancestors)
			u.selections(sel.SelectionSet, append(slices.Clip(ancestors), coord), inFragment)
		case *ast.InlineFragment:
			coords := []string{}
			if sel.ObjectDefinition != nil {
				coords = append(coords, sel.ObjectDefinition.Name)
			}
			if sel.TypeCondition != "" {
				coords = append(coords, sel.TypeCondition)
			}
			u.record(sel.Position, ancestors, coords...)
			u.directives(sel.Directives, ancestors)
			u.selections(sel.SelectionSet, ancestors, inFragment)
		case *ast.FragmentSpread:
			f := sel.Definition
			if f == nil {
				continue
			}
			coords := []string{f.TypeCondition}
			if sel.ObjectDefinition != nil {
				coords = append(coords, sel.ObjectDefinition.Name)
			}
			u.record(sel.Position, ancestors, coords...)
			u.record(f.Position, nil, f.TypeCondition)
			u.directives(sel.Directives, ancestors)
			if !inFragment[f.Name] { // fragments cannot cycle in a valid document, but be safe
				inFragment[f.Name] = true
				u.directives(f.Directives, ancestors)
				u.selections(f.SelectionSet, ancestors, inFragment)
				delete(inFragment, f.Name)
			}
		}
	}
}

func (u *usage) directives(list ast.DirectiveList, ancestors []string) {
	for _, d := range list {
		if d.Definition == nil || schema.IsSpecifiedDirective(d.Name) {
			continue
		}
		u.record(d.Position, ancestors, "@"+d.Name)
		for _, a := range d.Arguments {
			coord := "@" + d.Name + "." + a.Name
			u.record(a.Position, ancestors, coord)
			u.value(a.Value, []string{coord})
		}
	}
}

// value records the coordinates a literal touches: its type, enum values
// and input fields. owner holds the argument or input field it is given to.
func (u *usage) value(v *ast.Value, owner []string) {
	if v == nil {
		return
	}
	coords := slices.Clone(owner)
	if v.Definition != nil {
		u.coords[v.Definition.Name] = true
		switch v.Kind {
		case ast.ObjectValue: // "missing required field" errors sit on the object
			coords = append(coords, v.Definition.Name)
		case ast.EnumValue:
			coords = append(coords, v.Definition.Name+"."+v.Raw)
		}
	}
	u.record(v.Position, nil, coords...)
	for _, c := range v.Children {
		var child []string
		if v.Kind == ast.ObjectValue && v.Definition != nil {
			child = []string{v.Definition.Name + "." + c.Name}
			u.record(c.Position, nil, child...)
		} else {
			child = owner
		}
		u.value(c.Value, child)
	}
}

// errorTiedTo reports whether a validation error against the new schema is
// where a breaking change is: one of the coordinates at the error's
// location is the change's, lies below it or above it; or the change
// retyped a field that encloses the location.
func (u *usage) errorTiedTo(e *OperationError, c *Change) bool {
	if cmp.Or(c.Criticality.OriginalLevel, c.Criticality.Level) != Breaking {
		return false
	}
	at := position{e.Line, e.Column}
	subject := changeCoordinate(c)
	if subject == "" {
		return false
	}
	for _, coord := range u.at[at] {
		if coord == subject || strings.HasPrefix(coord, subject+".") || strings.HasPrefix(subject, coord+".") {
			return true
		}
	}
	if c.Type == FieldTypeChanged && slices.Contains(u.ancestors[at], subject) {
		return true
	}
	return false
}

// changeCoordinate is the schema coordinate a change is about: its path
// without the trailing @deprecated, @oneOf or @specifiedBy; for root
// changes, the old root type.
func changeCoordinate(c *Change) string {
	if c.Path == "" {
		return c.Meta.OldType
	}
	path := c.Path
	if i := strings.LastIndex(path, ".@"); i > 0 {
		path = path[:i]
	}
	return path
}

// uses reports whether the operation touches what a change is about.
func (u *usage) uses(c *Change) bool {
	coord := changeCoordinate(c)
	parent, _, _ := strings.Cut(coord, ".")
	switch c.Type {
	case SchemaQueryTypeChanged:
		return u.kind == "query"
	case SchemaMutationTypeChanged:
		return u.kind == "mutation"
	case SchemaSubscriptionTypeChanged:
		return u.kind == "subscription"
	case FieldArgumentAdded, FieldArgumentDefaultChanged, FieldArgumentDeprecationAdded:
		// Matter to every selection of the field, passed or not.
		return u.coords[coord[:strings.LastIndexByte(coord, '.')]]
	case InputFieldAdded, InputFieldRemoved, InputFieldTypeChanged, InputFieldDefaultValueChanged:
		return u.coords[coord] || u.variableInputs[parent] || c.Type != InputFieldRemoved && u.coords[parent]
	case EnumValueAdded, EnumValueRemoved:
		return u.coords[parent]
	case ObjectTypeInterfaceAdded:
		return u.coords[c.Meta.InterfaceName]
	case ObjectTypeInterfaceRemoved:
		return u.coords[parent] && u.coords[c.Meta.InterfaceName]
	case DirectiveArgumentAdded:
		return u.coords[coord]
	}
	return u.coords[coord]
}
