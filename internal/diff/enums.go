package diff

import (
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Enum values. Only meta is built here; kindtable.go words it.

func (d *differ) enumValues(old, new *schema.Type) {
	matchByName(old.EnumValues, new.EnumValues, func(v *schema.EnumValue) string { return v.Name },
		func(v *schema.EnumValue) {
			d.add(EnumValueRemoved, Meta{TypeName: old.Name, EnumValueName: v.Name, IsDeprecated: d.flag(v.IsDeprecated), ContainerKind: "enum"})
		},
		func(v *schema.EnumValue) { d.enumValueAdded(new, v, false) },
		func(ov, nv *schema.EnumValue) { d.enumValueChanges(new, ov, nv) })
}

// enumValueAdded reports an added value and its contents: its description
// and its deprecation.
func (d *differ) enumValueAdded(t *schema.Type, v *schema.EnumValue, inAdded bool) {
	d.add(EnumValueAdded, Meta{TypeName: t.Name, EnumValueName: v.Name, ContainerKind: "enum", InAddedParent: inAdded})
	if !void(v.Description) {
		d.enumValueDescription(t, v.Name, nil, v.Description, true)
	}
	if v.IsDeprecated {
		d.enumValueDeprecation(EnumValueDeprecationReasonAdded, t, v.Name, nil, v.DeprecationReason, true, true,
			deprecationSource{v.IsDeprecated, v.DeprecationReason}.inspectorDisagrees() || (v.DeprecationReason != nil && *v.DeprecationReason == ""))
	}
}

func (d *differ) enumValueChanges(t *schema.Type, old, new *schema.EnumValue) {
	if d.both.Descriptions && textChanged(old.Description, new.Description) {
		d.enumValueDescription(t, new.Name, old.Description, new.Description, false)
	}
	if !old.IsDeprecated && !new.IsDeprecated {
		return
	}
	// Enum values have only reason kinds. Unlike Inspector, which reads
	// them off the reason text alone, the state decides first (D5): a
	// value that became deprecated gets "reason added", one that is no
	// longer deprecated "reason removed", whatever the texts say.
	var k ChangeType
	switch {
	case !old.IsDeprecated && new.IsDeprecated:
		k = EnumValueDeprecationReasonAdded
	case old.IsDeprecated && !new.IsDeprecated:
		k = EnumValueDeprecationReasonRemoved
	default:
		k = reasonChange(old.DeprecationReason, new.DeprecationReason,
			EnumValueDeprecationReasonAdded, EnumValueDeprecationReasonRemoved, EnumValueDeprecationReasonChanged)
	}
	if k == "" {
		return
	}
	d5 := deprecationSource{old.IsDeprecated, old.DeprecationReason}.inspectorDisagrees() ||
		deprecationSource{new.IsDeprecated, new.DeprecationReason}.inspectorDisagrees() ||
		old.IsDeprecated && !new.IsDeprecated && (noReason(old.DeprecationReason) || *old.DeprecationReason == "") ||
		new.IsDeprecated && new.DeprecationReason != nil && *new.DeprecationReason == ""
	d.enumValueDeprecation(k, t, new.Name, old.DeprecationReason, new.DeprecationReason, old.IsDeprecated != new.IsDeprecated, false, d5)
}

func (d *differ) enumValueDescription(t *schema.Type, value string, old, new *string, inAdded bool) {
	d.add(EnumValueDescriptionChanged, Meta{TypeName: t.Name, EnumValueName: value, OldDescription: old, NewDescription: new,
		ContainerKind: "enum", InAddedParent: inAdded})
}

// enumValueDeprecation records a deprecation change of an enum value.
// stateChanged tells a (un)deprecation from a change of reason only; a
// value deprecated from the start counts as one.
func (d *differ) enumValueDeprecation(k ChangeType, t *schema.Type, value string, old, new *string, stateChanged, inAdded, d5 bool) {
	meta := Meta{TypeName: t.Name, EnumValueName: value, OldReason: old, NewReason: new, ContainerKind: "enum",
		InAddedParent: inAdded, DeprecationStateChanged: stateChanged}
	if d5 {
		meta.Deviation = "D5"
	}
	d.add(k, meta)
}
