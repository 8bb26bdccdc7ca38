package diff

import "slices"

// ChangeType identifies a kind of change. The identifiers are GraphQL
// Inspector 8.0.0's (spec breaking-changes.md §3), so that a report can be
// compared with Inspector's line by line; the eleven extensions of §3.9 are
// our own and never occur in Inspector's output.
type ChangeType string

// Schema roots and named types (spec §3.1).
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

// Fields of object and interface types (spec §3.2).
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

// Field arguments (spec §3.3).
const (
	FieldArgumentAdded              ChangeType = "FIELD_ARGUMENT_ADDED"
	FieldArgumentRemoved            ChangeType = "FIELD_ARGUMENT_REMOVED"
	FieldArgumentTypeChanged        ChangeType = "FIELD_ARGUMENT_TYPE_CHANGED"
	FieldArgumentDefaultChanged     ChangeType = "FIELD_ARGUMENT_DEFAULT_CHANGED"
	FieldArgumentDescriptionChanged ChangeType = "FIELD_ARGUMENT_DESCRIPTION_CHANGED"
)

// Input object fields (spec §3.4).
const (
	InputFieldAdded               ChangeType = "INPUT_FIELD_ADDED"
	InputFieldRemoved             ChangeType = "INPUT_FIELD_REMOVED"
	InputFieldTypeChanged         ChangeType = "INPUT_FIELD_TYPE_CHANGED"
	InputFieldDefaultValueChanged ChangeType = "INPUT_FIELD_DEFAULT_VALUE_CHANGED"
	InputFieldDescriptionAdded    ChangeType = "INPUT_FIELD_DESCRIPTION_ADDED"
	InputFieldDescriptionRemoved  ChangeType = "INPUT_FIELD_DESCRIPTION_REMOVED"
	InputFieldDescriptionChanged  ChangeType = "INPUT_FIELD_DESCRIPTION_CHANGED"
)

// Enum values (spec §3.5). Enum values have no deprecation kinds of their
// own: the reason kinds stand for the state changes too.
const (
	EnumValueAdded                    ChangeType = "ENUM_VALUE_ADDED"
	EnumValueRemoved                  ChangeType = "ENUM_VALUE_REMOVED"
	EnumValueDescriptionChanged       ChangeType = "ENUM_VALUE_DESCRIPTION_CHANGED"
	EnumValueDeprecationReasonAdded   ChangeType = "ENUM_VALUE_DEPRECATION_REASON_ADDED"
	EnumValueDeprecationReasonRemoved ChangeType = "ENUM_VALUE_DEPRECATION_REASON_REMOVED"
	EnumValueDeprecationReasonChanged ChangeType = "ENUM_VALUE_DEPRECATION_REASON_CHANGED"
)

// Union members and implemented interfaces (spec §3.6). The interface kinds
// say "object" for interfaces implementing interfaces too, as Inspector does.
const (
	UnionMemberAdded           ChangeType = "UNION_MEMBER_ADDED"
	UnionMemberRemoved         ChangeType = "UNION_MEMBER_REMOVED"
	ObjectTypeInterfaceAdded   ChangeType = "OBJECT_TYPE_INTERFACE_ADDED"
	ObjectTypeInterfaceRemoved ChangeType = "OBJECT_TYPE_INTERFACE_REMOVED"
)

// Directive definitions (spec §3.7).
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

// Extensions (spec §3.9): facts Inspector 8 cannot see in an introspection
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

// kindInfo is what the engine and the reports know about a change type
// besides its name.
type kindInfo struct {
	// extension marks the kinds of spec §3.9.
	extension bool
	// subject names the meta field that tells apart changes sharing one
	// path (spec §2): the union member, interface, location or argument.
	subject subjectField
	// description marks the description kinds (spec §5 ignoreDescriptionChanges).
	description bool
}

type subjectField uint8

const (
	noSubject subjectField = iota
	subjectMember
	subjectInterface
	subjectLocation
	subjectArgument
)

// kinds lists every change type the engine emits: Inspector 8's 54 kinds
// for schema elements and the 11 extensions (spec §3.10).
var kinds = map[ChangeType]kindInfo{
	SchemaQueryTypeChanged:        {},
	SchemaMutationTypeChanged:     {},
	SchemaSubscriptionTypeChanged: {},
	TypeAdded:                     {},
	TypeRemoved:                   {},
	TypeKindChanged:               {},
	TypeDescriptionAdded:          {description: true},
	TypeDescriptionRemoved:        {description: true},
	TypeDescriptionChanged:        {description: true},

	FieldAdded:                    {},
	FieldRemoved:                  {},
	FieldTypeChanged:              {},
	FieldDescriptionAdded:         {description: true},
	FieldDescriptionRemoved:       {description: true},
	FieldDescriptionChanged:       {description: true},
	FieldDeprecationAdded:         {},
	FieldDeprecationRemoved:       {},
	FieldDeprecationReasonAdded:   {},
	FieldDeprecationReasonRemoved: {},
	FieldDeprecationReasonChanged: {},

	FieldArgumentAdded:              {},
	FieldArgumentRemoved:            {},
	FieldArgumentTypeChanged:        {},
	FieldArgumentDefaultChanged:     {},
	FieldArgumentDescriptionChanged: {description: true},

	InputFieldAdded:               {},
	InputFieldRemoved:             {},
	InputFieldTypeChanged:         {},
	InputFieldDefaultValueChanged: {},
	InputFieldDescriptionAdded:    {description: true},
	InputFieldDescriptionRemoved:  {description: true},
	InputFieldDescriptionChanged:  {description: true},

	EnumValueAdded:                    {},
	EnumValueRemoved:                  {},
	EnumValueDescriptionChanged:       {description: true},
	EnumValueDeprecationReasonAdded:   {},
	EnumValueDeprecationReasonRemoved: {},
	EnumValueDeprecationReasonChanged: {},

	UnionMemberAdded:           {subject: subjectMember},
	UnionMemberRemoved:         {subject: subjectMember},
	ObjectTypeInterfaceAdded:   {subject: subjectInterface},
	ObjectTypeInterfaceRemoved: {subject: subjectInterface},

	DirectiveAdded:                       {},
	DirectiveRemoved:                     {},
	DirectiveDescriptionChanged:          {description: true},
	DirectiveLocationAdded:               {subject: subjectLocation},
	DirectiveLocationRemoved:             {subject: subjectLocation},
	DirectiveArgumentAdded:               {subject: subjectArgument},
	DirectiveArgumentRemoved:             {},
	DirectiveArgumentTypeChanged:         {},
	DirectiveArgumentDefaultValueChanged: {},
	DirectiveArgumentDescriptionChanged:  {description: true},
	DirectiveRepeatableAdded:             {},
	DirectiveRepeatableRemoved:           {},

	InputObjectOneOfAdded:                 {extension: true},
	InputObjectOneOfRemoved:               {extension: true},
	ScalarSpecifiedByURLAdded:             {extension: true},
	ScalarSpecifiedByURLRemoved:           {extension: true},
	ScalarSpecifiedByURLChanged:           {extension: true},
	FieldArgumentDeprecationAdded:         {extension: true},
	FieldArgumentDeprecationRemoved:       {extension: true},
	FieldArgumentDeprecationReasonChanged: {extension: true},
	InputFieldDeprecationAdded:            {extension: true},
	InputFieldDeprecationRemoved:          {extension: true},
	InputFieldDeprecationReasonChanged:    {extension: true},
}

// ChangeTypes returns every change type the engine can emit, sorted.
func ChangeTypes() []ChangeType {
	out := make([]ChangeType, 0, len(kinds))
	for t := range kinds {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// IsExtension reports whether t is one of the extension kinds of spec §3.9,
// which Inspector 8 never reports from introspection results.
func (t ChangeType) IsExtension() bool { return kinds[t].extension }

// IsDescription reports whether t is about a description.
func (t ChangeType) IsDescription() bool { return kinds[t].description }
