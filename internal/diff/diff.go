// Package diff compares two versions of a GraphQL schema and classifies
// every change as breaking, dangerous or safe, following the project's
// specification (docs/breaking-changes.md), whose identifiers, paths and
// levels are GraphQL Inspector 8.0.0's except for the deliberate deviations
// it lists (D1–D5). It also tells which client operations a change breaks.
//
// The comparison (Changes) is separate from what is done with its result:
// the opt-in rules (Apply), the check of a client's operations (Analyze),
// and the renderers of package report, which read the Report that Compare
// puts together.
package diff

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Changes returns every change from old to new, in report order (see Sort).
// Elements are matched by name; order never matters. A property that either
// snapshot did not carry (old.Capabilities, new.Capabilities) is not
// compared (docs/breaking-changes.md §1.5).
func Changes(old, new *schema.Schema) []Change {
	d := &differ{old: old, new: new, flags: [2]bool{false, true}}
	d.oldDefaults = defaults{schema: old, literals: &d.literals}
	d.newDefaults = defaults{schema: new, literals: &d.literals}
	d.both = old.Capabilities.Intersect(new.Capabilities)
	d.roots()
	d.directives()
	d.types()
	return d.changes.sorted()
}

// differ holds one comparison.
type differ struct {
	old, new *schema.Schema
	// both holds the properties both snapshots carry: only those are
	// compared on elements present in both.
	both                     schema.Capabilities
	oldDefaults, newDefaults defaults
	literals                 literalCache // shared by the two sides
	changes                  changeLog
	// flags are what the meta's flags (isDeprecated, hasDefault …) point
	// at: one false and one true for the whole comparison, rather than one
	// allocation per flag. Nothing writes through them.
	flags [2]bool
}

// flag returns a pointer to b for a meta.
func (d *differ) flag(b bool) *bool {
	if b {
		return &d.flags[1]
	}
	return &d.flags[0]
}

// add records a change: the kind table makes the rest of it from the meta.
func (d *differ) add(t ChangeType, meta Meta) {
	c := d.changes.next()
	c.Type, c.Meta = t, meta
	c.fromMeta()
}

// roots compares the root operation types.
func (d *differ) roots() {
	for _, r := range []struct {
		t        ChangeType
		old, new string
	}{
		{SchemaQueryTypeChanged, d.old.QueryType, d.new.QueryType},
		{SchemaMutationTypeChanged, d.old.MutationType, d.new.MutationType},
		{SchemaSubscriptionTypeChanged, d.old.SubscriptionType, d.new.SubscriptionType},
	} {
		if r.old != r.new {
			d.add(r.t, Meta{OldType: r.old, NewType: r.new})
		}
	}
}

// types compares the named types. The standard scalars are never reported
// (docs/breaking-changes.md, "What is compared"); the model holds no
// introspection types.
func (d *differ) types() {
	matchByName(d.old.Types, d.new.Types, func(t *schema.Type) string { return t.Name },
		func(t *schema.Type) {
			if !schema.IsStandardScalar(t.Name) {
				d.add(TypeRemoved, Meta{TypeName: t.Name})
			}
		},
		func(t *schema.Type) {
			if !schema.IsStandardScalar(t.Name) {
				d.add(TypeAdded, Meta{TypeName: t.Name})
				d.addedType(t)
			}
		},
		func(old, new *schema.Type) {
			if !schema.IsStandardScalar(old.Name) {
				d.typeChanges(old, new)
			}
		})
}

// typeChanges compares a type present in both schemas.
func (d *differ) typeChanges(old, new *schema.Type) {
	if old.Kind != new.Kind {
		// The members of two different kinds are not compared; the
		// description still is.
		d.add(TypeKindChanged, Meta{TypeName: new.Name, OldType: string(old.Kind), NewType: string(new.Kind)})
	} else {
		switch new.Kind {
		case schema.KindObject, schema.KindInterface:
			d.interfaces(old, new)
			d.fields(old, new)
		case schema.KindUnion:
			d.unionMembers(old, new)
		case schema.KindEnum:
			d.enumValues(old, new)
		case schema.KindInputObject:
			d.inputFields(old, new)
			d.oneOf(old, new)
		case schema.KindScalar:
			d.specifiedBy(old, new)
		}
	}
	if d.both.Descriptions {
		if t := descriptionChange(old.Description, new.Description, TypeDescriptionAdded, TypeDescriptionRemoved, TypeDescriptionChanged); t != "" {
			d.typeDescription(t, new, old.Description, new.Description, false)
		}
	}
}

// typeDescription records a type's description change; the meta's
// containerKind holds the type's own kind, which the message names.
func (d *differ) typeDescription(t ChangeType, typ *schema.Type, old, new *string, inAdded bool) {
	d.add(t, Meta{TypeName: typ.Name, OldDescription: old, NewDescription: new, ContainerKind: kindLabel(typ.Kind), InAddedParent: inAdded})
}

// addedType reports the contents of an added type: all safe, all marked
// inAddedParent.
func (d *differ) addedType(t *schema.Type) {
	switch t.Kind {
	case schema.KindObject, schema.KindInterface:
		for _, i := range t.Interfaces {
			d.interfaceAdded(t, i, true)
		}
		for _, f := range t.Fields {
			d.fieldAdded(t, f, true)
		}
	case schema.KindUnion:
		for _, m := range t.PossibleTypes {
			d.add(UnionMemberAdded, Meta{TypeName: t.Name, MemberName: m, ContainerKind: "union", InAddedParent: true})
		}
	case schema.KindEnum:
		for _, v := range t.EnumValues {
			d.enumValueAdded(t, v, true)
		}
	case schema.KindInputObject:
		for _, f := range t.InputFields {
			d.inputFieldAdded(t, f, true)
		}
	}
	if !void(t.Description) {
		d.typeDescription(TypeDescriptionAdded, t, nil, t.Description, true)
	}
}

// unionMembers compares a union's members.
func (d *differ) unionMembers(old, new *schema.Type) {
	matchNames(old.PossibleTypes, new.PossibleTypes,
		func(m string) {
			d.add(UnionMemberRemoved, Meta{TypeName: old.Name, MemberName: m, ContainerKind: "union"})
		},
		func(m string) {
			d.add(UnionMemberAdded, Meta{TypeName: new.Name, MemberName: m, ContainerKind: "union"})
		})
}

// specifiedBy compares a scalar's specifiedByURL (an extension).
func (d *differ) specifiedBy(old, new *schema.Type) {
	if !d.both.SpecifiedByURL || !textChanged(old.SpecifiedByURL, new.SpecifiedByURL) {
		return
	}
	meta := Meta{TypeName: new.Name, OldURL: old.SpecifiedByURL, NewURL: new.SpecifiedByURL}
	switch {
	case void(old.SpecifiedByURL):
		d.add(ScalarSpecifiedByURLAdded, meta)
	case void(new.SpecifiedByURL):
		d.add(ScalarSpecifiedByURLRemoved, meta)
	default:
		d.add(ScalarSpecifiedByURLChanged, meta)
	}
}

// kindLabel names a kind in messages.
func kindLabel(k schema.Kind) string {
	switch k {
	case schema.KindObject:
		return "object type"
	case schema.KindInterface:
		return "interface"
	case schema.KindUnion:
		return "union"
	case schema.KindEnum:
		return "enum"
	case schema.KindInputObject:
		return "input object type"
	}
	return "scalar"
}

// containerKind names the kind of type that holds a field.
func containerKind(t *schema.Type) string {
	if t.Kind == schema.KindInterface {
		return "interface"
	}
	return "object type"
}

// matchByName walks two lists sorted by name and calls removed, added or
// both for each name.
func matchByName[T any](old, new []T, name func(T) string, removed, added func(T), both func(old, new T)) {
	// Lists that did not change match element by element, equal names
	// telling apart sooner than ordered ones.
	i := 0
	for i < len(old) && i < len(new) && name(old[i]) == name(new[i]) {
		both(old[i], new[i])
		i++
	}
	j := i
	for i < len(old) || j < len(new) {
		order := 0
		switch {
		case j == len(new):
			order = -1
		case i == len(old):
			order = 1
		default:
			order = strings.Compare(name(old[i]), name(new[j])) // once: names share long prefixes
		}
		switch {
		case order < 0:
			removed(old[i])
			i++
		case order > 0:
			added(new[j])
			j++
		default:
			both(old[i], new[j])
			i++
			j++
		}
	}
}

// matchNames compares two sets of names, calling removed and added for
// the names only on one side.
func matchNames(old, new []string, removed, added func(string)) {
	if slices.Equal(old, new) {
		return // the usual case, even for lists in no order (directive locations)
	}
	id := func(s string) string { return s }
	if !slices.IsSorted(old) || !slices.IsSorted(new) {
		old, new = slices.Sorted(slices.Values(old)), slices.Sorted(slices.Values(new))
	}
	matchByName(old, new, id, removed, added, func(string, string) {})
}
