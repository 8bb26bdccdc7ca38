package diff

import (
	"slices"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Directive definitions. The specified directives (@skip, @include,
// @deprecated, @specifiedBy, @oneOf) are not in the model, so they are never
// compared (docs/breaking-changes.md, "What is compared").

func (d *differ) directives() {
	matchByName(d.old.Directives, d.new.Directives, func(x *schema.Directive) string { return x.Name },
		func(x *schema.Directive) { d.add(DirectiveRemoved, d.directiveMeta(x)) },
		func(x *schema.Directive) {
			d.add(DirectiveAdded, d.directiveMeta(x))
			d.directiveChanges(nil, x)
		},
		func(old, new *schema.Directive) { d.directiveChanges(old, new) })
}

// directiveMeta is the meta every change of a directive starts from.
// isExecutable tells whether the directive concerns operations at all; the
// level does not depend on it (Inspector and graphql-js treat all
// directives alike), but reports can say so.
func (d *differ) directiveMeta(x *schema.Directive) Meta {
	executable := slices.ContainsFunc(x.Locations, func(l string) bool { return slices.Contains(schema.ExecutableLocations, l) })
	return Meta{DirectiveName: x.Name, ContainerKind: "directive", IsExecutable: d.flag(executable)}
}

// directiveChanges compares a directive present in both schemas, or, with
// old nil, reports the contents of an added one.
func (d *differ) directiveChanges(old, new *schema.Directive) {
	added := old == nil
	if added {
		old = &schema.Directive{Name: new.Name}
	}
	base := d.directiveMeta(new)
	base.InAddedParent = added

	if (added || d.both.Descriptions) && textChanged(old.Description, new.Description) {
		meta := base
		meta.OldDescription, meta.NewDescription = old.Description, new.Description
		d.add(DirectiveDescriptionChanged, meta)
	}

	if added || d.both.DirectiveIsRepeatable {
		switch {
		case !old.IsRepeatable && new.IsRepeatable:
			d.add(DirectiveRepeatableAdded, base)
		case old.IsRepeatable && !new.IsRepeatable:
			meta := base
			meta.Deviation = "D4"
			d.add(DirectiveRepeatableRemoved, meta)
		}
	}

	location := func(t ChangeType) func(string) {
		return func(l string) {
			meta := base
			meta.Location = l
			d.add(t, meta)
		}
	}
	matchNames(old.Locations, new.Locations, location(DirectiveLocationRemoved), location(DirectiveLocationAdded))

	matchByName(old.Args, new.Args, func(a *schema.InputValue) string { return a.Name },
		func(a *schema.InputValue) {
			meta := base
			meta.ArgumentName, meta.OldType = a.Name, a.Type.String()
			d.add(DirectiveArgumentRemoved, meta)
		},
		func(a *schema.InputValue) { d.directiveArgumentAdded(a, base, added) },
		func(oa, na *schema.InputValue) { d.directiveArgumentChanges(oa, na, base) })
}

// directiveArgumentAdded reports an argument added to a directive; it
// breaks only when required (kindtable.go, D3).
func (d *differ) directiveArgumentAdded(a *schema.InputValue, meta Meta, inAdded bool) {
	_, hasDefault := d.newDefaults.of(a)
	meta.ArgumentName, meta.NewType, meta.NewDefault = a.Name, a.Type.String(), a.DefaultValue
	meta.HasDefault, meta.IsNonNull = d.flag(hasDefault), d.flag(a.Type.IsNonNull())
	if !inAdded && hasDefault && a.Type.IsNonNull() {
		meta.Deviation = "D3"
	}
	d.add(DirectiveArgumentAdded, meta)
}

func (d *differ) directiveArgumentChanges(old, new *schema.InputValue, base Meta) {
	v := d.valueDiff(directiveArgument, old, new)
	if d.both.Descriptions && textChanged(old.Description, new.Description) {
		v.description = DirectiveArgumentDescriptionChanged
	}
	if v.changed() {
		base.ArgumentName = new.Name
		d.valueChanges(directiveArgument, v, base, old, new)
	}
}
