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
		HasDefault: ptr(hasDefault), IsNonNull: ptr(f.Type.IsNonNull()), ContainerKind: "input object type", InAddedParent: inAdded})
	if !void(f.Description) {
		d.inputFieldDescription(InputFieldDescriptionAdded, t, f.Name, nil, f.Description, true)
	}
}

func (d *differ) inputFieldChanges(t *schema.Type, old, new *schema.InputValue) {
	base := Meta{TypeName: t.Name, FieldName: new.Name, ContainerKind: "input object type"}
	if d.both.Descriptions {
		if k := descriptionChange(old.Description, new.Description, InputFieldDescriptionAdded, InputFieldDescriptionRemoved, InputFieldDescriptionChanged); k != "" {
			d.inputFieldDescription(k, t, new.Name, old.Description, new.Description, false)
		}
	}
	d.valueChanges(inputField, &base, old, new)
	if d.both.InputValueDeprecation {
		d.inputValueDeprecation(inputField, &base, old, new)
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

// valueChanges compares what every input value present in both schemas
// has: its default, by coerced value, and its type, by the input-position
// wrapping rules. The two are reported independently. base is the meta
// naming the value.
func (d *differ) valueChanges(k inputValueKind, base *Meta, old, new *schema.InputValue) {
	if changed, required := defaultChange(d.oldDefaults, d.newDefaults, old, new); changed {
		_, hasDefault := d.newDefaults.of(new)
		meta := *base
		meta.OldDefault, meta.NewDefault = old.DefaultValue, new.DefaultValue
		meta.IsNonNull, meta.HasDefault = ptr(new.Type.IsNonNull()), ptr(hasDefault)
		if required {
			meta.Deviation = "D2" // lost its default and so became required: breaking
		}
		d.add(k.defaultChanged, meta)
	}
	if !old.Type.Equal(new.Type) {
		meta := *base
		meta.OldType, meta.NewType, meta.IsSafeChange = old.Type.String(), new.Type.String(), ptr(safeInputChange(old.Type, new.Type))
		d.add(k.typeChanged, meta)
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
// field present in both schemas (extensions).
func (d *differ) inputValueDeprecation(k inputValueKind, base *Meta, old, new *schema.InputValue) {
	var t ChangeType
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		t = k.deprecationAdded
	case old.IsDeprecated && !new.IsDeprecated:
		t = k.deprecationRemoved
	case old.IsDeprecated && reasonChanged(old.DeprecationReason, new.DeprecationReason):
		t = k.deprecationReasonChanged
	default:
		return
	}
	meta := *base
	meta.OldReason, meta.NewReason = old.DeprecationReason, new.DeprecationReason
	d.add(t, meta)
}

// inputDeprecated returns whether an argument or input field of s is
// deprecated, or nil when s does not say.
func (d *differ) inputDeprecated(s *schema.Schema, v *schema.InputValue) *bool {
	if !s.Capabilities.InputValueDeprecation {
		return nil
	}
	return ptr(v.IsDeprecated)
}
