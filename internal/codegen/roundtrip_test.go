package codegen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// TestWireRoundTrip synthesises JSON values of every object and input type
// from the schema (every field present, nulls where nullable in one value
// and values in another, every enum value and every member of a list of
// interfaces or unions, plus a member the package does not know), decodes
// each into its generated type with unknown fields disallowed, encodes it
// back and compares. The decoding runs in testdata/roundtrip, built in a
// temporary module beside the generated packages.
//
// Below a type's own UnmarshalJSON (that of a struct with interface fields,
// or of an Optional) encoding/json cannot pass DisallowUnknownFields on;
// comparing the re-encoded JSON with the original still catches any field
// the Go types miss, as a missing field does not come back.
func TestWireRoundTrip(t *testing.T) {
	t.Run("fixtures", func(t *testing.T) {
		m := newGoModule(t)
		cases := map[string][]any{}
		var registry []registryEntry
		for _, fx := range fixtures {
			s := loadFixture(t, fx.name)
			m.addPackage(fx.name, generate(t, s, fx.cfg))
			registry = append(registry, addSamples(cases, fx.name, s, &fx.cfg)...)
		}
		runRoundTrip(t, m, registry, cases)
	})
	t.Run("railway", func(t *testing.T) {
		s := newestRailway(t)
		cfg := Config{Package: "railway"}
		m := newGoModule(t)
		m.addPackage("railway", generate(t, s, cfg))
		cases := map[string][]any{}
		runRoundTrip(t, m, addSamples(cases, "railway", s, &cfg), cases)
	})
}

// registryEntry is one generated type the round trip decodes into.
type registryEntry struct {
	pkg, goName, key string
}

// addSamples adds the sample values of every object and input type of s to
// cases, under "pkg.GraphQLName", and returns the types to register.
func addSamples(cases map[string][]any, pkgName string, s *schema.Schema, cfg *Config) []registryEntry {
	p := convert(s, cfg)
	smp := &sampler{s: s, cfg: cfg}
	var entries []registryEntry
	for _, d := range append(p.objects, p.inputs...) {
		key := pkgName + "." + d.graphQLName
		entries = append(entries, registryEntry{pkgName, d.name, key})
		cases[key] = smp.samples(s.Type(d.graphQLName))
	}
	return entries
}

func runRoundTrip(t *testing.T, m *goModule, registry []registryEntry, cases map[string][]any) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "roundtrip", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	m.write("roundtrip/main.go", string(src))
	var types strings.Builder
	types.WriteString("package main\n\nimport (\n")
	imported := map[string]bool{}
	for _, e := range registry {
		if !imported[e.pkg] {
			imported[e.pkg] = true
			fmt.Fprintf(&types, "\t%q\n", modulePath+"/"+e.pkg)
		}
	}
	types.WriteString(")\n\nvar types = map[string]func() any{\n")
	for _, e := range registry {
		fmt.Fprintf(&types, "\t%q: func() any { return new(%s.%s) },\n", e.key, e.pkg, e.goName)
	}
	types.WriteString("}\n")
	m.write("roundtrip/types.go", types.String())
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	m.write("cases.json", string(data))
	t.Log(strings.TrimSpace(m.goCommand("run", "./roundtrip", "cases.json")))
}

// sampleDepth is how deep samples nest objects. Deeper, an object field is
// null and a list of objects empty, whatever the schema's nullability: the
// Go field is a pointer or a slice either way, which null and [] round-trip,
// and every object type is sampled in full as a type of its own.
const sampleDepth = 2

// sampler makes up JSON values of a schema's types.
type sampler struct {
	s   *schema.Schema
	cfg *Config
	// turn rotates the enum value or the member a single (not list)
	// position gets, so that the samples spread over all of them.
	turn int
}

// samples returns the values to round-trip for an object or input type.
func (x *sampler) samples(t *schema.Type) []any {
	if t.Kind == schema.KindObject {
		return []any{x.object(t, 0, true), x.object(t, 0, false)}
	}
	if t.IsOneOf {
		var out []any
		for _, f := range t.InputFields {
			out = append(out, map[string]any{f.Name: x.inputValue(f.Type, 0, inputValues)})
		}
		return out
	}
	return []any{x.input(t, 0, inputNulls), x.input(t, 0, inputValues), x.input(t, 0, inputAbsent)}
}

// object samples an object; nulls says whether its nullable fields are null
// or values.
func (x *sampler) object(t *schema.Type, depth int, nulls bool) map[string]any {
	v := map[string]any{"__typename": t.Name}
	for _, f := range t.Fields {
		if nulls && !f.Type.IsNonNull() {
			v[f.Name] = nil
			continue
		}
		v[f.Name] = x.output(f.Type, depth, nulls)
	}
	return v
}

// output samples a value of an output type, null aside.
func (x *sampler) output(ref *schema.TypeRef, depth int, nulls bool) any {
	return x.value(ref, depth, func(t *schema.Type, choice int) any {
		return x.composite(t, depth, nulls, choice)
	})
}

// value samples a value of ref, null aside: a list through list, a scalar
// or enum itself, and any other named type through composite.
func (x *sampler) value(ref *schema.TypeRef, depth int, composite func(t *schema.Type, choice int) any) any {
	if ref.IsNonNull() {
		ref = ref.OfType
	}
	named := func(ref *schema.TypeRef, choice int) any {
		if ref.Kind == schema.RefList {
			return x.value(ref, depth, composite)
		}
		switch t := x.s.Type(ref.Name); t.Kind {
		case schema.KindScalar:
			return x.scalar(t.Name)
		case schema.KindEnum:
			return t.EnumValues[x.pick(choice, len(t.EnumValues))].Name
		default:
			return composite(t, choice)
		}
	}
	if ref.Kind == schema.RefList {
		return x.list(ref.OfType, depth, named)
	}
	return named(ref, -1)
}

// composite samples an object, interface or union; choice picks the
// member, or -1 for the next in turn.
func (x *sampler) composite(t *schema.Type, depth int, nulls bool, choice int) any {
	if depth >= sampleDepth {
		return nil
	}
	if t.Kind == schema.KindObject {
		return x.object(t, depth+1, nulls)
	}
	members := t.PossibleTypes
	if t.Kind == schema.KindInterface {
		members = x.s.Implementations(t.Name)
	}
	if i := x.pick(choice, len(members)+1); i < len(members) {
		return x.object(x.s.Type(members[i]), depth+1, nulls)
	}
	// A member the package does not know: the server added it later.
	unknown := map[string]any{"__typename": "AddedLater" + t.Name, "addedLater": true}
	if t.Kind == schema.KindInterface {
		for k, v := range x.object(t, depth+1, nulls) {
			if k != "__typename" {
				unknown[k] = v
			}
		}
	}
	return unknown
}

// list samples a list: every enum value, or every member and an unknown
// one, or a single item; and a null when items are nullable. Below
// sampleDepth a list of objects, interfaces or unions is empty.
func (x *sampler) list(item *schema.TypeRef, depth int, sample func(item *schema.TypeRef, choice int) any) []any {
	core := item
	if core.IsNonNull() {
		core = core.OfType
	}
	n := 1
	if core.Kind == schema.RefNamed {
		switch t := x.s.Type(core.Name); t.Kind {
		case schema.KindEnum:
			n = len(t.EnumValues)
		case schema.KindUnion:
			n = len(t.PossibleTypes) + 1
		case schema.KindInterface:
			n = len(x.s.Implementations(t.Name)) + 1
		}
		if k := x.s.Type(core.Name).Kind; depth >= sampleDepth && (k == schema.KindObject || k == schema.KindInterface || k == schema.KindUnion) {
			return []any{}
		}
	}
	items := make([]any, 0, n+1)
	for i := range n {
		items = append(items, sample(core, i))
	}
	if !item.IsNonNull() {
		items = append(items, nil)
	}
	return items
}

// inputMode says what the optional fields of a sampled input object hold.
type inputMode int

const (
	inputNulls  inputMode = iota // explicit nulls
	inputValues                  // values
	inputAbsent                  // nothing: they are left out
)

func (x *sampler) input(t *schema.Type, depth int, mode inputMode) map[string]any {
	v := map[string]any{}
	if t.IsOneOf {
		f := t.InputFields[x.pick(-1, len(t.InputFields))]
		v[f.Name] = x.inputValue(f.Type, depth, inputValues)
		return v
	}
	for _, f := range t.InputFields {
		required := f.Type.IsNonNull() && f.DefaultValue == nil
		switch {
		case required:
			v[f.Name] = x.inputValue(f.Type, depth, mode)
		case mode == inputAbsent || (depth >= sampleDepth && isInputObject(x.s, f.Type)):
		case mode == inputNulls:
			v[f.Name] = nil
		default:
			v[f.Name] = x.inputValue(f.Type, depth, mode)
		}
	}
	return v
}

func (x *sampler) inputValue(ref *schema.TypeRef, depth int, mode inputMode) any {
	return x.value(ref, depth, func(t *schema.Type, _ int) any {
		if depth > 10 {
			panic("sampler: input objects nest without end through required fields: " + t.Name)
		}
		return x.input(t, depth+1, mode)
	})
}

func isInputObject(s *schema.Schema, ref *schema.TypeRef) bool {
	return s.Type(ref.NamedType()).Kind == schema.KindInputObject
}

// pick returns choice, or when it is -1 the next of n in turn.
func (x *sampler) pick(choice, n int) int {
	if choice >= 0 {
		return choice
	}
	x.turn++
	return x.turn % n
}

// scalar samples a scalar in the wire format of its Go type.
func (x *sampler) scalar(name string) any {
	switch t, _ := x.cfg.scalarGoType(name, nil); t {
	case GoType{Name: "string"}:
		return name + " sample"
	case GoType{Name: "int"}, GoType{Name: "int64"}:
		return json.Number(strconv.Itoa(7))
	case GoType{ImportPath: "encoding/json", Name: "Number"}:
		// Past float64's precision: the digits must survive.
		return json.Number("123456789012345678901234567890")
	case GoType{Name: "float64"}:
		return 1.5
	case GoType{Name: "bool"}:
		return true
	case GoType{ImportPath: "time", Name: "Time"}:
		return "2024-05-06T07:08:09Z"
	case GoType{ImportPath: moneyModule, Name: "Amount"}:
		return map[string]any{"cents": 250}
	case rawJSON:
		return map[string]any{"any": []any{"json", 1, true, nil, map[string]any{}}}
	default:
		panic("sampler: no sample for a scalar held as " + t.String())
	}
}
