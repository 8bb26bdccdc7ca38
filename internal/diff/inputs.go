package diff

import (
	"fmt"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Input object fields (spec §3.4), @oneOf, and the deprecation of arguments
// and input fields (extensions, spec §3.9).

func (d *differ) inputFields(old, new *schema.Type) {
	matchByName(old.InputFields, new.InputFields, func(f *schema.InputValue) string { return f.Name },
		func(f *schema.InputValue) {
			deprecated := d.inputDeprecated(d.old, f)
			marker := ""
			if deprecated != nil && *deprecated {
				marker = "(deprecated) "
			}
			d.add(InputFieldRemoved, Breaking, old.Name+"."+f.Name, "Inputs that set the field are rejected.",
				fmt.Sprintf("Input field '%s' %swas removed from input object type '%s'", f.Name, marker, old.Name),
				Meta{TypeName: old.Name, FieldName: f.Name, OldType: f.Type.String(), IsDeprecated: deprecated, ContainerKind: "input object type"})
		},
		func(f *schema.InputValue) { d.inputFieldAdded(new, f, false) },
		func(of, nf *schema.InputValue) { d.inputFieldChanges(new, of, nf) })
}

// inputFieldAdded reports an added input field and its description. On an
// existing input object it breaks when required (non-null, no default), is
// dangerous with a default (inputs that omit it change meaning) and safe
// otherwise.
func (d *differ) inputFieldAdded(t *schema.Type, f *schema.InputValue, inAdded bool) {
	path := t.Name + "." + f.Name
	_, hasDefault := d.newDefaults.of(f)
	level, reason := NonBreaking, ""
	switch {
	case inAdded:
	case hasDefault:
		level, reason = Dangerous, "Inputs that omit the new field now get its default value, which may change what they do."
	case f.Type.IsNonNull():
		level, reason = Breaking, "The input field is required (non-null without a default): inputs that omit it are rejected."
	}
	withDefault := ""
	if hasDefault {
		withDefault = fmt.Sprintf(" with default value '%s'", *f.DefaultValue)
	}
	d.add(InputFieldAdded, level, path, reason,
		fmt.Sprintf("Input field '%s' of type '%s'%s was added to input object type '%s'", f.Name, f.Type, withDefault, t.Name),
		Meta{TypeName: t.Name, FieldName: f.Name, NewType: f.Type.String(), NewDefault: f.DefaultValue,
			HasDefault: ptr(hasDefault), IsNonNull: ptr(f.Type.IsNonNull()), ContainerKind: "input object type", InAddedParent: inAdded})
	if !void(f.Description) {
		d.inputFieldDescription(InputFieldDescriptionAdded, t, f.Name, nil, f.Description, true)
	}
}

func (d *differ) inputFieldChanges(t *schema.Type, old, new *schema.InputValue) {
	path := t.Name + "." + new.Name
	base := Meta{TypeName: t.Name, FieldName: new.Name, ContainerKind: "input object type"}
	if d.both.Descriptions {
		if k := descriptionChange(old.Description, new.Description, InputFieldDescriptionAdded, InputFieldDescriptionRemoved, InputFieldDescriptionChanged); k != "" {
			d.inputFieldDescription(k, t, new.Name, old.Description, new.Description, false)
		}
	}
	d.valueChanges(inputField, path, func() string { return "input field '" + path + "'" }, base, old, new)
	if d.both.InputValueDeprecation {
		d.inputValueDeprecation(path, base, old, new,
			InputFieldDeprecationAdded, InputFieldDeprecationRemoved, InputFieldDeprecationReasonChanged,
			fmt.Sprintf("Input field '%s'", path))
	}
}

func (d *differ) inputFieldDescription(k ChangeType, t *schema.Type, field string, old, new *string, inAdded bool) {
	path := t.Name + "." + field
	d.add(k, NonBreaking, path, "", descriptionMessage("input field '"+path+"'", old, new),
		Meta{TypeName: t.Name, FieldName: field, OldDescription: old, NewDescription: new, ContainerKind: "input object type", InAddedParent: inAdded})
}

// inputValueKind is one of the three kinds of input value: a field
// argument, an input field, a directive argument.
type inputValueKind struct {
	defaultChanged, typeChanged ChangeType
	noun                        string // in reasons
}

var (
	fieldArgument     = inputValueKind{FieldArgumentDefaultChanged, FieldArgumentTypeChanged, "argument"}
	inputField        = inputValueKind{InputFieldDefaultValueChanged, InputFieldTypeChanged, "input field"}
	directiveArgument = inputValueKind{DirectiveArgumentDefaultValueChanged, DirectiveArgumentTypeChanged, "directive argument"}
)

// valueChanges compares what every input value present in both schemas
// has: its default, by coerced value (spec §1.4), and its type, by the
// input-position wrapping rules (§4.2). The two are reported independently.
// subject names the value in messages; it is called only for a change, as
// most values do not change.
func (d *differ) valueChanges(k inputValueKind, path string, subject func() string, base Meta, old, new *schema.InputValue) {
	if changed, required := defaultChange(d.oldDefaults, d.newDefaults, old, new); changed {
		// Dangerous: operations that omit the value now get another one.
		// Breaking when a non-null value lost its default and so became
		// required (D2).
		meta := base
		meta.OldDefault, meta.NewDefault = old.DefaultValue, new.DefaultValue
		meta.IsNonNull = ptr(new.Type.IsNonNull())
		level, reason := Dangerous, fmt.Sprintf("Operations that omit the %s now get a different value.", k.noun)
		if required {
			level, reason = Breaking, fmt.Sprintf("The non-null %s lost its default and is now required: operations that omit it stop validating.", k.noun)
			meta.Deviation = "D2"
		}
		d.add(k.defaultChanged, level, path, reason,
			fmt.Sprintf("Default value for %s changed from '%s' to '%s'", subject(), literal(old.DefaultValue), literal(new.DefaultValue)), meta)
	}
	if !old.Type.Equal(new.Type) {
		safe := safeInputChange(old.Type, new.Type)
		meta := base
		meta.OldType, meta.NewType, meta.IsSafeChange = old.Type.String(), new.Type.String(), ptr(safe)
		level, reason := NonBreaking, ""
		if !safe {
			level, reason = Breaking, "Values and variables of the old type may no longer be accepted."
		}
		d.add(k.typeChanged, level, path, reason,
			fmt.Sprintf("Type for %s changed from '%s' to '%s'", subject(), old.Type, new.Type), meta)
	}
}

// oneOf compares an input object's isOneOf (extension, spec §3.9).
func (d *differ) oneOf(old, new *schema.Type) {
	if !d.both.InputObjectIsOneOf || old.IsOneOf == new.IsOneOf {
		return
	}
	meta := Meta{TypeName: new.Name, ContainerKind: "input object type"}
	if new.IsOneOf {
		d.add(InputObjectOneOfAdded, Breaking, new.Name+".@oneOf", "Inputs that set several fields, or none, are now rejected.",
			fmt.Sprintf("Input object type '%s' is now @oneOf: exactly one field must be set", new.Name), meta)
		return
	}
	d.add(InputObjectOneOfRemoved, NonBreaking, new.Name+".@oneOf", "",
		fmt.Sprintf("Input object type '%s' is no longer @oneOf", new.Name), meta)
}

// inputValueDeprecation compares the deprecation of an argument or input
// field present in both schemas (extension, spec §3.9). what names the
// element in messages.
func (d *differ) inputValueDeprecation(path string, meta Meta, old, new *schema.InputValue, added, removed, changed ChangeType, what string) {
	meta.OldReason, meta.NewReason = old.DeprecationReason, new.DeprecationReason
	path += ".@deprecated"
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		d.add(added, NonBreaking, path, "", what+" is deprecated", meta)
	case old.IsDeprecated && !new.IsDeprecated:
		d.add(removed, NonBreaking, path, "", what+" is no longer deprecated", meta)
	case old.IsDeprecated && reasonChanged(old.DeprecationReason, new.DeprecationReason):
		d.add(changed, NonBreaking, path, "",
			fmt.Sprintf("Deprecation reason on %s changed from '%s' to '%s'", lowerFirst(what), excerpt(old.DeprecationReason), excerpt(new.DeprecationReason)), meta)
	}
}

// inputDeprecated returns whether an argument or input field of s is
// deprecated, or nil when s does not say.
func (d *differ) inputDeprecated(s *schema.Schema, v *schema.InputValue) *bool {
	if !s.Capabilities.InputValueDeprecation {
		return nil
	}
	return ptr(v.IsDeprecated)
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
