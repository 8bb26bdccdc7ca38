package diff

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Default values are compared by their coerced values
// (docs/breaking-changes.md, "Comparing texts and defaults"): what
// graphql-js 16 computes with valueFromAST when it builds a schema from an
// introspection result. Each default is coerced against its input value's
// type in its own snapshot, so that `[Int] = 1` equals `[Int] = [1]`,
// `ID = 1` equals `ID = "1"`, and an input-object default absorbs the
// defaults of the fields it omits.
//
// Coerced values are held as graphql-js holds them: nil (null), float64 (every
// number), string, bool, []any and map[string]any.

// defaults coerces the defaults of one schema. It remembers the coerced
// defaults of input fields, which input-object defaults read again and
// again, and guards against input types whose field defaults refer to
// themselves.
type defaults struct {
	schema *schema.Schema
	// fields holds the coerced default of every input value asked about;
	// nil until the first.
	fields map[*schema.InputValue]*coercion
	// literals holds every default literal parsed so far, nil for one that
	// does not parse. The two sides of a comparison share it: big APIs
	// repeat a few literals ("10", "false", "{direction: ASC}") thousands
	// of times.
	literals *literalCache
	// compared holds, on the old side, the outcome of comparing one
	// literal against one type in both schemas, for the types that
	// sameCoercion could not vouch for; nil until the first.
	compared map[literalType]comparison
	// same holds, on the old side, what is known of which types coerce
	// alike in both schemas.
	same sameCoercion
}

// literalCache is the parsed default literals of a comparison; the map is
// made on the first parse, which many comparisons never need.
type literalCache struct{ parsed map[string]*ast.Value }

type literalType struct{ literal, typ string }

type comparison struct{ changed, required bool }

type coercion struct {
	value any
	ok    bool // false: no default, or an invalid one
	done  bool // false while being computed (a cycle)
}

func newDefaults(s *schema.Schema) *defaults {
	return &defaults{schema: s, literals: &literalCache{}}
}

// parse returns a default literal's syntax tree, or nil when it does not
// parse.
func (d *defaults) parse(literal string) *ast.Value {
	if v, seen := d.literals.parsed[literal]; seen {
		return v
	}
	v, err := schema.ParseValue(literal)
	if err != nil {
		v = nil
	}
	if d.literals.parsed == nil {
		d.literals.parsed = map[string]*ast.Value{}
	}
	d.literals.parsed[literal] = v
	return v
}

// of returns the coerced default of an argument, input field or directive
// argument, and false when it has none: no default, or one that does not
// coerce (graphql-js drops an invalid default).
func (d *defaults) of(v *schema.InputValue) (any, bool) {
	if v.DefaultValue == nil {
		return nil, false
	}
	if c, seen := d.fields[v]; seen {
		return c.value, c.ok && c.done
	}
	c := &coercion{}
	if d.fields == nil {
		d.fields = map[*schema.InputValue]*coercion{}
	}
	d.fields[v] = c
	if lit := d.parse(*v.DefaultValue); lit != nil {
		c.value, c.ok = d.coerce(lit, v.Type)
	}
	c.done = true
	return c.value, c.ok
}

var errInvalid = errors.New("invalid value")

// coerce is graphql-js's valueFromAST for a constant literal.
func (d *defaults) coerce(v *ast.Value, t *schema.TypeRef) (any, bool) {
	if t.Kind == schema.RefNonNull {
		if v.Kind == ast.NullValue {
			return nil, false
		}
		return d.coerce(v, t.OfType)
	}
	if v.Kind == ast.NullValue {
		return nil, true
	}
	if t.Kind == schema.RefList {
		if v.Kind != ast.ListValue {
			item, ok := d.coerce(v, t.OfType)
			if !ok {
				return nil, false
			}
			return []any{item}, true
		}
		list := make([]any, 0, len(v.Children))
		for _, c := range v.Children {
			item, ok := d.coerce(c.Value, t.OfType)
			if !ok {
				return nil, false
			}
			list = append(list, item)
		}
		return list, true
	}
	named := d.schema.Type(t.Name)
	if named == nil {
		return nil, false
	}
	switch named.Kind {
	case schema.KindInputObject:
		return d.coerceObject(v, named)
	case schema.KindEnum:
		if v.Kind != ast.EnumValue || !hasEnumValue(named, v.Raw) {
			return nil, false
		}
		return v.Raw, true
	case schema.KindScalar:
		x, err := parseScalar(named.Name, v)
		return x, err == nil
	}
	return nil, false // not an input type
}

func (d *defaults) coerceObject(v *ast.Value, t *schema.Type) (any, bool) {
	if v.Kind != ast.ObjectValue {
		return nil, false
	}
	given := make(map[string]*ast.Value, len(v.Children))
	for _, c := range v.Children {
		given[c.Name] = c.Value // the last of repeated keys wins, as in graphql-js
	}
	obj := make(map[string]any, len(t.InputFields))
	for _, f := range t.InputFields {
		lit, ok := given[f.Name]
		if !ok {
			if def, ok := d.of(f); ok {
				obj[f.Name] = def
			} else if f.Type.IsNonNull() {
				return nil, false
			}
			continue
		}
		x, ok := d.coerce(lit, f.Type)
		if !ok {
			return nil, false
		}
		obj[f.Name] = x
	}
	if t.IsOneOf {
		if len(obj) != 1 {
			return nil, false
		}
		for _, x := range obj {
			if x == nil {
				return nil, false
			}
		}
	}
	return obj, true
}

func hasEnumValue(t *schema.Type, name string) bool {
	for _, v := range t.EnumValues {
		if v.Name == name {
			return true
		}
	}
	return false
}

// parseScalar is the parseLiteral of graphql-js's standard scalars, and
// valueFromASTUntyped for custom scalars (which buildClientSchema gives no
// parser of their own).
func parseScalar(name string, v *ast.Value) (any, error) {
	switch name {
	case "Int":
		if v.Kind != ast.IntValue {
			return nil, errInvalid
		}
		n, err := parseNumber(v.Raw)
		if err != nil || n > math.MaxInt32 || n < math.MinInt32 {
			return nil, errInvalid
		}
		return n, nil
	case "Float":
		if v.Kind != ast.IntValue && v.Kind != ast.FloatValue {
			return nil, errInvalid
		}
		return parseNumber(v.Raw)
	case "String":
		if v.Kind != ast.StringValue && v.Kind != ast.BlockValue {
			return nil, errInvalid
		}
		return v.Raw, nil
	case "Boolean":
		if v.Kind != ast.BooleanValue {
			return nil, errInvalid
		}
		return v.Raw == "true", nil
	case "ID":
		if v.Kind != ast.StringValue && v.Kind != ast.BlockValue && v.Kind != ast.IntValue {
			return nil, errInvalid
		}
		return v.Raw, nil
	}
	return untyped(v)
}

func untyped(v *ast.Value) (any, error) {
	switch v.Kind {
	case ast.NullValue:
		return nil, nil
	case ast.IntValue, ast.FloatValue:
		return parseNumber(v.Raw)
	case ast.StringValue, ast.BlockValue, ast.EnumValue:
		return v.Raw, nil
	case ast.BooleanValue:
		return v.Raw == "true", nil
	case ast.ListValue:
		list := make([]any, 0, len(v.Children))
		for _, c := range v.Children {
			x, err := untyped(c.Value)
			if err != nil {
				return nil, err
			}
			list = append(list, x)
		}
		return list, nil
	case ast.ObjectValue:
		obj := make(map[string]any, len(v.Children))
		for _, c := range v.Children {
			x, err := untyped(c.Value)
			if err != nil {
				return nil, err
			}
			obj[c.Name] = x
		}
		return obj, nil
	}
	return nil, errInvalid
}

// parseNumber reads a GraphQL number as a JavaScript number: a double,
// infinite when out of range.
func parseNumber(raw string) (float64, error) {
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, errInvalid
	}
	return n, nil
}

// sameValue compares coerced values as Inspector 8 does: numbers with
// Object.is (so 1.0 equals 1, but 0 does not equal -0), lists element by
// element, objects by their keys and the value under each key.
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case float64:
		b, ok := b.(float64)
		return ok && (a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b))
	case string:
		b, ok := b.(string)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	case []any:
		b, ok := b.([]any)
		return ok && sameList(a, b)
	case map[string]any:
		b, ok := b.(map[string]any)
		return ok && sameObject(a, b)
	}
	return false
}

func sameList(a, b []any) bool {
	return slices.EqualFunc(a, b, sameValue)
}

func sameObject(a, b map[string]any) bool {
	return maps.EqualFunc(a, b, sameValue)
}

// defaultChange compares the defaults of an input value present in both
// schemas. changed says whether the coerced defaults differ; required says
// the value had a default and, being non-null without one now, has just
// become required (docs/breaking-changes.md D2).
func defaultChange(oldDefs, newDefs *defaults, old, new *schema.InputValue) (changed, required bool) {
	if old.DefaultValue == nil && new.DefaultValue == nil {
		return false, false
	}
	if old.DefaultValue != nil && new.DefaultValue != nil && *old.DefaultValue == *new.DefaultValue && old.Type.Equal(new.Type) {
		// The same literal coerced against the same type gives the same
		// value on each side, whichever value it belongs to: when the
		// type coerces alike in both schemas, the same value on both
		// sides too; otherwise compare once per literal and type.
		if oldDefs.sameCoercion(newDefs.schema).of(old.Type.NamedType()) {
			return false, false
		}
		key := literalType{*old.DefaultValue, old.Type.String()}
		if r, seen := oldDefs.compared[key]; seen {
			return r.changed, r.required
		}
		if oldDefs.compared == nil {
			oldDefs.compared = map[literalType]comparison{}
		}
		defer func() { oldDefs.compared[key] = comparison{changed, required} }()
	}
	ov, oldOK := oldDefs.of(old)
	nv, newOK := newDefs.of(new)
	switch {
	case oldOK != newOK:
		return true, oldOK && new.Type.IsNonNull()
	case !oldOK:
		return false, false
	}
	return !sameValue(ov, nv), false
}

// sameCoercion returns what the old side knows of the types that coerce
// alike in its schema and new.
func (d *defaults) sameCoercion(new *schema.Schema) *sameCoercion {
	if d.same.old == nil {
		d.same = sameCoercion{old: d.schema, new: new}
	}
	return &d.same
}
