package codegen

import "github.com/schemawatch/schemawatch/internal/schema"

// The Go types of fields, inputs and list items (see convert.go).

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

// stringType is the Go type string.
var stringType = &goType{name: "string"}

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
