package diff

import (
	"fmt"
	"slices"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Directive definitions (spec §3.7). The specified directives (@skip,
// @include, @deprecated, @specifiedBy, @oneOf) are not in the model, so they
// are never compared (spec §1.3).

func (d *differ) directives() {
	matchByName(d.old.Directives, d.new.Directives, func(x *schema.Directive) string { return x.Name },
		func(x *schema.Directive) {
			d.add(DirectiveRemoved, Breaking, "@"+x.Name, "Documents that use the directive stop validating.",
				fmt.Sprintf("Directive '%s' was removed", x.Name), directiveMeta(x))
		},
		func(x *schema.Directive) {
			d.add(DirectiveAdded, NonBreaking, "@"+x.Name, "", fmt.Sprintf("Directive '%s' was added", x.Name), directiveMeta(x))
			d.directiveChanges(nil, x)
		},
		func(old, new *schema.Directive) { d.directiveChanges(old, new) })
}

// directiveMeta is the meta every change of a directive starts from.
// isExecutable tells whether the directive concerns operations at all; the
// level does not depend on it (Inspector and graphql-js treat all
// directives alike), but reports can say so.
func directiveMeta(x *schema.Directive) Meta {
	executable := slices.ContainsFunc(x.Locations, func(l string) bool { return slices.Contains(schema.ExecutableLocations, l) })
	return Meta{DirectiveName: x.Name, ContainerKind: "directive", IsExecutable: ptr(executable)}
}

// directiveChanges compares a directive present in both schemas, or, with
// old nil, reports the contents of an added one.
func (d *differ) directiveChanges(old, new *schema.Directive) {
	added := old == nil
	if added {
		old = &schema.Directive{Name: new.Name}
	}
	path := "@" + new.Name
	base := directiveMeta(new)
	base.InAddedParent = added

	if (added || d.both.Descriptions) && textChanged(old.Description, new.Description) {
		meta := base
		meta.OldDescription, meta.NewDescription = old.Description, new.Description
		d.add(DirectiveDescriptionChanged, NonBreaking, path, "", descriptionMessage("directive '"+new.Name+"'", old.Description, new.Description), meta)
	}

	if added || d.both.DirectiveIsRepeatable {
		switch {
		case !old.IsRepeatable && new.IsRepeatable:
			d.add(DirectiveRepeatableAdded, NonBreaking, path, "", fmt.Sprintf("Directive '%s' added repeatable.", new.Name), base)
		case old.IsRepeatable && !new.IsRepeatable:
			meta := base
			meta.Deviation = "D4"
			d.add(DirectiveRepeatableRemoved, Breaking, path, "Documents that repeat the directive at one location stop validating.",
				fmt.Sprintf("Directive '%s' removed repeatable.", new.Name), meta)
		}
	}

	matchNames(old.Locations, new.Locations,
		func(l string) {
			meta := base
			meta.Location = l
			d.add(DirectiveLocationRemoved, Breaking, path, "Documents that use the directive at this location stop validating.",
				fmt.Sprintf("Location '%s' was removed from directive '%s'", l, new.Name), meta)
		},
		func(l string) {
			meta := base
			meta.Location = l
			d.add(DirectiveLocationAdded, NonBreaking, path, "", fmt.Sprintf("Location '%s' was added to directive '%s'", l, new.Name), meta)
		})

	matchByName(old.Args, new.Args, func(a *schema.InputValue) string { return a.Name },
		func(a *schema.InputValue) {
			meta := base
			meta.ArgumentName, meta.OldType = a.Name, a.Type.String()
			d.add(DirectiveArgumentRemoved, Breaking, path+"."+a.Name, "Uses of the directive that pass the argument stop validating.",
				fmt.Sprintf("Argument '%s' was removed from directive '%s'", a.Name, new.Name), meta)
		},
		func(a *schema.InputValue) { d.directiveArgumentAdded(new, a, base, added) },
		func(oa, na *schema.InputValue) { d.directiveArgumentChanges(new, oa, na, base) })
}

// directiveArgumentAdded reports an argument added to a directive, at the
// directive's path. On an existing directive it breaks only when required:
// non-null without a default. Inspector also calls a non-null argument with a
// default breaking; every existing use stays valid, so we do not (D3).
func (d *differ) directiveArgumentAdded(x *schema.Directive, a *schema.InputValue, meta Meta, inAdded bool) {
	_, hasDefault := d.newDefaults.of(a)
	meta.ArgumentName, meta.NewType, meta.NewDefault = a.Name, a.Type.String(), a.DefaultValue
	meta.HasDefault, meta.IsNonNull = ptr(hasDefault), ptr(a.Type.IsNonNull())
	level, reason := NonBreaking, ""
	switch {
	case inAdded:
	case a.Type.IsNonNull() && !hasDefault:
		level, reason = Breaking, "The argument is required (non-null without a default): existing uses of the directive stop validating."
	case a.Type.IsNonNull():
		meta.Deviation = "D3"
	}
	d.add(DirectiveArgumentAdded, level, "@"+x.Name, reason,
		fmt.Sprintf("Argument '%s' was added to directive '%s'", a.Name, x.Name), meta)
}

func (d *differ) directiveArgumentChanges(x *schema.Directive, old, new *schema.InputValue, base Meta) {
	path := "@" + x.Name + "." + new.Name
	base.ArgumentName = new.Name
	if d.both.Descriptions && textChanged(old.Description, new.Description) {
		meta := base
		meta.OldDescription, meta.NewDescription = old.Description, new.Description
		d.add(DirectiveArgumentDescriptionChanged, NonBreaking, path, "",
			descriptionMessage(fmt.Sprintf("argument '%s' on directive '%s'", new.Name, x.Name), old.Description, new.Description), meta)
	}
	d.valueChanges(directiveArgument, path, func() string { return fmt.Sprintf("argument '%s' on directive '%s'", new.Name, x.Name) }, base, old, new)
}
