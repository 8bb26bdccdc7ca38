package diff

import (
	"fmt"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Fields of object and interface types, their arguments and the interfaces
// the type implements (spec §3.2, §3.3, §3.6).

func (d *differ) interfaces(old, new *schema.Type) {
	matchNames(old.Interfaces, new.Interfaces,
		func(i string) {
			d.add(ObjectTypeInterfaceRemoved, Breaking, old.Name,
				"Fragments and selections that rely on the type implementing the interface stop validating.",
				fmt.Sprintf("'%s' %s no longer implements '%s' interface", old.Name, containerKind(old), i),
				Meta{TypeName: old.Name, InterfaceName: i, ContainerKind: containerKind(old)})
		},
		func(i string) { d.interfaceAdded(new, i, false) })
}

func (d *differ) interfaceAdded(t *schema.Type, iface string, inAdded bool) {
	level, reason := Dangerous, "Fields that return the interface can now return this type, which clients may not handle."
	if inAdded {
		level, reason = NonBreaking, ""
	}
	d.add(ObjectTypeInterfaceAdded, level, t.Name, reason,
		fmt.Sprintf("'%s' %s implements '%s' interface", t.Name, containerKind(t), iface),
		Meta{TypeName: t.Name, InterfaceName: iface, ContainerKind: containerKind(t), InAddedParent: inAdded})
}

func (d *differ) fields(old, new *schema.Type) {
	matchByName(old.Fields, new.Fields, func(f *schema.Field) string { return f.Name },
		func(f *schema.Field) {
			marker, reason := "", "Operations that select the field stop validating."
			if f.IsDeprecated {
				marker = "(deprecated) "
				reason = "Operations that still select the deprecated field stop validating."
			}
			d.add(FieldRemoved, Breaking, old.Name+"."+f.Name, reason,
				fmt.Sprintf("Field '%s' %swas removed from %s '%s'", f.Name, marker, containerKind(old), old.Name),
				Meta{TypeName: old.Name, FieldName: f.Name, OldType: f.Type.String(), IsDeprecated: ptr(f.IsDeprecated), ContainerKind: containerKind(old)})
		},
		func(f *schema.Field) { d.fieldAdded(new, f, false) },
		func(of, nf *schema.Field) { d.fieldChanges(new, of, nf) })
}

// fieldAdded reports an added field and its contents: description,
// deprecation and arguments, all safe (spec §1.2).
func (d *differ) fieldAdded(t *schema.Type, f *schema.Field, inAdded bool) {
	path := t.Name + "." + f.Name
	d.add(FieldAdded, NonBreaking, path, "",
		fmt.Sprintf("Field '%s' was added to %s '%s'", f.Name, containerKind(t), t.Name),
		Meta{TypeName: t.Name, FieldName: f.Name, NewType: f.Type.String(), ContainerKind: containerKind(t), InAddedParent: inAdded})
	if !void(f.Description) {
		d.fieldDescription(FieldDescriptionAdded, t, f.Name, nil, f.Description, true)
	}
	if f.IsDeprecated {
		d.fieldDeprecation(FieldDeprecationAdded, t, f.Name, nil, f.DeprecationReason, true, deprecationSource{f.IsDeprecated, f.DeprecationReason}.inspectorDisagrees())
	}
	for _, a := range f.Args {
		d.argumentAdded(t, f, a, true)
	}
}

func (d *differ) fieldChanges(t *schema.Type, old, new *schema.Field) {
	path := t.Name + "." + new.Name
	if d.both.Descriptions {
		if k := descriptionChange(old.Description, new.Description, FieldDescriptionAdded, FieldDescriptionRemoved, FieldDescriptionChanged); k != "" {
			d.fieldDescription(k, t, new.Name, old.Description, new.Description, false)
		}
	}
	d.fieldDeprecationChanges(t, old, new)
	if !old.Type.Equal(new.Type) {
		safe := safeOutputChange(old.Type, new.Type)
		level, reason := NonBreaking, ""
		if !safe {
			level, reason = Breaking, "Clients may receive values of a type or nullability they do not expect, and selections written for the old type may stop validating."
		}
		d.add(FieldTypeChanged, level, path, reason,
			fmt.Sprintf("Field '%s' changed type from '%s' to '%s'", path, old.Type, new.Type),
			Meta{TypeName: t.Name, FieldName: new.Name, OldType: old.Type.String(), NewType: new.Type.String(), IsSafeChange: ptr(safe), ContainerKind: containerKind(t)})
	}
	matchByName(old.Args, new.Args, func(a *schema.InputValue) string { return a.Name },
		func(a *schema.InputValue) {
			d.add(FieldArgumentRemoved, Breaking, path+"."+a.Name, "Operations that pass the argument stop validating.",
				fmt.Sprintf("Argument '%s: %s' was removed from field '%s'", a.Name, a.Type, path),
				Meta{TypeName: t.Name, FieldName: new.Name, ArgumentName: a.Name, OldType: a.Type.String(),
					IsDeprecated: d.inputDeprecated(d.old, a), ContainerKind: containerKind(t)})
		},
		func(a *schema.InputValue) { d.argumentAdded(t, new, a, false) },
		func(oa, na *schema.InputValue) { d.argumentChanges(t, new, oa, na) })
}

func (d *differ) fieldDescription(k ChangeType, t *schema.Type, field string, old, new *string, inAdded bool) {
	path := t.Name + "." + field
	d.add(k, NonBreaking, path, "", descriptionMessage("field '"+path+"'", old, new),
		Meta{TypeName: t.Name, FieldName: field, OldDescription: old, NewDescription: new, ContainerKind: containerKind(t), InAddedParent: inAdded})
}

// fieldDeprecationChanges reports at most one deprecation change per field:
// a state change yields only the flag kind; the reason kinds appear only
// while the field stays deprecated (spec §3.2). The state is the
// isDeprecated flag (D5).
func (d *differ) fieldDeprecationChanges(t *schema.Type, old, new *schema.Field) {
	disagree := deprecationSource{old.IsDeprecated, old.DeprecationReason}.inspectorDisagrees() ||
		deprecationSource{new.IsDeprecated, new.DeprecationReason}.inspectorDisagrees()
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		d.fieldDeprecation(FieldDeprecationAdded, t, new.Name, nil, new.DeprecationReason, false, disagree)
	case old.IsDeprecated && !new.IsDeprecated:
		d.fieldDeprecation(FieldDeprecationRemoved, t, new.Name, old.DeprecationReason, nil, false, disagree)
	case old.IsDeprecated && new.IsDeprecated:
		if k := reasonChange(old.DeprecationReason, new.DeprecationReason,
			FieldDeprecationReasonAdded, FieldDeprecationReasonRemoved, FieldDeprecationReasonChanged); k != "" {
			d.fieldDeprecation(k, t, new.Name, old.DeprecationReason, new.DeprecationReason, false, disagree)
		}
	}
}

func (d *differ) fieldDeprecation(k ChangeType, t *schema.Type, field string, old, new *string, inAdded, d5 bool) {
	path := t.Name + "." + field
	var msg string
	switch k {
	case FieldDeprecationAdded:
		msg = fmt.Sprintf("Field '%s' is deprecated", path)
		if !noReason(new) {
			msg += fmt.Sprintf(": '%s'", excerpt(new))
		}
	case FieldDeprecationRemoved:
		msg = fmt.Sprintf("Field '%s' is no longer deprecated", path)
	case FieldDeprecationReasonAdded:
		msg = fmt.Sprintf("Field '%s' has deprecation reason '%s'", path, excerpt(new))
	case FieldDeprecationReasonRemoved:
		msg = fmt.Sprintf("Deprecation reason was removed from field '%s'", path)
	default:
		msg = fmt.Sprintf("Deprecation reason on field '%s' has changed from '%s' to '%s'", path, excerpt(old), excerpt(new))
	}
	if k != FieldDeprecationReasonRemoved {
		path += ".@deprecated" // Inspector's one exception keeps the field path
	}
	meta := Meta{TypeName: t.Name, FieldName: field, OldReason: old, NewReason: new, ContainerKind: containerKind(t), InAddedParent: inAdded}
	if d5 {
		meta.Deviation = "D5"
	}
	d.add(k, NonBreaking, path, "", msg, meta)
}

// argumentAdded reports an argument added to a field. In a new field it is
// safe; on an existing field it breaks when required (non-null without a
// default that coerces) and is dangerous otherwise: the field may behave
// differently for operations that do not pass it.
func (d *differ) argumentAdded(t *schema.Type, f *schema.Field, a *schema.InputValue, inAdded bool) {
	path := t.Name + "." + f.Name + "." + a.Name
	_, hasDefault := d.newDefaults.of(a)
	level, reason := Dangerous, "The field may behave differently for operations that do not pass the new optional argument."
	switch {
	case inAdded:
		level, reason = NonBreaking, ""
	case a.Type.IsNonNull() && !hasDefault:
		level, reason = Breaking, "The argument is required (non-null without a default): operations that select the field without it stop validating."
	}
	withDefault := " "
	if hasDefault {
		withDefault = " (with default value) "
	}
	d.add(FieldArgumentAdded, level, path, reason,
		fmt.Sprintf("Argument '%s: %s'%sadded to field '%s.%s'", a.Name, a.Type, withDefault, t.Name, f.Name),
		Meta{TypeName: t.Name, FieldName: f.Name, ArgumentName: a.Name, NewType: a.Type.String(), NewDefault: a.DefaultValue,
			HasDefault: ptr(hasDefault), IsNonNull: ptr(a.Type.IsNonNull()), ContainerKind: containerKind(t), InAddedParent: inAdded})
}

func (d *differ) argumentChanges(t *schema.Type, f *schema.Field, old, new *schema.InputValue) {
	field := t.Name + "." + f.Name
	path := field + "." + new.Name
	base := Meta{TypeName: t.Name, FieldName: f.Name, ArgumentName: new.Name, ContainerKind: containerKind(t)}
	if d.both.Descriptions && textChanged(old.Description, new.Description) {
		meta := base
		meta.OldDescription, meta.NewDescription = old.Description, new.Description
		d.add(FieldArgumentDescriptionChanged, NonBreaking, path, "",
			descriptionMessage(fmt.Sprintf("argument '%s' on field '%s'", new.Name, field), old.Description, new.Description), meta)
	}
	d.valueChanges(fieldArgument, path, func() string { return fmt.Sprintf("argument '%s' on field '%s'", new.Name, field) }, base, old, new)
	if d.both.InputValueDeprecation {
		d.inputValueDeprecation(path, base, old, new,
			FieldArgumentDeprecationAdded, FieldArgumentDeprecationRemoved, FieldArgumentDeprecationReasonChanged,
			fmt.Sprintf("Argument '%s' on field '%s'", new.Name, field))
	}
}
