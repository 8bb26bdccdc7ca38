package schema

import (
	"fmt"
	"slices"
	"strings"
)

// check reports the first structural problem of a canonical model: a
// duplicate name, a reference to an undefined type, or a reference to a type
// of the wrong kind. It does not enforce every rule of schema validation,
// only what the later stages rely on.
func (s *Schema) check() error {
	if err := s.checkDuplicates(); err != nil {
		return err
	}
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	types := s.typeIndex()
	s.checkNames(report)
	s.checkTypes(types, report)
	s.checkDirectives(report)
	s.checkTypeRefs(types, report)
	s.checkRoots(types, report)
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("invalid schema: %s", problems[0])
	default:
		slices.Sort(problems)
		return fmt.Errorf("invalid schema: %s (and %d more problems)", problems[0], len(problems)-1)
	}
}

// reporter records one problem found by a check; check reports them all at once.
type reporter func(format string, args ...any)

// checkDuplicates returns the first name defined twice: types, directives,
// then each valid type's members, then each directive's arguments.
func (s *Schema) checkDuplicates() error {
	if err := duplicate(s.Types, "type", func(t *Type) string { return t.Name }); err != nil {
		return err
	}
	if err := duplicate(s.Directives, "directive", func(d *Directive) string { return d.Name }, "@"); err != nil {
		return err
	}
	for _, t := range s.Types {
		if !t.Kind.valid() {
			continue
		}
		if err := t.checkDuplicateMembers(); err != nil {
			return err
		}
	}
	for _, d := range s.Directives {
		if err := duplicate(d.Args, "argument", inputName, "@", d.Name, "."); err != nil {
			return err
		}
	}
	return nil
}

// checkDuplicateMembers returns the first field, input field, enum value or
// argument of t defined twice.
func (t *Type) checkDuplicateMembers() error {
	if err := duplicate(t.Fields, "field", func(f *Field) string { return f.Name }, t.Name, "."); err != nil {
		return err
	}
	if err := duplicate(t.InputFields, "input field", inputName, t.Name, "."); err != nil {
		return err
	}
	if err := duplicate(t.EnumValues, "enum value", func(v *EnumValue) string { return v.Name }, t.Name, "."); err != nil {
		return err
	}
	for _, f := range t.Fields {
		if err := duplicate(f.Args, "argument", inputName, t.Name, ".", f.Name, "."); err != nil {
			return err
		}
	}
	return nil
}

func inputName(v *InputValue) string { return v.Name }

// checkNames reports every name GraphQL would not accept.
func (s *Schema) checkNames(report reporter) {
	s.eachName(func(what, name string) {
		switch {
		case !isName(name):
			report("%s %q is not a GraphQL name", what, name)
		case strings.HasPrefix(name, "__"):
			report("%s %q starts with \"__\", which GraphQL reserves for introspection", what, name)
		case what == "enum value" && (name == "true" || name == "false" || name == "null"):
			report("enum value %q is reserved: GraphQL reads it as a literal", name)
		}
	})
}

// checkTypes reports unknown kinds, and interfaces and union members that are
// undefined or of the wrong kind.
func (s *Schema) checkTypes(types map[string]*Type, report reporter) {
	for _, t := range s.Types {
		if !t.Kind.valid() {
			report("type %q has unknown kind %q", t.Name, t.Kind)
			continue
		}
		for _, name := range t.Interfaces {
			if it := types[name]; it == nil {
				report("type %q implements undefined interface %q", t.Name, name)
			} else if it.Kind != KindInterface {
				report("type %q implements %q, which is %s, not an interface", t.Name, name, it.Kind)
			}
		}
		if t.Kind == KindUnion {
			s.checkUnionMembers(t, types, report)
		}
	}
}

// checkUnionMembers reports members of union u that are undefined or not objects.
func (s *Schema) checkUnionMembers(u *Type, types map[string]*Type, report reporter) {
	for _, name := range u.PossibleTypes {
		if mt := types[name]; mt == nil {
			report("union %q has undefined member %q", u.Name, name)
		} else if mt.Kind != KindObject {
			report("union %q has member %q, which is %s, not an object", u.Name, name, mt.Kind)
		}
	}
}

// checkDirectives reports directives without locations or with unknown ones.
func (s *Schema) checkDirectives(report reporter) {
	for _, d := range s.Directives {
		if len(d.Locations) == 0 {
			report("directive @%s has no locations", d.Name)
		}
		for _, loc := range d.Locations {
			if !slices.Contains(DirectiveLocations, loc) {
				report("directive @%s has unknown location %q", d.Name, loc)
			}
		}
	}
}

// checkTypeRefs reports type references nested too deep or naming undefined
// types, and input objects that require themselves.
func (s *Schema) checkTypeRefs(types map[string]*Type, report reporter) {
	s.eachTypeRef(func(path refPath, ref *TypeRef) {
		if depth := ref.depth(); depth > MaxTypeRefDepth {
			report("%s nests type wrappers %d levels deep; an introspection query reads %d", path, depth, MaxTypeRefDepth)
		}
		if types[ref.NamedType()] == nil {
			report("%s references undefined type %q", path, ref.NamedType())
		}
	})
	for _, cycle := range s.inputCycles() {
		report("input object %q requires itself through non-null fields: %s; no value of it can be written (make one of them nullable or a list)", cycle[0][:strings.IndexByte(cycle[0], '.')], strings.Join(cycle, " → "))
	}
}

// checkRoots reports a missing query root, and root types that are undefined
// or not objects.
func (s *Schema) checkRoots(types map[string]*Type, report reporter) {
	if s.QueryType == "" {
		report("the schema has no query root type (GraphQL requires one; an empty or gutted introspection answer has none)")
	}
	for op, name := range map[string]string{"query": s.QueryType, "mutation": s.MutationType, "subscription": s.SubscriptionType} {
		if name == "" {
			continue
		}
		if t := types[name]; t == nil {
			report("the %s root type %q is not defined", op, name)
		} else if t.Kind != KindObject {
			report("the %s root type %q is %s, not an object", op, name, t.Kind)
		}
	}
}

// typeIndex maps each type's name to it, for the checks: a schema has tens
// of thousands of references to look up, and a hash beats Type's binary
// search of string comparisons. A name defined twice was refused before.
func (s *Schema) typeIndex() map[string]*Type {
	index := make(map[string]*Type, len(s.Types))
	for _, t := range s.Types {
		index[t.Name] = t
	}
	return index
}
