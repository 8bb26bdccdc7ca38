package diff

import (
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Input object fields, @oneOf, and the deprecation of arguments and input
// fields (extensions).

func (d *differ) inputFields(old, new *schema.Type) {
	matchByName(old.InputFields, new.InputFields, func(f *schema.InputValue) string { return f.Name },
		func(f *schema.InputValue) {
			d.add(InputFieldRemoved, Meta{TypeName: old.Name, FieldName: f.Name, OldType: f.Type.String(), IsDeprecated: d.inputDeprecated(d.old, f),
				ContainerKind: "input object type"})
		},
		func(f *schema.InputValue) { d.inputFieldAdded(new, f, false) },
		func(of, nf *schema.InputValue) { d.inputFieldChanges(new, of, nf) })
}

// inputFieldAdded reports an added input field and its description; its
// level depends on whether it is required or has a default (kindtable.go).
func (d *differ) inputFieldAdded(t *schema.Type, f *schema.InputValue, inAdded bool) {
	_, hasDefault := d.newDefaults.of(f)
	d.add(InputFieldAdded, Meta{TypeName: t.Name, FieldName: f.Name, NewType: f.Type.String(), NewDefault: f.DefaultValue,
		HasDefault: d.flag(hasDefault), IsNonNull: d.flag(f.Type.IsNonNull()), ContainerKind: "input object type", InAddedParent: inAdded})
	if !void(f.Description) {
		d.inputFieldDescription(InputFieldDescriptionAdded, t, f.Name, nil, f.Description, true)
	}
}

func (d *differ) inputFieldChanges(t *schema.Type, old, new *schema.InputValue) {
	v := d.valueDiff(inputField, old, new)
	if d.both.Descriptions {
		v.description = descriptionChange(old.Description, new.Description, InputFieldDescriptionAdded, InputFieldDescriptionRemoved, InputFieldDescriptionChanged)
	}
	if v.changed() {
		d.valueChanges(inputField, v, Meta{TypeName: t.Name, FieldName: new.Name, ContainerKind: "input object type"}, old, new)
	}
}

func (d *differ) inputFieldDescription(k ChangeType, t *schema.Type, field string, old, new *string, inAdded bool) {
	d.add(k, Meta{TypeName: t.Name, FieldName: field, OldDescription: old, NewDescription: new, ContainerKind: "input object type", InAddedParent: inAdded})
}

// inputValueKind is one of the three kinds of input value: a field
// argument, an input field, a directive argument. Directive arguments have
// no deprecation kinds.
type inputValueKind struct {
	defaultChanged, typeChanged                                    ChangeType
	deprecationAdded, deprecationRemoved, deprecationReasonChanged ChangeType
}

var (
	fieldArgument = inputValueKind{FieldArgumentDefaultChanged, FieldArgumentTypeChanged,
		FieldArgumentDeprecationAdded, FieldArgumentDeprecationRemoved, FieldArgumentDeprecationReasonChanged}
	inputField = inputValueKind{InputFieldDefaultValueChanged, InputFieldTypeChanged,
		InputFieldDeprecationAdded, InputFieldDeprecationRemoved, InputFieldDeprecationReasonChanged}
	directiveArgument = inputValueKind{defaultChanged: DirectiveArgumentDefaultValueChanged, typeChanged: DirectiveArgumentTypeChanged}
)

// valueDiff is what changed on an input value present in both schemas:
// its description (the kind of change, which the caller finds), its
// default, by coerced value, its type, by the input-position wrapping
// rules, and its deprecation. Each is reported on its own. It is found
// before any meta is made, so that the many values that did not change
// cost none.
type valueDiff struct {
	description, deprecation              ChangeType // "" for no change
	defaultChanged, required, typeChanged bool
}

func (d *differ) valueDiff(k inputValueKind, old, new *schema.InputValue) valueDiff {
	var v valueDiff
	v.defaultChanged, v.required = defaultChange(&d.oldDefaults, &d.newDefaults, old, new)
	v.typeChanged = !old.Type.Equal(new.Type)
	if d.both.InputValueDeprecation {
		v.deprecation = inputValueDeprecation(k, old, new)
	}
	return v
}

func (v valueDiff) changed() bool {
	return v.description != "" || v.deprecation != "" || v.defaultChanged || v.typeChanged
}

// valueChanges records what changed on an input value; base is the meta
// naming the value.
func (d *differ) valueChanges(k inputValueKind, v valueDiff, base Meta, old, new *schema.InputValue) {
	if v.description != "" {
		meta := base
		meta.OldDescription, meta.NewDescription = old.Description, new.Description
		d.add(v.description, meta)
	}
	if v.defaultChanged {
		_, hasDefault := d.newDefaults.of(new)
		meta := base
		meta.OldDefault, meta.NewDefault = old.DefaultValue, new.DefaultValue
		meta.IsNonNull, meta.HasDefault = d.flag(new.Type.IsNonNull()), d.flag(hasDefault)
		if v.required {
			meta.Deviation = "D2" // lost its default and so became required: breaking
		}
		d.add(k.defaultChanged, meta)
	}
	if v.typeChanged {
		meta := base
		meta.OldType, meta.NewType, meta.IsSafeChange = old.Type.String(), new.Type.String(), d.flag(safeInputChange(old.Type, new.Type))
		d.add(k.typeChanged, meta)
	}
	if v.deprecation != "" {
		meta := base
		meta.OldReason, meta.NewReason = old.DeprecationReason, new.DeprecationReason
		d.add(v.deprecation, meta)
	}
}

// oneOf compares an input object's isOneOf (an extension).
func (d *differ) oneOf(old, new *schema.Type) {
	if !d.both.InputObjectIsOneOf || old.IsOneOf == new.IsOneOf {
		return
	}
	meta := Meta{TypeName: new.Name, ContainerKind: "input object type"}
	if new.IsOneOf {
		d.add(InputObjectOneOfAdded, meta)
		return
	}
	d.add(InputObjectOneOfRemoved, meta)
}

// inputValueDeprecation compares the deprecation of an argument or input
// field present in both schemas (extensions), and returns the kind of
// change, or "" for none. Directive arguments have no deprecation kinds.
func inputValueDeprecation(k inputValueKind, old, new *schema.InputValue) ChangeType {
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		return k.deprecationAdded
	case old.IsDeprecated && !new.IsDeprecated:
		return k.deprecationRemoved
	case old.IsDeprecated && reasonChanged(old.DeprecationReason, new.DeprecationReason):
		return k.deprecationReasonChanged
	}
	return ""
}

// inputDeprecated returns whether an argument or input field of s is
// deprecated, or nil when s does not say.
func (d *differ) inputDeprecated(s *schema.Schema, v *schema.InputValue) *bool {
	if !s.Capabilities.InputValueDeprecation {
		return nil
	}
	return d.flag(v.IsDeprecated)
}
