package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// canonicalize brings a freshly loaded model into canonical form (see the
// package comment) and checks that it is a schema at all: names unique,
// every referenced type defined. Both loaders end with it, which is what
// makes an SDL load and a JSON load of one schema compare equal.
func (s *Schema) canonicalize() error {
	s.dropBuiltins()
	for _, t := range s.Types {
		t.canonicalize(s.Capabilities)
	}
	for _, d := range s.Directives {
		d.canonicalize(s.Capabilities)
	}
	s.addStandardScalars()
	sortByName(s.Types, func(t *Type) string { return t.Name })
	sortByName(s.Directives, func(d *Directive) string { return d.Name })
	s.emptyListsToNil()
	return s.check()
}

// dropBuiltins removes the introspection types, the standard scalars and the
// specified directives: canonicalize adds back the scalars it needs.
func (s *Schema) dropBuiltins() {
	types := s.Types[:0]
	for _, t := range s.Types {
		if IsIntrospectionType(t.Name) || IsStandardScalar(t.Name) {
			continue
		}
		types = append(types, t)
	}
	s.Types = types

	directives := s.Directives[:0]
	for _, d := range s.Directives {
		if !IsSpecifiedDirective(d.Name) {
			directives = append(directives, d)
		}
	}
	s.Directives = directives
}

// canonicalize drops what the source could not tell (caps) and sorts t's
// members.
func (t *Type) canonicalize(caps Capabilities) {
	if !caps.Descriptions {
		t.Description = nil
	}
	if !caps.SpecifiedByURL || t.Kind != KindScalar {
		t.SpecifiedByURL = nil
	}
	if !caps.InputObjectIsOneOf || t.Kind != KindInputObject {
		t.IsOneOf = false
	}
	slices.Sort(t.Interfaces)
	slices.Sort(t.PossibleTypes)
	sortByName(t.Fields, func(f *Field) string { return f.Name })
	sortByName(t.EnumValues, func(v *EnumValue) string { return v.Name })
	canonicalInputValues(t.InputFields, caps)
	for _, f := range t.Fields {
		if !caps.Descriptions {
			f.Description = nil
		}
		canonicalInputValues(f.Args, caps)
	}
	for _, v := range t.EnumValues {
		if !caps.Descriptions {
			v.Description = nil
		}
	}
}

// canonicalize drops what the source could not tell (caps) and sorts d's
// locations and arguments.
func (d *Directive) canonicalize(caps Capabilities) {
	if !caps.Descriptions {
		d.Description = nil
	}
	if !caps.DirectiveIsRepeatable {
		d.IsRepeatable = false
	}
	slices.SortFunc(d.Locations, compareLocations)
	d.Locations = slices.Compact(d.Locations)
	canonicalInputValues(d.Args, caps)
}

// addStandardScalars adds String and Boolean always (every server has them,
// the introspection types use them), the other standard scalars when
// referenced. A graphql-js server omits an unreferenced Int, so "present"
// cannot be left to the source.
func (s *Schema) addStandardScalars() {
	referenced := map[string]bool{"String": true, "Boolean": true}
	s.eachTypeRef(func(_ refPath, ref *TypeRef) {
		if name := ref.NamedType(); IsStandardScalar(name) {
			referenced[name] = true
		}
	})
	for _, name := range StandardScalars {
		if referenced[name] {
			std := standardScalar(name)
			if !s.Capabilities.Descriptions {
				std.Description = nil
			}
			s.Types = append(s.Types, std)
		}
	}
}

// emptyListsToNil makes "no members" one value, so that models compare
// equal whichever loader built them.
func (s *Schema) emptyListsToNil() {
	s.Directives = nilIfEmpty(s.Directives)
	for _, t := range s.Types {
		t.Interfaces = nilIfEmpty(t.Interfaces)
		t.Fields = nilIfEmpty(t.Fields)
		t.PossibleTypes = nilIfEmpty(t.PossibleTypes)
		t.EnumValues = nilIfEmpty(t.EnumValues)
		t.InputFields = nilIfEmpty(t.InputFields)
		for _, f := range t.Fields {
			f.Args = nilIfEmpty(f.Args)
		}
	}
	for _, d := range s.Directives {
		d.Args = nilIfEmpty(d.Args)
		d.Locations = nilIfEmpty(d.Locations)
	}
}

func nilIfEmpty[S ~[]E, E any](list S) S {
	if len(list) == 0 {
		return nil
	}
	return list
}

func canonicalInputValues(list []*InputValue, caps Capabilities) {
	sortByName(list, func(v *InputValue) string { return v.Name })
	for _, v := range list {
		if !caps.Descriptions {
			v.Description = nil
		}
		if !caps.InputValueDeprecation {
			v.IsDeprecated = false
			v.DeprecationReason = nil
		}
	}
}

// sortByName sorts list by name, keeping the order of equal names (the
// duplicate check reports them). Most sources list members sorted already
// (Railway: 530 of 538 member lists, every argument list), and checking
// costs a comparison per element where sorting costs several.
func sortByName[T any](list []T, name func(T) string) {
	byName := func(a, b T) int { return strings.Compare(name(a), name(b)) }
	if !slices.IsSortedFunc(list, byName) {
		slices.SortStableFunc(list, byName)
	}
}

func compareLocations(a, b string) int {
	ia, ib := slices.Index(DirectiveLocations, a), slices.Index(DirectiveLocations, b)
	if ia < 0 {
		ia = len(DirectiveLocations)
	}
	if ib < 0 {
		ib = len(DirectiveLocations)
	}
	return cmp.Or(cmp.Compare(ia, ib), strings.Compare(a, b))
}

// eachTypeRef calls fn with every type reference in the schema and the path
// of the element that holds it. The path is built only when it is printed:
// a large schema has tens of thousands of references and no problem.
func (s *Schema) eachTypeRef(fn func(path refPath, ref *TypeRef)) {
	for _, t := range s.Types {
		for _, f := range t.Fields {
			fn(refPath{owner: t.Name, member: f.Name}, f.Type)
			for _, a := range f.Args {
				fn(refPath{owner: t.Name, member: f.Name, arg: a.Name}, a.Type)
			}
		}
		for _, f := range t.InputFields {
			fn(refPath{owner: t.Name, member: f.Name}, f.Type)
		}
	}
	for _, d := range s.Directives {
		for _, a := range d.Args {
			fn(refPath{directive: true, owner: d.Name, member: a.Name}, a.Type)
		}
	}
}

// refPath names an element of the schema from its parts, and is printed
// only when an error names it: Type, Type.field, Type.field.arg,
// @directive, @directive.arg.
type refPath struct {
	directive          bool
	owner, member, arg string
}

// child is the path of the member or argument name of p.
func (p refPath) child(name string) refPath {
	if p.member == "" {
		p.member = name
	} else {
		p.arg = name
	}
	return p
}

func (p refPath) String() string {
	out := p.owner
	if p.directive {
		out = "@" + out
	}
	if p.member != "" {
		out += "." + p.member
	}
	if p.arg != "" {
		out += "." + p.arg
	}
	return out
}

// eachName calls fn with every name the schema defines, and what it names.
func (s *Schema) eachName(fn func(what, name string)) {
	inputs := func(list []*InputValue, what string) {
		for _, v := range list {
			fn(what, v.Name)
		}
	}
	for _, t := range s.Types {
		fn("type", t.Name)
		for _, f := range t.Fields {
			fn("field", f.Name)
			inputs(f.Args, "argument")
		}
		inputs(t.InputFields, "input field")
		for _, v := range t.EnumValues {
			fn("enum value", v.Name)
		}
	}
	for _, d := range s.Directives {
		fn("directive", d.Name)
		inputs(d.Args, "argument")
	}
}

// isName reports whether s is a GraphQL Name: a letter or underscore, then
// letters, digits and underscores.
func isName(s string) bool {
	if s == "" || nameBytes[s[0]] != nameStart {
		return false
	}
	for i := 1; i < len(s); i++ {
		if nameBytes[s[i]] == 0 {
			return false
		}
	}
	return true
}

// nameBytes classifies the bytes of a Name: every name of a schema is
// checked, tens of thousands in a large one, and a table is one load per
// byte where the ranges were several branches.
var nameBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = nameStart
		case '0' <= c && c <= '9':
			t[c] = nameRest
		}
	}
	return t
}()

// The classes of nameBytes; 0 is a byte no name holds.
const (
	nameStart = 1 + iota // may start a name and continue it
	nameRest             // may only continue one
)

// duplicate reports the first name that occurs twice in a sorted list;
// prefix qualifies it in the message ("Type.", "@directive."). It comes in
// parts, joined only for the error: building it for every type and field
// of a large schema was most of the duplicate check's time.
func duplicate[T any](sorted []T, what string, name func(T) string, prefix ...string) error {
	for i := 1; i < len(sorted); i++ {
		if n := name(sorted[i]); n == name(sorted[i-1]) {
			return fmt.Errorf("invalid schema: %s %s%s is defined more than once", what, strings.Join(prefix, ""), n)
		}
	}
	return nil
}

// depth is the number of levels of a type reference: wrappers and the
// named type.
func (t *TypeRef) depth() int {
	n := 1
	for ; t.Kind != RefNamed; t = t.OfType {
		n++
	}
	return n
}

// inputCycles finds the input objects that require themselves through a
// chain of non-null input object fields, which graphql-js rejects ("Cannot
// reference Input Object … within itself through a series of non-null
// fields"): no finite value of them exists, and a Go struct holding itself
// by value does not compile. A list or a nullable field breaks the chain.
// Each cycle is given once, as the field path from its first type in
// name order, e.g. ["A.b", "B.c", "C.a"].
func (s *Schema) inputCycles() [][]string {
	var cycles [][]string
	done := map[string]bool{}
	onPath := map[string]int{} // type name → index in path
	var path []string          // "Type.field" steps
	var visit func(t *Type)
	visit = func(t *Type) {
		done[t.Name] = true
		onPath[t.Name] = len(path)
		for _, f := range t.InputFields {
			if !f.Type.IsNonNull() || f.Type.OfType.Kind != RefNamed {
				continue
			}
			next := s.Type(f.Type.OfType.Name)
			if next == nil || next.Kind != KindInputObject {
				continue
			}
			path = append(path, t.Name+"."+f.Name)
			if start, ok := onPath[next.Name]; ok {
				cycles = append(cycles, slices.Clone(path[start:]))
			} else if !done[next.Name] {
				visit(next)
			}
			path = path[:len(path)-1]
		}
		delete(onPath, t.Name)
	}
	for _, t := range s.Types {
		if t.Kind == KindInputObject && !done[t.Name] {
			visit(t)
		}
	}
	return cycles
}
