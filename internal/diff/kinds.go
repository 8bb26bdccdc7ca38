package diff

import "slices"

// ChangeType identifies a kind of change. The identifiers are GraphQL
// Inspector 8.0.0's (docs/breaking-changes.md §3), so that a report can be
// compared with Inspector's line by line; the eleven extensions of §3.9 are
// our own and never occur in Inspector's output.
type ChangeType string

// Schema roots and named types (docs/breaking-changes.md §3.1).
const (
	SchemaQueryTypeChanged        ChangeType = "SCHEMA_QUERY_TYPE_CHANGED"
	SchemaMutationTypeChanged     ChangeType = "SCHEMA_MUTATION_TYPE_CHANGED"
	SchemaSubscriptionTypeChanged ChangeType = "SCHEMA_SUBSCRIPTION_TYPE_CHANGED"
	TypeAdded                     ChangeType = "TYPE_ADDED"
	TypeRemoved                   ChangeType = "TYPE_REMOVED"
	TypeKindChanged               ChangeType = "TYPE_KIND_CHANGED"
	TypeDescriptionAdded          ChangeType = "TYPE_DESCRIPTION_ADDED"
	TypeDescriptionRemoved        ChangeType = "TYPE_DESCRIPTION_REMOVED"
	TypeDescriptionChanged        ChangeType = "TYPE_DESCRIPTION_CHANGED"
)

// Fields of object and interface types (docs/breaking-changes.md §3.2).
const (
	FieldAdded                    ChangeType = "FIELD_ADDED"
	FieldRemoved                  ChangeType = "FIELD_REMOVED"
	FieldTypeChanged              ChangeType = "FIELD_TYPE_CHANGED"
	FieldDescriptionAdded         ChangeType = "FIELD_DESCRIPTION_ADDED"
	FieldDescriptionRemoved       ChangeType = "FIELD_DESCRIPTION_REMOVED"
	FieldDescriptionChanged       ChangeType = "FIELD_DESCRIPTION_CHANGED"
	FieldDeprecationAdded         ChangeType = "FIELD_DEPRECATION_ADDED"
	FieldDeprecationRemoved       ChangeType = "FIELD_DEPRECATION_REMOVED"
	FieldDeprecationReasonAdded   ChangeType = "FIELD_DEPRECATION_REASON_ADDED"
	FieldDeprecationReasonRemoved ChangeType = "FIELD_DEPRECATION_REASON_REMOVED"
	FieldDeprecationReasonChanged ChangeType = "FIELD_DEPRECATION_REASON_CHANGED"
)

// Field arguments (docs/breaking-changes.md §3.3).
const (
	FieldArgumentAdded              ChangeType = "FIELD_ARGUMENT_ADDED"
	FieldArgumentRemoved            ChangeType = "FIELD_ARGUMENT_REMOVED"
	FieldArgumentTypeChanged        ChangeType = "FIELD_ARGUMENT_TYPE_CHANGED"
	FieldArgumentDefaultChanged     ChangeType = "FIELD_ARGUMENT_DEFAULT_CHANGED"
	FieldArgumentDescriptionChanged ChangeType = "FIELD_ARGUMENT_DESCRIPTION_CHANGED"
)

// Input object fields (docs/breaking-changes.md §3.4).
const (
	InputFieldAdded               ChangeType = "INPUT_FIELD_ADDED"
	InputFieldRemoved             ChangeType = "INPUT_FIELD_REMOVED"
	InputFieldTypeChanged         ChangeType = "INPUT_FIELD_TYPE_CHANGED"
	InputFieldDefaultValueChanged ChangeType = "INPUT_FIELD_DEFAULT_VALUE_CHANGED"
	InputFieldDescriptionAdded    ChangeType = "INPUT_FIELD_DESCRIPTION_ADDED"
	InputFieldDescriptionRemoved  ChangeType = "INPUT_FIELD_DESCRIPTION_REMOVED"
	InputFieldDescriptionChanged  ChangeType = "INPUT_FIELD_DESCRIPTION_CHANGED"
)

// Enum values (docs/breaking-changes.md §3.5). Enum values have no deprecation kinds of their
// own: the reason kinds stand for the state changes too.
const (
	EnumValueAdded                    ChangeType = "ENUM_VALUE_ADDED"
	EnumValueRemoved                  ChangeType = "ENUM_VALUE_REMOVED"
	EnumValueDescriptionChanged       ChangeType = "ENUM_VALUE_DESCRIPTION_CHANGED"
	EnumValueDeprecationReasonAdded   ChangeType = "ENUM_VALUE_DEPRECATION_REASON_ADDED"
	EnumValueDeprecationReasonRemoved ChangeType = "ENUM_VALUE_DEPRECATION_REASON_REMOVED"
	EnumValueDeprecationReasonChanged ChangeType = "ENUM_VALUE_DEPRECATION_REASON_CHANGED"
)

// Union members and implemented interfaces (docs/breaking-changes.md §3.6). The interface kinds
// say "object" for interfaces implementing interfaces too, as Inspector does.
const (
	UnionMemberAdded           ChangeType = "UNION_MEMBER_ADDED"
	UnionMemberRemoved         ChangeType = "UNION_MEMBER_REMOVED"
	ObjectTypeInterfaceAdded   ChangeType = "OBJECT_TYPE_INTERFACE_ADDED"
	ObjectTypeInterfaceRemoved ChangeType = "OBJECT_TYPE_INTERFACE_REMOVED"
)

// Directive definitions (docs/breaking-changes.md §3.7).
const (
	DirectiveAdded                       ChangeType = "DIRECTIVE_ADDED"
	DirectiveRemoved                     ChangeType = "DIRECTIVE_REMOVED"
	DirectiveDescriptionChanged          ChangeType = "DIRECTIVE_DESCRIPTION_CHANGED"
	DirectiveLocationAdded               ChangeType = "DIRECTIVE_LOCATION_ADDED"
	DirectiveLocationRemoved             ChangeType = "DIRECTIVE_LOCATION_REMOVED"
	DirectiveArgumentAdded               ChangeType = "DIRECTIVE_ARGUMENT_ADDED"
	DirectiveArgumentRemoved             ChangeType = "DIRECTIVE_ARGUMENT_REMOVED"
	DirectiveArgumentTypeChanged         ChangeType = "DIRECTIVE_ARGUMENT_TYPE_CHANGED"
	DirectiveArgumentDefaultValueChanged ChangeType = "DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED"
	DirectiveArgumentDescriptionChanged  ChangeType = "DIRECTIVE_ARGUMENT_DESCRIPTION_CHANGED"
	DirectiveRepeatableAdded             ChangeType = "DIRECTIVE_REPEATABLE_ADDED"
	DirectiveRepeatableRemoved           ChangeType = "DIRECTIVE_REPEATABLE_REMOVED"
)

// Extensions (docs/breaking-changes.md §3.9): facts Inspector 8 cannot see in an introspection
// result. They are reported only for elements present in both snapshots and
// only when both snapshots carry the property.
const (
	InputObjectOneOfAdded                 ChangeType = "INPUT_OBJECT_ONE_OF_ADDED"
	InputObjectOneOfRemoved               ChangeType = "INPUT_OBJECT_ONE_OF_REMOVED"
	ScalarSpecifiedByURLAdded             ChangeType = "SCALAR_SPECIFIED_BY_URL_ADDED"
	ScalarSpecifiedByURLRemoved           ChangeType = "SCALAR_SPECIFIED_BY_URL_REMOVED"
	ScalarSpecifiedByURLChanged           ChangeType = "SCALAR_SPECIFIED_BY_URL_CHANGED"
	FieldArgumentDeprecationAdded         ChangeType = "FIELD_ARGUMENT_DEPRECATION_ADDED"
	FieldArgumentDeprecationRemoved       ChangeType = "FIELD_ARGUMENT_DEPRECATION_REMOVED"
	FieldArgumentDeprecationReasonChanged ChangeType = "FIELD_ARGUMENT_DEPRECATION_REASON_CHANGED"
	InputFieldDeprecationAdded            ChangeType = "INPUT_FIELD_DEPRECATION_ADDED"
	InputFieldDeprecationRemoved          ChangeType = "INPUT_FIELD_DEPRECATION_REMOVED"
	InputFieldDeprecationReasonChanged    ChangeType = "INPUT_FIELD_DEPRECATION_REASON_CHANGED"
)

// kindSpec is everything a change kind means, held once (see kindtable.go):
// as GraphQL Inspector's changes/ modules do, a change's level, reason,
// path and message are functions of its kind and its meta alone. The
// comparison only finds what changed and fills in the meta; FromMeta
// builds the rest, so a report's changes can be rebuilt from report.json
// and nothing is formatted for elements that did not change.
type kindSpec struct {
	// level is the kind's level before rules: a constant for most kinds,
	// read off meta flags (isSafeChange, isNonNull, hasDefault,
	// inAddedParent) for the rest.
	level func(m *Meta) Level
	// reason says why a breaking or dangerous change has its level; it is
	// not asked for safe changes.
	reason  func(m *Meta) string
	message func(m *Meta) string
	path    func(m *Meta) string

	// subject names the meta field that tells apart changes sharing one
	// path (docs/breaking-changes.md, "Paths"): the union member,
	// interface, location or argument.
	subject subjectField
	// description marks the description kinds (rule ignoreDescriptionChanges).
	description bool
	// extension marks our own kinds, which Inspector 8 never reports.
	extension bool
	// addition marks the kinds that add an element with contents, which
	// reports fold the contents under.
	addition bool
}

type subjectField uint8

const (
	noSubject subjectField = iota
	subjectMember
	subjectInterface
	subjectLocation
	subjectArgument
)

// FromMeta builds a change of kind t from its meta: level, reason, path
// and message come from the kind table. It is how the engine emits every
// change, and how a consumer of report.json rebuilds one (rules aside,
// which change levels after the fact). An unknown kind yields a safe
// change with its identifier as the message.
func FromMeta(t ChangeType, meta Meta) Change {
	c := Change{Type: t, Meta: meta}
	c.fromMeta()
	return c
}

// fromMeta fills in a change's level, reason, path and message from its
// type and meta. The engine calls it on the change in place, where it will
// stay: a Change is large, and one built on the side would be copied and
// allocated once more.
func (c *Change) fromMeta() {
	spec, ok := kinds()[c.Type]
	if !ok {
		c.Criticality, c.Message = Criticality{Level: NonBreaking}, string(c.Type)
		return
	}
	c.Meta.Extension = spec.extension
	c.Criticality.Level = spec.level(&c.Meta)
	if c.Criticality.Level != NonBreaking {
		c.Criticality.Reason = spec.reason(&c.Meta)
	}
	c.Path = spec.path(&c.Meta)
	c.Message = spec.message(&c.Meta)
}

// ChangeTypes returns every change type the engine can emit, sorted.
func ChangeTypes() []ChangeType {
	out := make([]ChangeType, 0, len(kinds()))
	for t := range kinds() {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// IsExtension reports whether t is one of our extension kinds, which
// Inspector 8 never reports from introspection results.
func (t ChangeType) IsExtension() bool { return kinds()[t] != nil && kinds()[t].extension }

// IsDescription reports whether t is about a description.
func (t ChangeType) IsDescription() bool { return kinds()[t] != nil && kinds()[t].description }

// IsAddition reports whether t adds an element that has contents of its
// own (a type, field, input field, enum value or directive), which the
// engine reports too, marked inAddedParent.
func (t ChangeType) IsAddition() bool { return kinds()[t] != nil && kinds()[t].addition }
