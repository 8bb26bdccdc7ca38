package codegen

import (
	"slices"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file and the other convert*.go files turn the schema model into a
// description of the Go declarations to generate: every name settled,
// every type spelt, every doc comment written. generate.go only renders
// it. Here: the declarations and the converter; convert_decls.go the
// scalars, enums, inputs and objects; convert_abstract.go the interfaces
// and unions and their getters; convert_gotypes.go the Go types of
// fields; convert_doc.go the doc comments' prose.

// pkg is the generated package.
type pkg struct {
	name       string
	scalars    []*scalarDecl
	enums      []*enumDecl
	inputs     []*structDecl
	objects    []*structDecl
	interfaces []*abstractDecl
	unions     []*abstractDecl
	// scalarTable says which Go type holds which scalars, for the package
	// doc.
	scalarTable []string
	// operations are the client's operations that validate; skipped, those
	// that do not (see Config.SkipInvalidOperations).
	operations []*operationDecl
	skipped    []InvalidOperation
}

// doc is a doc comment: paragraphs of lines.
type doc []string

// scalarDecl is a custom scalar: an alias of its Go type.
type scalarDecl struct {
	name   string
	doc    doc
	target GoType
}

type enumDecl struct {
	name   string
	doc    doc
	all    string // the All<Enum> variable
	values []*enumValueDecl
}

type enumValueDecl struct {
	name  string // the constant
	value string
	doc   doc
}

// structDecl is an object type, an input object, or the unknown member of
// an interface or union.
type structDecl struct {
	name        string
	graphQLName string
	doc         doc
	// typename is the Typename field: every object and unknown member has
	// one, so that __typename decodes into it.
	typename *fieldDecl
	fields   []*fieldDecl
	// unknownOf is set on the unknown member of an interface or union: it
	// keeps the JSON it was decoded from in a Raw field and encodes as that.
	unknownOf *abstractDecl
	// oneOf is set on @oneOf input objects: encoding checks that exactly
	// one field holds a value.
	oneOf bool
	// markers are the marker methods of the interfaces and unions the type
	// is a member of.
	markers []string
	getters []*getterDecl
}

// hasAbstractFields reports whether decoding the struct needs its own
// UnmarshalJSON to decode interface and union fields by __typename.
func (d *structDecl) hasAbstractFields() bool {
	return slices.ContainsFunc(d.fields, func(f *fieldDecl) bool { return f.abstract != nil })
}

type fieldDecl struct {
	name     string
	jsonName string
	typ      *goType
	doc      doc
	// omitzero is set on input fields that may be absent (Optional).
	omitzero bool
	// abstract is the interface or union at the core of the field's type,
	// which decoding dispatches on __typename.
	abstract *abstractDecl
}

// jsonTag is the field's json struct tag in d: its name, and what lets
// encoding leave it out (an Optional input field's zero, an empty
// __typename).
func (fd *fieldDecl) jsonTag(d *structDecl) string { return fd.jsonName + fd.jsonTagOption(d) }

// jsonTagOption is the option of the field's json tag in d, such as
// ",omitzero", or empty.
func (fd *fieldDecl) jsonTagOption(d *structDecl) string {
	switch {
	case fd.omitzero:
		return ",omitzero"
	case fd == d.typename:
		return ",omitempty"
	}
	return ""
}

// getterDecl is a method of an interface that returns one of its fields.
type getterDecl struct {
	name  string
	field string // the GraphQL field
	typ   *goType
	// goField is the Go field it returns, in an implementing struct.
	goField string
}

// abstractDecl is an interface or union: a Go interface with a marker
// method, implemented by its members and by its unknown member.
type abstractDecl struct {
	name        string
	graphQLName string
	doc         doc
	marker      string   // the unexported method every member declares
	embeds      []string // the Go interfaces of the interfaces it implements
	getters     []*getterDecl
	members     []*structDecl // in GraphQL name order
	unknown     *structDecl
	decoder     string // the function that decodes it by __typename
}

// converter holds what converting one schema needs.
type converter struct {
	s        *schema.Schema
	cfg      *Config
	spell    spellings         // how names spell brands
	top      scope             // the package's top-level identifiers
	names    map[string]string // GraphQL type name → Go identifier
	abstract map[string]*abstractDecl
	structs  map[string]*structDecl // objects by GraphQL name
	// getters are the interfaces' getters by interface, then field.
	getters map[string]map[string]*getterDecl
	// unionsOf names the unions each object type is a member of, and
	// implementations the object types that implement each interface
	// (s.Implementations, found once for all interfaces rather than by a
	// walk of every type for each).
	unionsOf        map[string][]string
	implementations map[string][]string
	// types holds what converting needs of each named type, found once
	// per schema: its fields' types are spelt from it for every field.
	types map[string]*typeInfo
	// goNames caches spell.goName: the same field names (id, name,
	// createdAt) recur in most types; camels spell.camel.
	goNames, camels map[string]string
	// gettersOfOne caches gettersOf for a single interface, the list
	// most implementations have.
	gettersOfOne map[string][]*getterDecl
	// members is the scope of the type being converted (see memberScope),
	// and fieldNames a buffer for its fields' names.
	members    scope
	fieldNames []string
}

// convert describes the Go package for s.
func convert(s *schema.Schema, cfg *Config) *pkg { return convertAll(s, cfg, nil) }

// convertAll describes the Go package for s and the operations, which
// take their names after the schema's, so that the schema-wide types are
// named the same with operations or without.
func convertAll(s *schema.Schema, cfg *Config, ops []*checkedOperation) *pkg {
	c := newConverter(s, cfg)
	p := &pkg{name: cfg.Package, scalarTable: c.scalarTable()}
	c.indexMembers()
	// Abstract types first: objects need their markers, decoders and
	// getters.
	c.abstractDecls(p)
	c.planGetters()
	c.namedDecls(p)
	c.fillAbstract()
	p.operations = c.operationDecls(ops, claimOperationRoots(c.top, ops, c.spell))
	return p
}

// newConverter claims a Go name for every type the package declares.
func newConverter(s *schema.Schema, cfg *Config) *converter {
	c := &converter{
		s:            s,
		cfg:          cfg,
		spell:        cfg.spellings(),
		top:          make(scope, topScopeSize(s)),
		abstract:     map[string]*abstractDecl{},
		structs:      map[string]*structDecl{},
		goNames:      map[string]string{},
		camels:       map[string]string{},
		gettersOfOne: map[string][]*getterDecl{},
	}
	c.top.reserve(supportNames()...)
	named := make([]string, 0, len(s.Types))
	for _, t := range s.Types {
		if !(t.Kind == schema.KindScalar && schema.IsStandardScalar(t.Name)) {
			named = append(named, t.Name)
		}
	}
	c.names = c.spell.claimAll(c.top, named, "")
	c.types = make(map[string]*typeInfo, len(s.Types))
	infos := make([]typeInfo, len(s.Types))
	for i, t := range s.Types {
		g := c.namedOf(t)
		c.types[t.Name] = &infos[i]
		infos[i] = typeInfo{
			t:        t,
			named:    g,
			pointer:  wrap(goPointer, g),
			optional: wrap(goOptional, g),
			abstract: t.Kind == schema.KindInterface || t.Kind == schema.KindUnion,
		}
	}
	return c
}

// memberScope returns an empty scope for one type's members: the same
// map each time, emptied, since no type's scope outlives its conversion.
func (c *converter) memberScope() scope {
	// Clearing a map costs its capacity: after a type of many members,
	// a new one.
	if len(c.members) > 64 || c.members == nil {
		c.members = scope{}
	}
	clear(c.members)
	return c.members
}

// camel is spell.camel(name), spelt once per schema: enums share values
// (ASC, ACTIVE, NONE).
func (c *converter) camel(name string) string {
	id, ok := c.camels[name]
	if !ok {
		id = c.spell.camel(name)
		c.camels[name] = id
	}
	return id
}

// topScopeSize is about how many top-level names the package declares:
// a type, an All<Enum>, and a constant for each enum value, and the
// Unknown member and decoder of each interface and union.
func topScopeSize(s *schema.Schema) int {
	n := 2*len(s.Types) + len(supportNames())
	for _, t := range s.Types {
		n += len(t.EnumValues)
	}
	return n
}

// goName is spell.goName(name), spelt once per schema.
func (c *converter) goName(name string) string {
	id, ok := c.goNames[name]
	if !ok {
		id = c.spell.goName(name)
		c.goNames[name] = id
	}
	return id
}

// claimMembers gives each GraphQL name its Go identifier in s, as
// spell.claimAll does, in a slice parallel to names.
func (c *converter) claimMembers(s scope, names []string, prefix string) []string {
	ids := make([]string, len(names))
	for _, respelt := range []bool{false, true} {
		for i, n := range names {
			if spelt := c.goName(n); (spelt != n) == respelt {
				ids[i] = s.claim(prefix + spelt)
			}
		}
	}
	return ids
}
