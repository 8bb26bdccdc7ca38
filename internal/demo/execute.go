package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// executor runs operations against a schema. It is the smallest executor
// that answers like a real GraphQL server: gqlparser parses and validates
// (so invalid operations get the standard validation errors), introspection
// is answered from the schema's canonical introspection result, and every
// other field gets mock data of the right type. Subscriptions over HTTP
// answer with one event.
type executor struct {
	gql   *ast.Schema
	types map[string]map[string]any // introspection __Type objects by name
	root  map[string]any            // the __Schema object
}

func newExecutor(s *schema.Schema, caps schema.Capabilities) (*executor, error) {
	gql, err := s.ValidationSchema()
	if err != nil {
		return nil, err
	}
	withoutUnsupportedIntrospection(gql, caps)

	var doc struct {
		Data struct {
			Schema map[string]any `json:"__schema"`
		} `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(s.MarshalIntrospection()))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("demo: decode introspection: %w", err)
	}
	e := &executor{gql: gql, root: doc.Data.Schema, types: map[string]map[string]any{}}
	for _, t := range e.root["types"].([]any) {
		m := t.(map[string]any)
		e.types[m["name"].(string)] = m
	}
	return e, nil
}

// withoutUnsupportedIntrospection removes from the introspection types the
// fields and arguments of the properties the server is not to support, so
// that asking for them fails validation exactly as on an older server
// ("Cannot query field "isOneOf" on type "__Type"."). gqlparser parses its
// prelude anew for every schema, so these definitions are ours to change.
func withoutUnsupportedIntrospection(gql *ast.Schema, caps schema.Capabilities) {
	dropField := func(typ, field string) {
		def := gql.Types[typ]
		def.Fields = slices.DeleteFunc(def.Fields, func(f *ast.FieldDefinition) bool { return f.Name == field })
	}
	dropArg := func(typ, field, arg string) {
		f := gql.Types[typ].Fields.ForName(field)
		f.Arguments = slices.DeleteFunc(f.Arguments, func(a *ast.ArgumentDefinition) bool { return a.Name == arg })
	}
	if !caps.InputObjectIsOneOf {
		dropField("__Type", "isOneOf")
	}
	if !caps.SpecifiedByURL {
		dropField("__Type", "specifiedByURL")
	}
	if !caps.DirectiveIsRepeatable {
		dropField("__Directive", "isRepeatable")
	}
	if !caps.InputValueDeprecation {
		dropArg("__Field", "args", "includeDeprecated")
		dropArg("__Directive", "args", "includeDeprecated")
		dropArg("__Type", "inputFields", "includeDeprecated")
		dropField("__InputValue", "isDeprecated")
		dropField("__InputValue", "deprecationReason")
	}
	if !caps.Descriptions {
		for _, typ := range []string{"__Type", "__Field", "__InputValue", "__EnumValue", "__Directive"} {
			dropField(typ, "description")
		}
	}
}

// result is a GraphQL response.
type result struct {
	Data   *object       `json:"data,omitempty"`
	Errors gqlerror.List `json:"errors,omitempty"`
}

func (e *executor) run(query, operationName string, variables map[string]any) result {
	doc, err := parser.ParseQuery(&ast.Source{Name: "request", Input: query})
	if err != nil {
		return result{Errors: gqlerror.List{asGQLError(err)}}
	}
	if errs := validator.ValidateWithRules(e.gql, doc, nil); len(errs) > 0 {
		for _, ge := range errs {
			ge.Extensions = map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}
		}
		return result{Errors: errs}
	}
	op, err := pickOperation(doc, operationName)
	if err != nil {
		return result{Errors: gqlerror.List{gqlerror.Errorf("%s", err)}}
	}
	vars, err := validator.VariableValues(e.gql, op, variables)
	if err == nil {
		err = e.checkOneOf(op, vars)
	}
	if err != nil {
		ge := asGQLError(err)
		ge.Extensions = map[string]any{"code": "BAD_USER_INPUT"}
		return result{Errors: gqlerror.List{ge}}
	}
	var rootType *ast.Definition
	switch op.Operation {
	case ast.Mutation:
		rootType = e.gql.Mutation
	case ast.Subscription:
		rootType = e.gql.Subscription
	default:
		rootType = e.gql.Query
	}
	run := &execution{executor: e, doc: doc, vars: vars}
	data := run.selectionSet(op.SelectionSet, rootType.Name, mock{})
	return result{Data: &data, Errors: run.errors}
}

// checkOneOf enforces @oneOf on variable values, which gqlparser's variable
// coercion does not (its validator checks literals only): exactly one field
// set, and not to null.
func (e *executor) checkOneOf(op *ast.OperationDefinition, vars map[string]any) error {
	var walk func(t *ast.Type, v any, path string) error
	walk = func(t *ast.Type, v any, path string) error {
		if v == nil {
			return nil
		}
		if t.Elem != nil {
			list, ok := v.([]any)
			if !ok {
				return walk(t.Elem, v, path) // a single value coerced to a list
			}
			for i, item := range list {
				if err := walk(t.Elem, item, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			return nil
		}
		def := e.gql.Types[t.NamedType]
		obj, ok := v.(map[string]any)
		if def == nil || def.Kind != ast.InputObject || !ok {
			return nil
		}
		if def.Directives.ForName("oneOf") != nil {
			set := 0
			for _, fv := range obj {
				if fv == nil {
					return gqlerror.Errorf("%s: OneOf Input Object %q must not have a null field", path, def.Name)
				}
				set++
			}
			if set != 1 {
				return gqlerror.Errorf("%s: OneOf Input Object %q must specify exactly one key", path, def.Name)
			}
		}
		for name, fv := range obj {
			if f := def.Fields.ForName(name); f != nil {
				if err := walk(f.Type, fv, path+"."+name); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, vd := range op.VariableDefinitions {
		if err := walk(vd.Type, vars[vd.Variable], "variable $"+vd.Variable); err != nil {
			return err
		}
	}
	return nil
}

func pickOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, error) {
	if name == "" {
		if len(doc.Operations) != 1 {
			return nil, fmt.Errorf("the document has %d operations: name one with operationName", len(doc.Operations))
		}
		return doc.Operations[0], nil
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op, nil
	}
	return nil, fmt.Errorf("unknown operation named %q", name)
}

func asGQLError(err error) *gqlerror.Error {
	if ge, ok := err.(*gqlerror.Error); ok {
		return ge
	}
	return gqlerror.Errorf("%s", err)
}

// execution is one operation being run.
type execution struct {
	*executor
	doc    *ast.QueryDocument
	vars   map[string]any
	errors gqlerror.List
}

// object is a response object; it keeps its keys in selection order.
type object []member

type member struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// mock stands for a value the server makes up from its type.
type mock struct{}

// selectionSet executes a selection set on an object of the named type:
// parent is an introspection object (a map) or mock{}.
func (x *execution) selectionSet(set ast.SelectionSet, typeName string, parent any) object {
	var keys []string
	groups := map[string][]*ast.Field{}
	x.collect(set, typeName, groups, &keys, map[string]bool{})
	out := make(object, 0, len(keys))
	for _, key := range keys {
		fields := groups[key]
		out = append(out, member{key, x.field(typeName, parent, fields)})
	}
	return out
}

// collect gathers the fields of a selection set by response key, following
// fragments whose type condition applies and honouring @skip and @include.
func (x *execution) collect(set ast.SelectionSet, typeName string, groups map[string][]*ast.Field, keys *[]string, visited map[string]bool) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !x.included(s.Directives) {
				continue
			}
			if _, seen := groups[s.Alias]; !seen {
				*keys = append(*keys, s.Alias)
			}
			groups[s.Alias] = append(groups[s.Alias], s)
		case *ast.InlineFragment:
			if x.included(s.Directives) && x.applies(s.TypeCondition, typeName) {
				x.collect(s.SelectionSet, typeName, groups, keys, visited)
			}
		case *ast.FragmentSpread:
			if visited[s.Name] || !x.included(s.Directives) {
				continue
			}
			visited[s.Name] = true
			frag := x.doc.Fragments.ForName(s.Name)
			if frag != nil && x.applies(frag.TypeCondition, typeName) {
				x.collect(frag.SelectionSet, typeName, groups, keys, visited)
			}
		}
	}
}

func (x *execution) included(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil && d.ArgumentMap(x.vars)["if"] == true {
		return false
	}
	if d := dirs.ForName("include"); d != nil && d.ArgumentMap(x.vars)["if"] != true {
		return false
	}
	return true
}

// applies reports whether a fragment's type condition matches an object of
// the named type.
func (x *execution) applies(condition, typeName string) bool {
	if condition == "" || condition == typeName {
		return true
	}
	def := x.gql.Types[condition]
	if def == nil {
		return false
	}
	for _, possible := range x.gql.GetPossibleTypes(def) {
		if possible.Name == typeName {
			return true
		}
	}
	return false
}

// field resolves one response key; fields share a key only when validation
// found them mergeable, so the first names the field and all contribute
// their sub-selections.
func (x *execution) field(typeName string, parent any, fields []*ast.Field) any {
	f := fields[0]
	if f.Name == "__typename" {
		return typeName
	}
	var sub ast.SelectionSet
	for _, g := range fields {
		sub = append(sub, g.SelectionSet...)
	}
	args := f.ArgumentMap(x.vars)
	var raw any
	switch {
	case f.Name == "__schema":
		raw = x.root
	case f.Name == "__type":
		name, _ := args["name"].(string)
		if t, ok := x.types[name]; ok {
			raw = t
		}
	default:
		if m, ok := parent.(map[string]any); ok {
			raw = x.introspectionField(m, f.Name, args)
		} else {
			raw = mock{}
		}
	}
	return x.complete(f.Definition.Type, raw, sub, typeName, f)
}

// introspectionField reads a field of an introspection object. Type
// references in the canonical JSON are stubs ({kind, name, ofType}); a named
// one is replaced by the full type, as a server's __Type would be.
func (x *execution) introspectionField(obj map[string]any, name string, args map[string]any) any {
	v, ok := obj[name]
	if !ok {
		return nil
	}
	if list, ok := v.([]any); ok && args["includeDeprecated"] != true {
		switch name {
		case "fields", "enumValues", "inputFields", "args":
			kept := make([]any, 0, len(list))
			for _, item := range list {
				if m, ok := item.(map[string]any); !ok || m["isDeprecated"] != true {
					kept = append(kept, item)
				}
			}
			return kept
		}
	}
	return v
}

// complete turns a raw value into the response value of the given type
// (GraphQL spec CompleteValue).
func (x *execution) complete(t *ast.Type, raw any, sub ast.SelectionSet, parentType string, f *ast.Field) any {
	if t.NonNull {
		inner := *t
		inner.NonNull = false
		return x.complete(&inner, raw, sub, parentType, f)
	}
	if raw == nil {
		return nil
	}
	if t.Elem != nil {
		var items []any
		if list, ok := raw.([]any); ok {
			items = list
		} else {
			items = []any{mock{}, mock{}}
		}
		out := make([]any, 0, len(items))
		for _, item := range items {
			out = append(out, x.complete(t.Elem, item, sub, parentType, f))
		}
		return out
	}
	def := x.gql.Types[t.NamedType]
	if m, ok := raw.(map[string]any); ok && def.Kind == ast.Object && strings.HasPrefix(def.Name, "__") {
		if def.Name == "__Type" {
			m = x.fullType(m)
		}
		return x.selectionSet(sub, def.Name, m)
	}
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		if _, isMock := raw.(mock); isMock {
			return mockLeaf(def, parentType, f.Name)
		}
		return raw
	case ast.Object:
		return x.selectionSet(sub, def.Name, raw)
	default: // interface or union: the first possible type, by name
		possible := x.gql.GetPossibleTypes(def)
		names := make([]string, 0, len(possible))
		for _, p := range possible {
			names = append(names, p.Name)
		}
		slices.Sort(names)
		if len(names) == 0 {
			return nil
		}
		return x.selectionSet(sub, names[0], raw)
	}
}

// fullType replaces a type-reference stub by the full introspection type.
func (x *execution) fullType(ref map[string]any) map[string]any {
	if name, ok := ref["name"].(string); ok {
		if full, ok := x.types[name]; ok {
			return full
		}
	}
	return ref
}
