package codegen

import (
	"bytes"
	"cmp"
	"go/token"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file describes the Go declarations of one operation that validated:
// a response type shaped by its selection, a variables type, and what its
// function needs. opclient.go renders them.

// operationDecl is one operation's Go declarations.
type operationDecl struct {
	id       string
	name     string // the GraphQL name; "" when anonymous
	kind     string // query, mutation or subscription
	file     string // the generated file
	fn       string // the function; subscriptions have none
	document string // the constant holding the document sent
	text     string // the document sent: the operation and its fragments
	response *structDecl
	// variables is nil when the operation declares none.
	variables *structDecl
	params    []*paramDecl
	// nested are the types the response's fields need, in the order they
	// render: *structDecl and *abstractDecl.
	nested []any
}

// paramDecl is a parameter of an operation's function: a variable.
type paramDecl struct {
	name  string
	field *fieldDecl // of the variables type
}

// operationRoots are the top-level names of an operation.
type operationRoots struct {
	fn, response, variables, document string
}

// claimOperationRoots takes every operation's top-level names, in
// operation order, after the schema's types have theirs: the function is
// the operation's name, or, when a schema type (or an earlier operation)
// has it, the name and the operation type (ProjectQuery); then
// <Function>Response, <Function>Variables and <Function>Document. A name
// still taken gets the next free suffix (_2, _3, …).
func claimOperationRoots(top scope, ops []*checkedOperation, sp spellings) []operationRoots {
	roots := make([]operationRoots, len(ops))
	for i, op := range ops {
		fn := operationGoName(sp, op.Operation)
		if top[fn] {
			fn += sp.goName(string(cmp.Or(op.doc.Operations[0].Operation, ast.Query)))
		}
		fn = top.claim(fn)
		roots[i] = operationRoots{
			fn:        fn,
			response:  top.claim(fn + "Response"),
			variables: top.claim(fn + "Variables"),
			document:  top.claim(fn + "Document"),
		}
	}
	return roots
}

// operationConverter describes one operation.
type operationConverter struct {
	*converter
	decl *operationDecl
}

// operationDecls describes the operations that validated.
func (c *converter) operationDecls(ops []*checkedOperation, roots []operationRoots) []*operationDecl {
	files := scope{}
	var out []*operationDecl
	for i, op := range ops {
		def := op.doc.Operations[0]
		d := &operationDecl{
			id:       op.ID,
			name:     op.Name,
			kind:     string(cmp.Or(def.Operation, ast.Query)),
			fn:       roots[i].fn,
			document: roots[i].document,
			file:     files.claim("op_"+strings.ToLower(roots[i].fn)) + ".go",
		}
		oc := &operationConverter{converter: c, decl: d}
		root := map[string]string{"query": c.s.QueryType, "mutation": c.s.MutationType, "subscription": c.s.SubscriptionType}[d.kind]
		d.response = oc.selectionStruct(roots[i].response, root, []ast.SelectionSet{def.SelectionSet}, nil)
		d.response.doc = doc{wrapText(d.response.name + " is the data of a response to the " + d.kind + " " +
			cmp.Or(op.Name, "in "+op.File) + ": the fields it selects.")}
		if len(def.VariableDefinitions) > 0 {
			oc.variables(roots[i].variables, def.VariableDefinitions)
		}
		d.text = documentText(op.doc)
		out = append(out, d)
	}
	return out
}

// documentText prints the document that is sent: gqlparser's formatter,
// which prints the same tree as the same text.
func documentText(d *ast.QueryDocument) string {
	var b bytes.Buffer
	formatter.NewFormatter(&b, formatter.WithIndent("  ")).FormatQueryDocument(d)
	return strings.TrimSpace(b.String())
}

// variables describes the variables type and the function's parameters:
// a required variable (non-null, no default) is a plain value, any other
// an Optional, as input fields are.
func (oc *operationConverter) variables(name string, defs ast.VariableDefinitionList) {
	v := &structDecl{name: name, graphQLName: name}
	v.doc = doc{wrapText(name + " are the variables of " + oc.decl.fn + ".")}
	fields := scope{}
	fields.reserve("MarshalJSON", "UnmarshalJSON")
	params := scope{}
	params.reserve("ctx", "c")
	params.reserve(supportNames()...)
	names := make([]string, len(defs))
	for i, def := range defs {
		names[i] = def.Variable
	}
	ids := claimAll(fields, names, "")
	for _, def := range defs {
		typ := oc.inputType(def.Type)
		optional := !def.Type.NonNull || def.DefaultValue != nil
		if optional {
			typ = wrap(goOptional, typ)
		}
		var fd doc
		if def.DefaultValue != nil {
			fd = doc{"The server uses " + def.DefaultValue.String() + " when the variable is absent."}
		}
		field := &fieldDecl{name: ids[def.Variable], jsonName: def.Variable, typ: typ, omitzero: optional, doc: fd}
		v.fields = append(v.fields, field)
		oc.decl.params = append(oc.decl.params, &paramDecl{name: params.claim(paramName(def.Variable)), field: field})
	}
	oc.decl.variables = v
}

// paramName is a variable's name as a Go parameter: lower camel case, with
// initialisms (projectId → projectID, ID → id), never a keyword.
func paramName(variable string) string {
	ws := words(variable)
	if len(ws) == 0 {
		return "v"
	}
	first := strings.ToLower(ws[0])
	if !isLower(first[0]) {
		first = "v" + first
	}
	name := first + camel(strings.Join(ws[1:], "_"))
	if token.IsKeyword(name) {
		name += "Value"
	}
	return name
}

// inputType is the Go type of a variable's value, its outer nullability
// aside.
func (oc *operationConverter) inputType(t *ast.Type) *goType {
	if t.Elem == nil {
		return oc.named(t.NamedType)
	}
	elem := oc.inputType(t.Elem)
	if !t.Elem.NonNull && t.Elem.Elem == nil {
		elem = wrap(goPointer, elem)
	}
	return wrap(goSlice, elem)
}

// fieldGroup is the fields of a selection that share a response key: they
// merge into one.
type fieldGroup struct {
	key    string
	fields []*ast.Field
	// conditional is set when every one of the fields may be left out of
	// the response: under @skip or @include, its own or a fragment's.
	conditional bool
}

// collectFields gathers the fields a selection selects for objects of
// which applies accepts a type condition, in document order, grouped by
// response key, expanding fragments.
func collectFields(sets []ast.SelectionSet, applies func(typeCondition string) bool) []*fieldGroup {
	var groups []*fieldGroup
	byKey := map[string]*fieldGroup{}
	var visit func(set ast.SelectionSet, conditional bool)
	visit = func(set ast.SelectionSet, conditional bool) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				key := cmp.Or(sel.Alias, sel.Name)
				g := byKey[key]
				if g == nil {
					g = &fieldGroup{key: key, conditional: true}
					byKey[key] = g
					groups = append(groups, g)
				}
				g.fields = append(g.fields, sel)
				g.conditional = g.conditional && (conditional || isConditional(sel.Directives))
			case *ast.InlineFragment:
				if applies(sel.TypeCondition) {
					visit(sel.SelectionSet, conditional || isConditional(sel.Directives))
				}
			case *ast.FragmentSpread:
				if sel.Definition != nil && applies(sel.Definition.TypeCondition) {
					visit(sel.Definition.SelectionSet, conditional || isConditional(sel.Directives))
				}
			}
		}
	}
	for _, set := range sets {
		visit(set, false)
	}
	return groups
}

// isConditional reports whether directives may leave a selection out.
func isConditional(d ast.DirectiveList) bool {
	return d.ForName("skip") != nil || d.ForName("include") != nil
}

// countFields counts the field nodes of groups.
func countFields(groups []*fieldGroup) int {
	n := 0
	for _, g := range groups {
		n += len(g.fields)
	}
	return n
}

// appliesTo tells whether a fragment's type condition holds for every
// object of the named type: the type itself, an interface it implements, a
// union it is a member of. No condition always holds.
func (oc *operationConverter) appliesTo(typeName string) func(string) bool {
	t := oc.s.Type(typeName)
	return func(cond string) bool {
		if cond == "" || cond == typeName || slices.Contains(t.Interfaces, cond) {
			return true
		}
		u := oc.s.Type(cond)
		return t.Kind == schema.KindObject && u != nil && u.Kind == schema.KindUnion && slices.Contains(u.PossibleTypes, typeName)
	}
}

// selectionStruct describes the struct that the selection sets, on the
// named type, decode into. reserved are names its fields must leave free
// (an interface's getters).
func (oc *operationConverter) selectionStruct(name, typeName string, sets []ast.SelectionSet, reserved []string) *structDecl {
	d := &structDecl{name: name, graphQLName: typeName}
	groups := collectFields(sets, oc.appliesTo(typeName))
	members := scope{}
	members.reserve("Typename", "MarshalJSON", "UnmarshalJSON")
	members.reserve(reserved...)
	var keys []string
	for _, g := range groups {
		if g.key != "__typename" {
			keys = append(keys, g.key)
		}
	}
	ids := claimAll(members, keys, "")
	for _, g := range groups {
		f := g.fields[0]
		if g.key == "__typename" {
			d.typename = &fieldDecl{name: "Typename", jsonName: "__typename", typ: &goType{name: "string"}}
			continue
		}
		fd := &fieldDecl{name: ids[g.key], jsonName: g.key}
		if f.Name == "__typename" {
			fd.typ = &goType{name: "string"}
			d.fields = append(d.fields, fd)
			continue
		}
		var subsets []ast.SelectionSet
		for _, f := range g.fields {
			subsets = append(subsets, f.SelectionSet)
		}
		fd.typ, fd.abstract = oc.outputType(f.Definition.Type, name+ids[g.key], subsets, g.conditional, g.fields)
		if parent := oc.s.Type(f.ObjectDefinition.Name); parent != nil {
			if sf := parent.Field(f.Name); sf != nil {
				fd.doc = append(description(sf.Description), deprecation(sf.IsDeprecated, sf.DeprecationReason)...)
			}
		}
		d.fields = append(d.fields, fd)
	}
	return d
}

// outputType is the Go type of a selected field of GraphQL type t: a value
// when non-null (a pointer when nullable, or when @skip or @include may
// leave it out), a slice for a list, a struct of the selected fields for
// an object, a Go interface for an interface or union (nil for null).
// name is the name of the type its selection makes.
func (oc *operationConverter) outputType(t *ast.Type, name string, subsets []ast.SelectionSet, conditional bool, fields []*ast.Field) (*goType, *abstractDecl) {
	if t.Elem != nil {
		elem, a := oc.outputType(t.Elem, name, subsets, false, fields)
		return wrap(goSlice, elem), a
	}
	var typ *goType
	var a *abstractDecl
	switch oc.s.Type(t.NamedType).Kind {
	case schema.KindObject:
		typ = &goType{name: oc.top.claim(name)}
		oc.decl.nested = append(oc.decl.nested, nil) // keeps its place before the types below it
		at := len(oc.decl.nested) - 1
		d := oc.selectionStruct(typ.name, t.NamedType, subsets, nil)
		d.doc = doc{wrapText(d.name + " is the " + t.NamedType + " that " + oc.decl.fn + " selects.")}
		oc.decl.nested[at] = d
	case schema.KindInterface, schema.KindUnion:
		a = oc.abstractSelection(oc.top.claim(name), t.NamedType, fields)
		return &goType{name: a.name}, a
	default:
		typ = oc.named(t.NamedType)
	}
	if !t.NonNull || conditional {
		// A nullable list item too: a pointer, as in the schema's types.
		typ = wrap(goPointer, typ)
	}
	return typ, nil
}
