package diff

import (
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Fields of object and interface types, their arguments and the interfaces
// the type implements. Only meta is built here; kindtable.go words it, and
// only for what changed.

func (d *differ) interfaces(old, new *schema.Type) {
	matchNames(old.Interfaces, new.Interfaces,
		func(i string) {
			d.add(ObjectTypeInterfaceRemoved, Meta{TypeName: old.Name, InterfaceName: i, ContainerKind: containerKind(old)})
		},
		func(i string) { d.interfaceAdded(new, i, false) })
}

func (d *differ) interfaceAdded(t *schema.Type, iface string, inAdded bool) {
	d.add(ObjectTypeInterfaceAdded, Meta{TypeName: t.Name, InterfaceName: iface, ContainerKind: containerKind(t), InAddedParent: inAdded})
}

func (d *differ) fields(old, new *schema.Type) {
	matchByName(old.Fields, new.Fields, func(f *schema.Field) string { return f.Name },
		func(f *schema.Field) {
			d.add(FieldRemoved, Meta{TypeName: old.Name, FieldName: f.Name, OldType: f.Type.String(), IsDeprecated: d.flag(f.IsDeprecated),
				ContainerKind: containerKind(old)})
		},
		func(f *schema.Field) { d.fieldAdded(new, f, false) },
		func(of, nf *schema.Field) { d.fieldChanges(new, of, nf) })
}

// fieldAdded reports an added field and its contents: description,
// deprecation and arguments, all safe.
func (d *differ) fieldAdded(t *schema.Type, f *schema.Field, inAdded bool) {
	d.add(FieldAdded, Meta{TypeName: t.Name, FieldName: f.Name, NewType: f.Type.String(), ContainerKind: containerKind(t), InAddedParent: inAdded})
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
	if d.both.Descriptions {
		if k := descriptionChange(old.Description, new.Description, FieldDescriptionAdded, FieldDescriptionRemoved, FieldDescriptionChanged); k != "" {
			d.fieldDescription(k, t, new.Name, old.Description, new.Description, false)
		}
	}
	d.fieldDeprecationChanges(t, old, new)
	if !old.Type.Equal(new.Type) {
		d.add(FieldTypeChanged, Meta{TypeName: t.Name, FieldName: new.Name, OldType: old.Type.String(), NewType: new.Type.String(),
			IsSafeChange: d.flag(safeOutputChange(old.Type, new.Type)), ContainerKind: containerKind(t)})
	}
	if len(old.Args) == 0 && len(new.Args) == 0 {
		return
	}
	matchByName(old.Args, new.Args, func(a *schema.InputValue) string { return a.Name },
		func(a *schema.InputValue) {
			d.add(FieldArgumentRemoved, Meta{TypeName: t.Name, FieldName: new.Name, ArgumentName: a.Name, OldType: a.Type.String(),
				IsDeprecated: d.inputDeprecated(d.old, a), ContainerKind: containerKind(t)})
		},
		func(a *schema.InputValue) { d.argumentAdded(t, new, a, false) },
		func(oa, na *schema.InputValue) { d.argumentChanges(t, new, oa, na) })
}

func (d *differ) fieldDescription(k ChangeType, t *schema.Type, field string, old, new *string, inAdded bool) {
	d.add(k, Meta{TypeName: t.Name, FieldName: field, OldDescription: old, NewDescription: new, ContainerKind: containerKind(t), InAddedParent: inAdded})
}

// fieldDeprecationChanges reports at most one deprecation change per field:
// a state change yields only the flag kind; the reason kinds appear only
// while the field stays deprecated. The state is the isDeprecated flag (D5).
func (d *differ) fieldDeprecationChanges(t *schema.Type, old, new *schema.Field) {
	if !old.IsDeprecated && !new.IsDeprecated {
		return
	}
	disagree := deprecationSource{old.IsDeprecated, old.DeprecationReason}.inspectorDisagrees() ||
		deprecationSource{new.IsDeprecated, new.DeprecationReason}.inspectorDisagrees()
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		d.fieldDeprecation(FieldDeprecationAdded, t, new.Name, nil, new.DeprecationReason, false, disagree)
	case old.IsDeprecated && !new.IsDeprecated:
		d.fieldDeprecation(FieldDeprecationRemoved, t, new.Name, old.DeprecationReason, nil, false, disagree)
	default:
		if k := reasonChange(old.DeprecationReason, new.DeprecationReason,
			FieldDeprecationReasonAdded, FieldDeprecationReasonRemoved, FieldDeprecationReasonChanged); k != "" {
			d.fieldDeprecation(k, t, new.Name, old.DeprecationReason, new.DeprecationReason, false, disagree)
		}
	}
}

func (d *differ) fieldDeprecation(k ChangeType, t *schema.Type, field string, old, new *string, inAdded, d5 bool) {
	meta := Meta{TypeName: t.Name, FieldName: field, OldReason: old, NewReason: new, ContainerKind: containerKind(t), InAddedParent: inAdded}
	if d5 {
		meta.Deviation = "D5"
	}
	d.add(k, meta)
}

// argumentAdded reports an argument added to a field; its level depends on
// whether it is required (kindtable.go).
func (d *differ) argumentAdded(t *schema.Type, f *schema.Field, a *schema.InputValue, inAdded bool) {
	_, hasDefault := d.newDefaults.of(a)
	d.add(FieldArgumentAdded, Meta{TypeName: t.Name, FieldName: f.Name, ArgumentName: a.Name, NewType: a.Type.String(), NewDefault: a.DefaultValue,
		HasDefault: d.flag(hasDefault), IsNonNull: d.flag(a.Type.IsNonNull()), ContainerKind: containerKind(t), InAddedParent: inAdded})
}

func (d *differ) argumentChanges(t *schema.Type, f *schema.Field, old, new *schema.InputValue) {
	v := d.valueDiff(fieldArgument, old, new)
	if d.both.Descriptions && textChanged(old.Description, new.Description) {
		v.description = FieldArgumentDescriptionChanged
	}
	if v.changed() {
		d.valueChanges(fieldArgument, v, Meta{TypeName: t.Name, FieldName: f.Name, ArgumentName: new.Name, ContainerKind: containerKind(t)}, old, new)
	}
}
