// Package schema is the one in-memory model of a GraphQL schema that every
// stage of schemawatch reads: the diff engine, the Go code generator and the
// collection generator.
//
// The model holds exactly what an introspection result can express (spec
// breaking-changes.md §1.1): applied directives are dropped, except that
// @deprecated, @specifiedBy and @oneOf become the deprecation, specifiedByURL
// and isOneOf properties. It is always canonical: every list is sorted, the
// specified directives (@skip, @include, @deprecated, @specifiedBy, @oneOf)
// and the introspection types (__Schema, …) are left out, and the standard
// scalars present are exactly String, Boolean and those referenced. Two
// loads of the same schema, from SDL or from introspection JSON, therefore
// give equal models (except for Capabilities, which SDL cannot carry).
package schema

import (
	"slices"
	"strings"
)

// Kind is a named type's kind, spelt as the __TypeKind enum spells it.
type Kind string

// The kinds of named types.
const (
	KindScalar      Kind = "SCALAR"
	KindObject      Kind = "OBJECT"
	KindInterface   Kind = "INTERFACE"
	KindUnion       Kind = "UNION"
	KindEnum        Kind = "ENUM"
	KindInputObject Kind = "INPUT_OBJECT"
)

func (k Kind) valid() bool {
	switch k {
	case KindScalar, KindObject, KindInterface, KindUnion, KindEnum, KindInputObject:
		return true
	}
	return false
}

// Schema is a whole GraphQL schema.
type Schema struct {
	// Root operation type names; "" when the schema has no such root.
	QueryType        string
	MutationType     string
	SubscriptionType string

	// Types holds every named type sorted by name, standard scalars included
	// (String and Boolean always, Int, Float and ID when referenced),
	// introspection types excluded.
	Types []*Type

	// Directives holds the directive definitions sorted by name, the
	// specified directives excluded: their definitions come from the
	// server's GraphQL library, not from the API (docs/breaking-changes.md §1.3).
	Directives []*Directive

	// Capabilities records which optional introspection properties the
	// source carried. A property the source did not carry is zero in the
	// model and must not be read as false (docs/breaking-changes.md §1.5).
	Capabilities Capabilities

	// Warnings are what the loader had to assume to read the source, one
	// line each ("file:line:col: …"), for the command to print: SDL that
	// real APIs publish and graphql-js's strict build rejects, read the way
	// its assumeValidSDL path reads it (a field defined twice keeps the
	// first; the pre-2018 "implements A, B"). They are not part of the
	// schema: the canonical outputs never carry them.
	Warnings []string
}

// MaxTypeRefDepth is how many levels a type reference may have: one per
// wrapper and one for the named type, so [[String!]!]! has six. It is what
// the introspection query asks for (package introspect), so that every
// schema the model holds can be fetched back whole; a deeper reference in an
// answer is not an answer to that query.
const MaxTypeRefDepth = 10

// Capabilities says which optional properties a schema source carried.
// Introspection queries differ in what they ask for; SDL carries all of them.
type Capabilities struct {
	Descriptions          bool `json:"descriptions"`
	DirectiveIsRepeatable bool `json:"directiveIsRepeatable"`
	SpecifiedByURL        bool `json:"specifiedByURL"`
	InputObjectIsOneOf    bool `json:"inputObjectIsOneOf"`
	InputValueDeprecation bool `json:"inputValueDeprecation"`
}

// AllCapabilities is what an SDL document, or a complete introspection
// result, carries.
var AllCapabilities = Capabilities{
	Descriptions:          true,
	DirectiveIsRepeatable: true,
	SpecifiedByURL:        true,
	InputObjectIsOneOf:    true,
	InputValueDeprecation: true,
}

// Intersect returns the capabilities set in both c and d.
func (c Capabilities) Intersect(d Capabilities) Capabilities {
	return Capabilities{
		Descriptions:          c.Descriptions && d.Descriptions,
		DirectiveIsRepeatable: c.DirectiveIsRepeatable && d.DirectiveIsRepeatable,
		SpecifiedByURL:        c.SpecifiedByURL && d.SpecifiedByURL,
		InputObjectIsOneOf:    c.InputObjectIsOneOf && d.InputObjectIsOneOf,
		InputValueDeprecation: c.InputValueDeprecation && d.InputValueDeprecation,
	}
}

// Names lists the capabilities that are set, in a fixed order, for messages
// and metadata.
func (c Capabilities) Names() []string {
	var names []string
	for _, p := range []struct {
		on   bool
		name string
	}{
		{c.Descriptions, "descriptions"},
		{c.DirectiveIsRepeatable, "directiveIsRepeatable"},
		{c.SpecifiedByURL, "specifiedByURL"},
		{c.InputObjectIsOneOf, "inputObjectIsOneOf"},
		{c.InputValueDeprecation, "inputValueDeprecation"},
	} {
		if p.on {
			names = append(names, p.name)
		}
	}
	return names
}

// Type is a named type.
type Type struct {
	Kind        Kind
	Name        string
	Description *string

	// SpecifiedByURL is set on scalars only.
	SpecifiedByURL *string
	// IsOneOf is set on input objects only.
	IsOneOf bool

	// Interfaces names the interfaces an object or interface implements.
	Interfaces []string
	// Fields of an object or interface.
	Fields []*Field
	// PossibleTypes names a union's members. For interfaces it is derived
	// data (see Schema.Implementations) and left empty here.
	PossibleTypes []string
	// EnumValues of an enum.
	EnumValues []*EnumValue
	// InputFields of an input object.
	InputFields []*InputValue
}

// Field is a field of an object or interface type.
type Field struct {
	Name              string
	Description       *string
	Args              []*InputValue
	Type              *TypeRef
	IsDeprecated      bool
	DeprecationReason *string
}

// InputValue is a field argument, an input object field or a directive
// argument.
type InputValue struct {
	Name        string
	Description *string
	Type        *TypeRef
	// DefaultValue is the default as a canonical GraphQL literal
	// (see PrintValue), or nil when there is none.
	DefaultValue      *string
	IsDeprecated      bool
	DeprecationReason *string
}

// WriteSignature writes "name: Type" to b, and " = default" when v has
// one: v as an argument list or a variable definition spells it.
func (v *InputValue) WriteSignature(b *strings.Builder) {
	b.WriteString(v.Name)
	b.WriteString(": ")
	v.Type.WriteSDL(b)
	if v.DefaultValue != nil {
		b.WriteString(" = ")
		b.WriteString(*v.DefaultValue)
	}
}

// EnumValue is one value of an enum type.
type EnumValue struct {
	Name              string
	Description       *string
	IsDeprecated      bool
	DeprecationReason *string
}

// Directive is a directive definition.
type Directive struct {
	Name         string
	Description  *string
	Args         []*InputValue
	IsRepeatable bool
	// Locations in the order the GraphQL specification lists them.
	Locations []string
}

// TypeRefKind tells a named type reference from the two wrappers.
type TypeRefKind uint8

// Kinds of type references.
const (
	RefNamed TypeRefKind = iota
	RefList
	RefNonNull
)

// TypeRef is a reference to a type: a named type, a list or a non-null.
type TypeRef struct {
	Kind   TypeRefKind
	Name   string   // RefNamed only
	OfType *TypeRef // RefList and RefNonNull only
}

// Named returns a reference to the named type.
func Named(name string) *TypeRef { return &TypeRef{Kind: RefNamed, Name: name} }

// ListOf returns a list of t.
func ListOf(t *TypeRef) *TypeRef { return &TypeRef{Kind: RefList, OfType: t} }

// NonNullOf returns a non-null t.
func NonNullOf(t *TypeRef) *TypeRef { return &TypeRef{Kind: RefNonNull, OfType: t} }

// String prints the reference in SDL notation: T, [T], T!.
func (t *TypeRef) String() string {
	var b strings.Builder
	t.WriteSDL(&b)
	return b.String()
}

// WriteSDL writes the reference to b as String returns it, for a caller
// building a larger text: no string of its own for each reference.
func (t *TypeRef) WriteSDL(b *strings.Builder) {
	switch t.Kind {
	case RefList:
		b.WriteByte('[')
		t.OfType.WriteSDL(b)
		b.WriteByte(']')
	case RefNonNull:
		t.OfType.WriteSDL(b)
		b.WriteByte('!')
	default:
		b.WriteString(t.Name)
	}
}

// NamedType returns the name of the type at the core of the wrappers.
func (t *TypeRef) NamedType() string {
	for t.Kind != RefNamed {
		t = t.OfType
	}
	return t.Name
}

// IsNonNull reports whether the outermost wrapper is non-null.
func (t *TypeRef) IsNonNull() bool { return t.Kind == RefNonNull }

// Equal reports whether two references print the same.
func (t *TypeRef) Equal(u *TypeRef) bool {
	for {
		if t.Kind != u.Kind {
			return false
		}
		if t.Kind == RefNamed {
			return t.Name == u.Name
		}
		t, u = t.OfType, u.OfType
	}
}

// Type returns the named type, or nil. Types is sorted, so this is a binary
// search.
func (s *Schema) Type(name string) *Type {
	i, ok := slices.BinarySearchFunc(s.Types, name, func(t *Type, name string) int {
		return strings.Compare(t.Name, name)
	})
	if !ok {
		return nil
	}
	return s.Types[i]
}

// Directive returns the named directive definition, or nil.
func (s *Schema) Directive(name string) *Directive {
	i, ok := slices.BinarySearchFunc(s.Directives, name, func(d *Directive, name string) int {
		return strings.Compare(d.Name, name)
	})
	if !ok {
		return nil
	}
	return s.Directives[i]
}

// Implementations returns the names of the object types that implement the
// named interface, sorted. This is what introspection calls an interface's
// possibleTypes.
func (s *Schema) Implementations(iface string) []string {
	var names []string
	for _, t := range s.Types {
		if t.Kind == KindObject && slices.Contains(t.Interfaces, iface) {
			names = append(names, t.Name)
		}
	}
	return names
}

// Field returns the named field of an object or interface, or nil.
func (t *Type) Field(name string) *Field {
	i, ok := slices.BinarySearchFunc(t.Fields, name, func(f *Field, name string) int {
		return strings.Compare(f.Name, name)
	})
	if !ok {
		return nil
	}
	return t.Fields[i]
}

// InputField returns the named input field of an input object, or nil.
func (t *Type) InputField(name string) *InputValue { return findInputValue(t.InputFields, name) }

// Arg returns the named argument, or nil.
func (f *Field) Arg(name string) *InputValue { return findInputValue(f.Args, name) }

// Arg returns the named argument, or nil.
func (d *Directive) Arg(name string) *InputValue { return findInputValue(d.Args, name) }

func findInputValue(list []*InputValue, name string) *InputValue {
	i, ok := slices.BinarySearchFunc(list, name, func(v *InputValue, name string) int {
		return strings.Compare(v.Name, name)
	})
	if !ok {
		return nil
	}
	return list[i]
}

// StandardScalars are the five scalars the GraphQL specification defines.
var StandardScalars = []string{"Boolean", "Float", "ID", "Int", "String"}

// IsStandardScalar reports whether name is one of the five standard scalars.
func IsStandardScalar(name string) bool {
	switch name {
	case "String", "Int", "Float", "Boolean", "ID":
		return true
	}
	return false
}

// IsSpecifiedDirective reports whether name is one of the directives the
// GraphQL specification defines. Their definitions are the server library's,
// so the model leaves them out (docs/breaking-changes.md §1.3).
func IsSpecifiedDirective(name string) bool {
	switch name {
	case "skip", "include", "deprecated", "specifiedBy", "oneOf":
		return true
	}
	return false
}

// IsIntrospectionType reports whether name is one of the eight types of the
// introspection system.
func IsIntrospectionType(name string) bool {
	switch name {
	case "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation":
		return true
	}
	return false
}

// DirectiveLocations lists every directive location in the order the GraphQL
// specification gives them; the model keeps a directive's locations in this
// order.
var DirectiveLocations = []string{
	"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
	"INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
	"ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
	"INPUT_FIELD_DEFINITION",
}

// ExecutableLocations are the directive locations inside operations.
var ExecutableLocations = DirectiveLocations[:8]

// standardScalarDescriptions are the descriptions graphql-js gives the
// standard scalars. The model always uses these, whatever a source says, so
// that SDL (which never declares them) and JSON load to the same model.
var standardScalarDescriptions = map[string]string{
	"String":  "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
	"Int":     "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
	"Float":   "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
	"Boolean": "The `Boolean` scalar type represents `true` or `false`.",
	"ID":      "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string or integer input value will be accepted as an ID.",
}

func standardScalar(name string) *Type {
	d := standardScalarDescriptions[name]
	return &Type{Kind: KindScalar, Name: name, Description: &d}
}
