package codegen

import (
	"cmp"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file describes what a selection on an interface or union decodes
// into: a Go interface, a struct per member that fragments select more of,
// and one for every other member.

// abstractSelection describes the Go interface that a selection on an
// interface or union decodes into, by __typename: a struct for each member
// that a fragment selects more fields of, and an "Other" struct, holding
// the fields selected for every member, for the rest and for members the
// server adds later. __typename is added to the selection sent when it
// does not select it. fields are the selected fields that merge into one.
func (oc *operationConverter) abstractSelection(name, typeName string, fields []*ast.Field) *abstractDecl {
	var subsets []ast.SelectionSet
	for _, f := range fields {
		if !slices.ContainsFunc(f.SelectionSet, isPlainTypename) {
			f.SelectionSet = append(ast.SelectionSet{&ast.Field{Name: "__typename", Alias: "__typename"}}, f.SelectionSet...)
		}
		subsets = append(subsets, f.SelectionSet)
	}
	t := oc.s.Type(typeName)
	a := &abstractDecl{name: name, graphQLName: typeName, marker: "is" + name, decoder: oc.top.claim("unmarshal" + name)}
	oc.decl.nested = append(oc.decl.nested, a)
	common := collectFields(subsets, oc.appliesTo(typeName))

	// Getters for the fields every member holds as the same Go type:
	// those of scalars and enums.
	var getterNames []string
	methods := scope{}
	methods.reserve(a.marker)
	for _, g := range common {
		f := g.fields[0]
		if g.key == "__typename" || f.Name == "__typename" || !oc.isLeaf(f.Definition.Type) {
			continue
		}
		a.getters = append(a.getters, &getterDecl{name: methods.claim("Get" + oc.spell.goName(g.key)), field: g.key})
		getterNames = append(getterNames, a.getters[len(a.getters)-1].name)
	}

	members := t.PossibleTypes
	if t.Kind == schema.KindInterface {
		members = oc.implementations[typeName]
	}
	var memberNames []string
	for _, m := range slices.Sorted(slices.Values(members)) {
		if countFields(collectFields(subsets, oc.appliesTo(m))) == countFields(common) {
			continue
		}
		d := oc.selectionStruct(oc.top.claim(name+oc.spell.goName(m)), m, subsets, getterNames)
		oc.finishMember(d, a, m)
		a.members = append(a.members, d)
		memberNames = append(memberNames, "*"+d.name)
	}
	other := oc.selectionStruct(oc.top.claim(name+"Other"), typeName, subsets, append([]string{"Raw"}, getterNames...))
	other.unknownOf = a
	oc.finishMember(other, a, typeName)
	a.unknown = other
	oc.planSelectionGetters(a)
	other.doc = doc{wrapText(other.name + " is any other " + typeName + ", with the fields selected for every one; " +
		"Raw holds the object as the server sent it.")}
	first := name + " is the " + typeName + " that " + oc.decl.fn + " selects. It is implemented by "
	if len(memberNames) > 0 {
		first += listPhrase(memberNames) + ", and by "
	}
	a.doc = doc{wrapText(first + "*" + other.name + " for every other type; decoding picks one by __typename.")}
	return a
}

// finishMember makes a struct a member of an abstract selection: it has
// the marker and a Typename.
func (oc *operationConverter) finishMember(d *structDecl, a *abstractDecl, typeName string) {
	d.doc = doc{wrapText(d.name + " is the " + typeName + " that " + oc.decl.fn + " selects as " + a.graphQLName + ".")}
	d.markers = []string{a.marker}
	d.typename = &fieldDecl{name: "Typename", jsonName: "__typename", typ: &goType{name: "string"}}
}

// planSelectionGetters keeps the getters whose field every member holds
// as the same Go type (@skip and @include in a fragment can make one a
// pointer), and gives them to the members.
func (oc *operationConverter) planSelectionGetters(a *abstractDecl) {
	all := append(slices.Clone(a.members), a.unknown)
	field := func(d *structDecl, jsonName string) *fieldDecl {
		for _, f := range d.fields {
			if f.jsonName == jsonName {
				return f
			}
		}
		return nil
	}
	var kept []*getterDecl
	for _, g := range a.getters {
		g.typ = field(a.unknown, g.field).typ
		if slices.ContainsFunc(all, func(d *structDecl) bool { return !field(d, g.field).typ.equal(g.typ) }) {
			continue
		}
		kept = append(kept, g)
		for _, d := range all {
			impl := *g
			impl.goField = field(d, g.field).name
			d.getters = append(d.getters, &impl)
		}
	}
	a.getters = kept
}

// isPlainTypename reports whether a selection is an unaliased __typename.
func isPlainTypename(sel ast.Selection) bool {
	f, ok := sel.(*ast.Field)
	return ok && f.Name == "__typename" && cmp.Or(f.Alias, f.Name) == "__typename" && len(f.Directives) == 0
}

// isLeaf reports whether a type is a scalar or an enum, or a list of them.
func (oc *operationConverter) isLeaf(t *ast.Type) bool {
	for t.Elem != nil {
		t = t.Elem
	}
	k := oc.s.Type(t.NamedType).Kind
	return k == schema.KindScalar || k == schema.KindEnum
}
