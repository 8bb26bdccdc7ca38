package codegen

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// This file turns the schema model into a description of the Go
// declarations to generate: every name settled, every type spelt, every doc
// comment written. generate.go only renders it.

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

// goType is a Go type expression.
type goType struct {
	kind goTypeKind
	// name and importPath name a named type (importPath empty for the
	// package's own types and predeclared ones).
	name       string
	importPath string
	elem       *goType
}

type goTypeKind uint8

const (
	goNamed goTypeKind = iota
	goPointer
	goSlice
	goOptional
)

func (t *goType) equal(u *goType) bool {
	for {
		if t.kind != u.kind || t.name != u.name || t.importPath != u.importPath {
			return false
		}
		if t.elem == nil || u.elem == nil {
			return t.elem == u.elem
		}
		t, u = t.elem, u.elem
	}
}

func wrap(kind goTypeKind, elem *goType) *goType { return &goType{kind: kind, elem: elem} }

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
	// createdAt) recur in most types.
	goNames map[string]string
	// gettersOfOne caches gettersOf for a single interface, the list
	// most implementations have.
	gettersOfOne map[string][]*getterDecl
	// members is the scope of the type being converted (see memberScope),
	// and fieldNames a buffer for its fields' names.
	members    scope
	fieldNames []string
}

// typeInfo is a named type and its Go types. The goTypes are shared by
// every field of the type: nothing changes a goType once made.
type typeInfo struct {
	t        *schema.Type
	named    *goType // see named
	pointer  *goType // *named
	optional *goType // Optional[named]
	abstract bool    // an interface or a union
	// sliceOf caches []named and []*named, by whether the item is a
	// pointer, once a field needs one.
	sliceOf [2]*goType
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
		top:          scope{},
		abstract:     map[string]*abstractDecl{},
		structs:      map[string]*structDecl{},
		goNames:      map[string]string{},
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
	if c.members == nil {
		c.members = scope{}
	}
	clear(c.members)
	return c.members
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

// indexMembers finds, in one walk of the types, the unions each type is a
// member of and the implementations of each interface.
func (c *converter) indexMembers() {
	c.unionsOf = map[string][]string{}
	c.implementations = map[string][]string{}
	for _, t := range c.s.Types {
		for _, member := range t.PossibleTypes {
			c.unionsOf[member] = append(c.unionsOf[member], t.Name)
		}
		if t.Kind == schema.KindObject {
			for _, i := range t.Interfaces {
				// Once each, should a type name an interface twice.
				if impl := c.implementations[i]; len(impl) == 0 || impl[len(impl)-1] != t.Name {
					c.implementations[i] = append(impl, t.Name)
				}
			}
		}
	}
}

// abstractDecls declares the interfaces and unions.
func (c *converter) abstractDecls(p *pkg) {
	for _, t := range c.s.Types {
		if t.Kind == schema.KindInterface || t.Kind == schema.KindUnion {
			a := c.abstractDecl(t)
			c.abstract[t.Name] = a
			if t.Kind == schema.KindInterface {
				p.interfaces = append(p.interfaces, a)
			} else {
				p.unions = append(p.unions, a)
			}
		}
	}
}

// namedDecls declares the custom scalars, enums, inputs and objects.
func (c *converter) namedDecls(p *pkg) {
	for _, t := range c.s.Types {
		switch t.Kind {
		case schema.KindScalar:
			if !schema.IsStandardScalar(t.Name) {
				p.scalars = append(p.scalars, c.scalarDecl(t))
			}
		case schema.KindEnum:
			p.enums = append(p.enums, c.enumDecl(t))
		case schema.KindInputObject:
			p.inputs = append(p.inputs, c.inputDecl(t))
		case schema.KindObject:
			d := c.objectDecl(t)
			c.structs[t.Name] = d
			p.objects = append(p.objects, d)
		}
	}
}

// fillAbstract gives each interface and union its members, once the
// objects are declared.
func (c *converter) fillAbstract() {
	for _, t := range c.s.Types {
		a := c.abstract[t.Name]
		if a == nil {
			continue
		}
		c.fillUnknown(t, a)
		names := t.PossibleTypes
		if t.Kind == schema.KindInterface {
			names = c.implementations[t.Name]
		}
		for _, n := range names {
			a.members = append(a.members, c.structs[n])
		}
	}
}

func (c *converter) scalarDecl(t *schema.Type) *scalarDecl {
	name := c.names[t.Name]
	target, known := c.cfg.scalarGoType(t.Name, t.SpecifiedByURL)
	first := name + " is the GraphQL scalar " + t.Name + ", held as " + target.String() + "."
	if !known {
		first = name + " is the GraphQL scalar " + t.Name + ". No Go type is known for it, so it holds the JSON " +
			"value as the server sent it; generate with --bind " + t.Name + "=importpath.Type to decode it into " +
			"a type of your own."
	}
	d := append(doc{wrapText(first)}, description(t.Description)...)
	if t.SpecifiedByURL != nil {
		d = append(d, "Specified by "+*t.SpecifiedByURL+".")
	}
	return &scalarDecl{name: name, doc: d, target: target}
}

// scalarTable says which Go type holds which scalars, for the package
// doc: one line per Go type, the scalars no Go type is known for last.
func (c *converter) scalarTable() []string {
	var byType []GoType
	scalars := map[GoType][]string{}
	var unknown []string
	for _, t := range c.s.Types {
		if t.Kind != schema.KindScalar {
			continue
		}
		target, known := c.cfg.scalarGoType(t.Name, t.SpecifiedByURL)
		if !known {
			unknown = append(unknown, t.Name)
			continue
		}
		if scalars[target] == nil {
			byType = append(byType, target)
		}
		scalars[target] = append(scalars[target], t.Name)
	}
	slices.SortFunc(byType, func(a, b GoType) int { return strings.Compare(a.String(), b.String()) })
	var lines []string
	for _, t := range byType {
		lines = append(lines, t.String()+": "+strings.Join(scalars[t], ", "))
	}
	if len(unknown) > 0 {
		lines = append(lines, rawJSON.String()+", the JSON as the server sent it, for the scalars no Go type "+
			"is known for: "+strings.Join(unknown, ", "))
	}
	return lines
}

func (c *converter) enumDecl(t *schema.Type) *enumDecl {
	name := c.names[t.Name]
	e := &enumDecl{
		name: name,
		doc:  c.typeDoc(t),
		all:  c.top.claim("All" + name),
	}
	for _, v := range t.EnumValues {
		e.values = append(e.values, &enumValueDecl{
			name:  c.top.claim(name + c.spell.camel(v.Name)),
			value: v.Name,
			doc:   appendDeprecation(description(v.Description), v.IsDeprecated, v.DeprecationReason),
		})
	}
	return e
}

func (c *converter) inputDecl(t *schema.Type) *structDecl {
	d := &structDecl{name: c.names[t.Name], graphQLName: t.Name, doc: c.typeDoc(t), oneOf: t.IsOneOf}
	members := c.memberScope()
	members.reserve("MarshalJSON", "UnmarshalJSON")
	ids := c.claimMembers(members, inputValueNames(t.InputFields), "")
	decls := make([]fieldDecl, len(t.InputFields))
	d.fields = make([]*fieldDecl, len(t.InputFields))
	for i, v := range t.InputFields {
		typ, optional := c.inputFieldType(v)
		fd := description(v.Description)
		if v.DefaultValue != nil {
			fd = append(fd, "The server uses "+*v.DefaultValue+" when the field is absent.")
		}
		decls[i] = fieldDecl{
			name:     ids[i],
			jsonName: v.Name,
			typ:      typ,
			omitzero: optional,
			doc:      appendDeprecation(fd, v.IsDeprecated, v.DeprecationReason),
		}
		d.fields[i] = &decls[i]
	}
	return d
}

func (c *converter) objectDecl(t *schema.Type) *structDecl {
	d := &structDecl{name: c.names[t.Name], graphQLName: t.Name, doc: c.typeDoc(t)}
	for _, n := range append(slices.Clone(t.Interfaces), c.unionsOf[t.Name]...) {
		d.markers = append(d.markers, c.abstract[n].marker)
	}
	c.fillFields(d, t.Fields, c.gettersOf(t.Interfaces), nil)
	return d
}

// fillUnknown describes the member of an interface or union that stands
// for a type the package does not know. An interface's has the interface's
// fields, so that its getters work on it too.
func (c *converter) fillUnknown(t *schema.Type, a *abstractDecl) {
	d := a.unknown
	what := "a member of the union"
	if t.Kind == schema.KindInterface {
		what = "an implementation of the interface"
	}
	d.doc = doc{wrapText(d.name + " is " + what + " " + t.Name + " that this package does not know: a type the " +
		"server added after the package was generated. Raw holds the object as the server sent it, and " +
		"encoding writes Raw back unchanged.")}
	var fields []*schema.Field
	var interfaces []string
	if t.Kind == schema.KindInterface {
		fields = t.Fields
		interfaces = append([]string{t.Name}, t.Interfaces...)
		for _, n := range t.Interfaces {
			d.markers = append(d.markers, c.abstract[n].marker)
		}
	}
	c.fillFields(d, fields, c.gettersOf(interfaces), []string{"Raw"})
}

// fillFields gives an object-like struct its Typename field, its fields,
// and the getters of its interfaces, whose names it must keep free.
func (c *converter) fillFields(d *structDecl, fields []*schema.Field, getters []*getterDecl, reserved []string) {
	members := c.memberScope()
	members.reserve("Typename", "MarshalJSON", "UnmarshalJSON")
	members.reserve(reserved...)
	for _, g := range getters {
		members.reserve(g.name)
	}
	// The Typename field and the fields, in one allocation.
	decls := make([]fieldDecl, len(fields)+1)
	decls[0] = fieldDecl{name: "Typename", jsonName: "__typename", typ: stringType}
	d.typename = &decls[0]
	names := c.fieldNames[:0]
	for _, f := range fields {
		names = append(names, f.Name)
	}
	ids := c.claimMembers(members, names, "")
	c.fieldNames = names
	d.fields = make([]*fieldDecl, len(fields))
	for i, f := range fields {
		fd := description(f.Description)
		if len(f.Args) > 0 {
			fd = append(fd, "Arguments: ("+argumentList(f.Args)+").")
		}
		decls[i+1] = fieldDecl{
			name:     ids[i],
			jsonName: f.Name,
			typ:      c.outputType(f.Type),
			doc:      appendDeprecation(fd, f.IsDeprecated, f.DeprecationReason),
			abstract: c.abstract[f.Type.NamedType()],
		}
		d.fields[i] = &decls[i+1]
	}
	impls := make([]getterDecl, len(getters))
	d.getters = make([]*getterDecl, len(getters))
	for i, g := range getters {
		impls[i] = *g
		if j := slices.Index(names, g.field); j >= 0 {
			impls[i].goField = ids[j]
		}
		d.getters[i] = &impls[i]
	}
}

// stringType is the Go type string.
var stringType = &goType{name: "string"}

func (c *converter) abstractDecl(t *schema.Type) *abstractDecl {
	name := c.names[t.Name]
	a := &abstractDecl{
		name:        name,
		graphQLName: t.Name,
		marker:      "is" + name,
		decoder:     c.top.claim("unmarshal" + name),
	}
	a.unknown = &structDecl{
		name:        c.top.claim("Unknown" + name),
		graphQLName: t.Name,
		unknownOf:   a,
		markers:     []string{a.marker},
	}
	var members []string
	if t.Kind == schema.KindInterface {
		members = c.implementations[t.Name]
		for _, n := range t.Interfaces {
			a.embeds = append(a.embeds, c.names[n])
		}
	} else {
		members = t.PossibleTypes
	}
	implementedBy := make([]string, 0, len(members))
	for _, m := range members {
		implementedBy = append(implementedBy, "*"+c.names[m])
	}
	first := name + " is the GraphQL " + kindNoun(t.Kind) + " " + t.Name + ". It is implemented by "
	if len(implementedBy) > 0 {
		first += listPhrase(implementedBy) + ", and by "
	}
	first += "*" + a.unknown.name + " for a type the server adds later; decoding picks one by __typename."
	a.doc = append(doc{wrapText(first)}, description(t.Description)...)
	return a
}

// planGetters decides which interface fields get a getter. A getter must
// have one Go type in the interface and in every implementation (GraphQL
// lets an implementation narrow a field's type), and one name must not
// stand for two fields in a type that implements several interfaces.
func (c *converter) planGetters() {
	c.declareGetters()
	drop := c.conflictingGetters()
	for _, getters := range c.getters {
		for field, g := range getters {
			if drop[g] {
				delete(getters, field)
			}
		}
	}
	c.attachGetters()
}

// declareGetters names a getter for every field of every interface.
func (c *converter) declareGetters() {
	c.getters = map[string]map[string]*getterDecl{}
	for _, t := range c.s.Types {
		if t.Kind != schema.KindInterface {
			continue
		}
		methods := scope{}
		names := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = f.Name
		}
		ids := c.claimMembers(methods, names, "Get")
		getters := make(map[string]*getterDecl, len(t.Fields))
		decls := make([]getterDecl, len(t.Fields))
		for i, f := range t.Fields {
			decls[i] = getterDecl{name: ids[i], field: f.Name, typ: c.outputType(f.Type)}
			getters[f.Name] = &decls[i]
		}
		c.getters[t.Name] = getters
	}
}

// conflictingGetters returns the getters some implementing type cannot have:
// its field has another Go type, or the getter's name stands for another
// field of another of its interfaces.
func (c *converter) conflictingGetters() map[*getterDecl]bool {
	drop := map[*getterDecl]bool{}
	for t, interfaces := range c.implementors() {
		byName := map[string][]*getterDecl{}
		for _, i := range interfaces {
			for _, g := range c.getters[i] {
				if f := t.Field(g.field); f == nil || !c.outputType(f.Type).equal(g.typ) {
					drop[g] = true
				}
				byName[g.name] = append(byName[g.name], g)
			}
		}
		for _, same := range byName {
			if slices.ContainsFunc(same, func(g *getterDecl) bool { return g.field != same[0].field }) {
				for _, g := range same {
					drop[g] = true
				}
			}
		}
	}
	return drop
}

// implementors lists, for each type that implements interfaces, the
// interfaces (an interface's unknown member implements the interface
// itself as well as those it implements).
func (c *converter) implementors() map[*schema.Type][]string {
	implementors := map[*schema.Type][]string{}
	for _, t := range c.s.Types {
		switch t.Kind {
		case schema.KindObject:
			implementors[t] = t.Interfaces
		case schema.KindInterface:
			implementors[t] = append([]string{t.Name}, t.Interfaces...)
		}
	}
	return implementors
}

// attachGetters gives each interface's Go type the getters it declares
// itself, not those of the interfaces it implements.
func (c *converter) attachGetters() {
	for _, a := range c.abstract {
		t := c.s.Type(a.graphQLName)
		if t.Kind != schema.KindInterface {
			continue
		}
		inherited := map[string]bool{}
		for _, g := range c.gettersOf(t.Interfaces) {
			inherited[g.name] = true
		}
		for _, g := range c.gettersOf([]string{t.Name}) {
			if !inherited[g.name] {
				a.getters = append(a.getters, g)
			}
		}
	}
}

// gettersOf returns the getters of the named interfaces, sorted by name,
// each once.
func (c *converter) gettersOf(interfaces []string) []*getterDecl {
	if len(interfaces) == 0 {
		return nil
	}
	if len(interfaces) == 1 {
		out, ok := c.gettersOfOne[interfaces[0]]
		if !ok {
			out = c.gettersOfAll(interfaces)
			c.gettersOfOne[interfaces[0]] = out
		}
		return out
	}
	return c.gettersOfAll(interfaces)
}

// gettersOfAll is gettersOf, found anew.
func (c *converter) gettersOfAll(interfaces []string) []*getterDecl {
	var out []*getterDecl
	seen := map[string]bool{}
	for _, i := range interfaces {
		for _, g := range c.getters[i] {
			if !seen[g.name] {
				seen[g.name] = true
				out = append(out, g)
			}
		}
	}
	slices.SortFunc(out, func(a, b *getterDecl) int { return strings.Compare(a.name, b.name) })
	return out
}

// named returns the Go type of a named GraphQL type.
func (c *converter) named(name string) *goType { return c.types[name].named }

// namedOf is the Go type of t: its Go type if a standard or bound scalar,
// else the package's.
func (c *converter) namedOf(t *schema.Type) *goType {
	if t.Kind == schema.KindScalar {
		if _, bound := c.cfg.Bindings[t.Name]; bound || schema.IsStandardScalar(t.Name) {
			g, _ := c.cfg.scalarGoType(t.Name, t.SpecifiedByURL)
			return &goType{name: g.Name, importPath: g.ImportPath}
		}
	}
	return &goType{name: c.names[t.Name]}
}

func (c *converter) isAbstract(name string) bool { return c.types[name].abstract }

// outputType is the Go type of an object field. Nullable fields are
// pointers, lists slices, interfaces and unions Go interfaces (nil for
// null). A field of an object type is a pointer even when it is non-null:
// object types refer to each other in cycles, which struct values cannot,
// and a response selects a few fields of an object, so a value would be
// sized for the whole graph behind it.
func (c *converter) outputType(ref *schema.TypeRef) *goType {
	core := ref
	if ref.IsNonNull() {
		core = ref.OfType
	}
	if core.Kind == schema.RefList {
		return c.sliceType(core)
	}
	ti := c.types[core.Name]
	if ti.abstract || (ref.IsNonNull() && ti.t.Kind != schema.KindObject) {
		return ti.named
	}
	return ti.pointer
}

// inputFieldType is the Go type of an input field, and whether it is
// Optional: a field the server lets you leave out (nullable, or with a
// default) is, and a required one is a plain value.
func (c *converter) inputFieldType(v *schema.InputValue) (*goType, bool) {
	if v.Type.IsNonNull() && v.DefaultValue == nil {
		return c.valueType(v.Type.OfType), false
	}
	core := v.Type
	if core.IsNonNull() {
		core = core.OfType
	}
	if core.Kind != schema.RefList {
		return c.types[core.Name].optional, true
	}
	return wrap(goOptional, c.valueType(core)), true
}

// valueType is the Go type of a value of ref (its outer nullability
// aside), in an input.
func (c *converter) valueType(ref *schema.TypeRef) *goType {
	if ref.Kind == schema.RefList {
		return c.sliceType(ref)
	}
	return c.named(ref.Name)
}

// sliceType is the Go type of list, a list type: a slice of its items'
// Go type, made once for a list of a named type.
func (c *converter) sliceType(list *schema.TypeRef) *goType {
	item := list.OfType
	core := item
	if core.IsNonNull() {
		core = core.OfType
	}
	if core.Kind == schema.RefList {
		return wrap(goSlice, c.elemType(item))
	}
	elem := c.elemType(item)
	ti := c.types[core.Name]
	i := 0
	if elem == ti.pointer {
		i = 1
	}
	if ti.sliceOf[i] == nil {
		ti.sliceOf[i] = wrap(goSlice, elem)
	}
	return ti.sliceOf[i]
}

// elemType is the Go type of a list item: a pointer when the item is
// nullable, unless nil already says null (slices, interfaces).
func (c *converter) elemType(ref *schema.TypeRef) *goType {
	if ref.IsNonNull() {
		return c.valueType(ref.OfType)
	}
	if ref.Kind == schema.RefList || c.isAbstract(ref.Name) {
		return c.valueType(ref)
	}
	return c.types[ref.Name].pointer
}

// typeDoc is the doc comment of a named type: what it is, then its
// description.
func (c *converter) typeDoc(t *schema.Type) doc {
	first := c.names[t.Name] + " is the GraphQL " + kindNoun(t.Kind) + " " + t.Name + "."
	if t.IsOneOf {
		first += " It is a @oneOf input object: set exactly one of its fields, to a value; encoding fails otherwise."
	}
	return append(doc{wrapText(first)}, description(t.Description)...)
}

// description turns a GraphQL description into a doc paragraph.
func description(d *string) doc {
	if d == nil {
		return nil
	}
	text := *d
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	// Room for the paragraphs a member's doc adds: arguments or a
	// default, and a deprecation.
	return append(make(doc, 0, 3), text)
}

// deprecation is the "Deprecated:" paragraph linters and editors look for.
func deprecation(deprecated bool, reason *string) doc {
	if !deprecated {
		return nil
	}
	r := description(reason)
	if r == nil {
		r = doc{"No longer supported"} // GraphQL's default reason
	}
	return doc{"Deprecated: " + r[0]}
}

// appendDeprecation appends deprecation(deprecated, reason) to d.
func appendDeprecation(d doc, deprecated bool, reason *string) doc {
	if !deprecated {
		return d
	}
	return append(d, deprecation(deprecated, reason)...)
}

func argumentList(args []*schema.InputValue) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.Name)
		b.WriteString(": ")
		b.WriteString(a.Type.String())
		if a.DefaultValue != nil {
			b.WriteString(" = ")
			b.WriteString(*a.DefaultValue)
		}
	}
	return b.String()
}

func inputValueNames(vs []*schema.InputValue) []string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Name
	}
	return names
}

// listPhrase joins words as prose: "a", "a and b", "a, b and c".
func listPhrase(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// wordsOf yields the words of text as strings.Fields splits them, without
// making a slice of them.
func wordsOf(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if !isASCII(text) {
			for i, w := range strings.Fields(text) {
				if !yield(i, w) {
					return
				}
			}
			return
		}
		i, start := 0, -1
		for j := 0; j <= len(text); j++ {
			if j < len(text) && !asciiSpace(text[j]) {
				if start < 0 {
					start = j
				}
				continue
			}
			if start >= 0 {
				if !yield(i, text[start:j]) {
					return
				}
				i, start = i+1, -1
			}
		}
	}
}

// singleSpaced reports whether text is ASCII words each separated by one
// space: what wrapAt makes of it, on one line.
func singleSpaced(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf || asciiSpace(c) && (c != ' ' || i == 0 || i == len(text)-1 || text[i-1] == ' ') {
			return false
		}
	}
	return true
}

// asciiSpace reports whether c is white space, as unicode.IsSpace says of
// ASCII.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// wrapText breaks generated prose into lines of at most 76 characters, for
// doc comments of the usual width.
func wrapText(text string) string { return wrapAt(text, 76) }

// wrapAt breaks text into lines of at most width characters, words
// allowing.
func wrapAt(text string, width int) string {
	if len(text) <= width && singleSpaced(text) {
		return text // one line, as it is
	}
	var b strings.Builder
	b.Grow(len(text))
	n := 0
	for i, w := range wordsOf(text) {
		if i > 0 {
			if n+1+len(w) > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
