package schema

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// This file keeps the loader as it was before decodeIntrospection: json.Unmarshal
// into wire structs, then model(). It is the reference the decoder must
// agree with (decode_reference_test.go), and the wire structs also serve
// wire_reference_test.go's reference encoding.

// The wire types mirror an introspection result. They serve both directions:
// decoding records which optional properties were present (optString,
// optBool), encoding leaves out the properties a snapshot does not carry.
// Field order is the order graphql-js's introspection query asks in, which
// is the key order of the canonical JSON.

type wireDocument struct {
	Data   *wireData    `json:"data,omitempty"`
	Errors []wireError  `json:"errors,omitempty"`
	Schema *wireSchema  `json:"__schema,omitempty"`
	Types  *[]*wireType `json:"types,omitempty"` // a bare __schema object
}

type wireData struct {
	Schema *wireSchema `json:"__schema"`
}

type wireError struct {
	Message string `json:"message"`
}

type wireSchema struct {
	QueryType        *wireName   `json:"queryType"`
	MutationType     *wireName   `json:"mutationType"`
	SubscriptionType *wireName   `json:"subscriptionType"`
	Types            []*wireType `json:"types"`
	Directives       []*wireDir  `json:"directives"`
}

type wireName struct {
	Name string `json:"name"`
}

type wireType struct {
	Kind           string       `json:"kind"`
	Name           string       `json:"name"`
	Description    optString    `json:"description,omitzero"`
	SpecifiedByURL optString    `json:"specifiedByURL,omitzero"`
	IsOneOf        optBool      `json:"isOneOf,omitzero"`
	Fields         []*wireField `json:"fields"`
	InputFields    []*wireInput `json:"inputFields"`
	Interfaces     []*wireRef   `json:"interfaces"`
	EnumValues     []*wireEnum  `json:"enumValues"`
	PossibleTypes  []*wireRef   `json:"possibleTypes"`
}

type wireField struct {
	Name              string       `json:"name"`
	Description       optString    `json:"description,omitzero"`
	Args              []*wireInput `json:"args"`
	Type              *wireRef     `json:"type"`
	IsDeprecated      optBool      `json:"isDeprecated,omitzero"`
	DeprecationReason optString    `json:"deprecationReason,omitzero"`
}

type wireInput struct {
	Name              string    `json:"name"`
	Description       optString `json:"description,omitzero"`
	Type              *wireRef  `json:"type"`
	DefaultValue      *string   `json:"defaultValue"`
	IsDeprecated      optBool   `json:"isDeprecated,omitzero"`
	DeprecationReason optString `json:"deprecationReason,omitzero"`
}

type wireEnum struct {
	Name              string    `json:"name"`
	Description       optString `json:"description,omitzero"`
	IsDeprecated      optBool   `json:"isDeprecated,omitzero"`
	DeprecationReason optString `json:"deprecationReason,omitzero"`
}

type wireDir struct {
	Name         string       `json:"name"`
	Description  optString    `json:"description,omitzero"`
	IsRepeatable optBool      `json:"isRepeatable,omitzero"`
	Locations    []string     `json:"locations"`
	Args         []*wireInput `json:"args"`
}

type wireRef struct {
	Kind   string   `json:"kind"`
	Name   *string  `json:"name"`
	OfType *wireRef `json:"ofType"`
}

// optString is a nullable string that remembers whether its key was present.
type optString struct {
	Set   bool
	Value *string
}

func (o optString) IsZero() bool { return !o.Set }

func (o *optString) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	o.Set = true
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		o.Value = nil
	case '"':
		s := tok.String()
		o.Value = &s
	default:
		return fmt.Errorf("want a string or null, got %s", kindName(tok.Kind()))
	}
	return nil
}

// optBool is a boolean that remembers whether its key was present; a null
// counts as present and false, and is written back as null.
type optBool struct {
	Set   bool
	Null  bool
	Value bool
}

func (o optBool) IsZero() bool { return !o.Set }

func (o *optBool) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	o.Set = true
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 't':
		o.Value = true
	case 'f':
		o.Value = false
	case 'n':
		o.Null, o.Value = true, false
	default:
		return fmt.Errorf("want a boolean, got %s", kindName(tok.Kind()))
	}
	return nil
}

// wireParseIntrospection is ParseIntrospection as it was.
func wireParseIntrospection(data []byte) (*Schema, error) {
	if offset := tooDeep(data, maxJSONDepth); offset >= 0 {
		line, col := lineCol(data, int64(offset))
		return nil, fmt.Errorf("%d:%d: not an introspection result: the JSON nests deeper than %d levels (an answer to the introspection query needs about 20)", line, col, maxJSONDepth)
	}
	var doc wireDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, wireJSONError(data, err)
	}
	ws := doc.Schema
	if doc.Data != nil && doc.Data.Schema != nil {
		ws = doc.Data.Schema
	}
	if ws == nil && doc.Types != nil {
		// The bare __schema object: decode it again as one.
		ws = new(wireSchema)
		if err := json.Unmarshal(data, ws); err != nil {
			return nil, wireJSONError(data, err)
		}
	}
	if ws == nil {
		if len(doc.Errors) > 0 {
			return nil, fmt.Errorf("not an introspection result: the response carries errors and no data: %s", joinMessages(doc.Errors))
		}
		return nil, errors.New(`not an introspection result: no "data.__schema", "__schema" or "types" key`)
	}
	return ws.model()
}

func joinMessages(errs []wireError) string {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, e.Message)
	}
	return strings.Join(msgs, "; ")
}

// wireJSONError is jsonError as it was, with the decoder's semantic errors.
func wireJSONError(data []byte, err error) error {
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("%d:%d: invalid JSON: unexpected end of input (is the file truncated?)", line, col)
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.ByteOffset)
		return fmt.Errorf("%d:%d: invalid JSON: %v", line, col, syn.Err)
	case errors.As(err, &sem):
		line, col := lineCol(data, sem.ByteOffset)
		where := "the document"
		if sem.JSONPointer != "" {
			where = strings.ReplaceAll(strings.TrimPrefix(string(sem.JSONPointer), "/"), "/", ".")
		}
		if sem.GoType != nil && sem.JSONKind != 0 {
			return fmt.Errorf("%d:%d: not an introspection result: %s holds %s, want %s", line, col, where, kindName(sem.JSONKind), jsonKind(sem.GoType))
		}
		return fmt.Errorf("%d:%d: not an introspection result: %s: %v", line, col, where, sem.Err)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// jsonKind names the JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[optString]():
		return "a string or null"
	case reflect.TypeFor[optBool]():
		return "a boolean"
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	}
	return "a number"
} // model converts the wire form to the model, recording the capabilities the
// result carried. A property counts as carried when it is present on the
// elements that have it; a schema without any such element (no directives,
// say) does not carry it, since nothing says the server knows it.
func (ws *wireSchema) model() (*Schema, error) {
	s := &Schema{
		QueryType:        nameOf(ws.QueryType),
		MutationType:     nameOf(ws.MutationType),
		SubscriptionType: nameOf(ws.SubscriptionType),
	}
	s.Capabilities = ws.capabilities()

	s.Types = make([]*Type, 0, len(ws.Types))
	for _, wt := range ws.Types {
		if wt == nil {
			return nil, errors.New("not an introspection result: a null entry in types")
		}
		if IsIntrospectionType(wt.Name) {
			continue
		}
		t, err := wt.model()
		if err != nil {
			return nil, err
		}
		s.Types = append(s.Types, t)
	}
	for _, wd := range ws.Directives {
		if wd == nil {
			return nil, errors.New("not an introspection result: a null entry in directives")
		}
		args, err := inputValues(wd.Args, refPath{directive: true, owner: wd.Name})
		if err != nil {
			return nil, err
		}
		s.Directives = append(s.Directives, &Directive{
			Name:         wd.Name,
			Description:  wd.Description.Value,
			Args:         args,
			IsRepeatable: wd.IsRepeatable.Value,
			Locations:    append([]string(nil), wd.Locations...),
		})
	}
	if err := s.canonicalize(); err != nil {
		return nil, err
	}
	return s, nil
}

// capabilities tells which optional properties the result carries: those
// present on the elements that have them (null entries, which model()
// rejects, are skipped here).
func (ws *wireSchema) capabilities() Capabilities {
	var caps Capabilities
	inputs := func(list []*wireInput) {
		for _, v := range list {
			if v != nil {
				caps.InputValueDeprecation = caps.InputValueDeprecation || v.IsDeprecated.Set
			}
		}
	}
	for _, wt := range ws.Types {
		if wt == nil {
			continue
		}
		caps.Descriptions = caps.Descriptions || wt.Description.Set
		caps.SpecifiedByURL = caps.SpecifiedByURL || wt.SpecifiedByURL.Set
		caps.InputObjectIsOneOf = caps.InputObjectIsOneOf || wt.IsOneOf.Set
		for _, f := range wt.Fields {
			if f != nil {
				inputs(f.Args)
			}
		}
		inputs(wt.InputFields)
	}
	for _, wd := range ws.Directives {
		if wd == nil {
			continue
		}
		caps.Descriptions = caps.Descriptions || wd.Description.Set
		caps.DirectiveIsRepeatable = caps.DirectiveIsRepeatable || wd.IsRepeatable.Set
		inputs(wd.Args)
	}
	return caps
}

func nameOf(n *wireName) string {
	if n == nil {
		return ""
	}
	return n.Name
}

func (wt *wireType) model() (*Type, error) {
	if wt.Name == "" {
		return nil, fmt.Errorf("not an introspection result: a type of kind %q has no name", wt.Kind)
	}
	t := &Type{
		Kind:           Kind(wt.Kind),
		Name:           wt.Name,
		Description:    wt.Description.Value,
		SpecifiedByURL: wt.SpecifiedByURL.Value,
		IsOneOf:        wt.IsOneOf.Value,
	}
	if !t.Kind.valid() {
		return nil, fmt.Errorf("not an introspection result: type %q has kind %q", wt.Name, wt.Kind)
	}
	switch t.Kind {
	case KindObject, KindInterface:
		for _, ref := range wt.Interfaces {
			if ref == nil || ref.Name == nil {
				return nil, fmt.Errorf("not an introspection result: an interface of %q has no name", wt.Name)
			}
			t.Interfaces = append(t.Interfaces, *ref.Name)
		}
		for _, wf := range wt.Fields {
			if wf == nil {
				return nil, fmt.Errorf("not an introspection result: a null field in %q", wt.Name)
			}
			path := refPath{owner: wt.Name, member: wf.Name}
			ref, err := wf.Type.model(path)
			if err != nil {
				return nil, err
			}
			args, err := inputValues(wf.Args, path)
			if err != nil {
				return nil, err
			}
			t.Fields = append(t.Fields, &Field{
				Name:              wf.Name,
				Description:       wf.Description.Value,
				Args:              args,
				Type:              ref,
				IsDeprecated:      deprecated(wf.IsDeprecated, wf.DeprecationReason),
				DeprecationReason: wf.DeprecationReason.Value,
			})
		}
	case KindUnion:
		for _, ref := range wt.PossibleTypes {
			if ref == nil || ref.Name == nil {
				return nil, fmt.Errorf("not an introspection result: a member of union %q has no name", wt.Name)
			}
			t.PossibleTypes = append(t.PossibleTypes, *ref.Name)
		}
	case KindEnum:
		for _, we := range wt.EnumValues {
			if we == nil {
				return nil, fmt.Errorf("not an introspection result: a null value in enum %q", wt.Name)
			}
			t.EnumValues = append(t.EnumValues, &EnumValue{
				Name:              we.Name,
				Description:       we.Description.Value,
				IsDeprecated:      deprecated(we.IsDeprecated, we.DeprecationReason),
				DeprecationReason: we.DeprecationReason.Value,
			})
		}
	case KindInputObject:
		fields, err := inputValues(wt.InputFields, refPath{owner: wt.Name})
		if err != nil {
			return nil, err
		}
		t.InputFields = fields
	}
	return t, nil
}

// deprecated reads the deprecation state: the isDeprecated flag when
// present, else whether a reason is given (docs/breaking-changes.md §1.4, D5).
func deprecated(flag optBool, reason optString) bool {
	if flag.Set {
		return flag.Value
	}
	return reason.Value != nil
}

func inputValues(list []*wireInput, parent refPath) ([]*InputValue, error) {
	if len(list) == 0 {
		return nil, nil // the model has no empty lists, only nil ones
	}
	out := make([]*InputValue, 0, len(list))
	for _, wi := range list {
		if wi == nil {
			return nil, fmt.Errorf("not an introspection result: a null input value in %s", parent)
		}
		path := parent.child(wi.Name)
		ref, err := wi.Type.model(path)
		if err != nil {
			return nil, err
		}
		v := &InputValue{
			Name:              wi.Name,
			Description:       wi.Description.Value,
			Type:              ref,
			IsDeprecated:      deprecated(wi.IsDeprecated, wi.DeprecationReason),
			DeprecationReason: wi.DeprecationReason.Value,
		}
		if wi.DefaultValue != nil {
			lit, err := canonicalLiteral(*wi.DefaultValue)
			if err != nil {
				return nil, fmt.Errorf("default value of %s: %w", path, err)
			}
			v.DefaultValue = &lit
		}
		out = append(out, v)
	}
	return out, nil
}

func (r *wireRef) model(path refPath) (*TypeRef, error) {
	if r == nil {
		return nil, fmt.Errorf("not an introspection result: %s has no type", path)
	}
	switch r.Kind {
	case "LIST", "NON_NULL":
		if r.OfType == nil {
			return nil, fmt.Errorf("the type of %s is cut short: a %s without ofType (the introspection query did not nest ofType deep enough)", path, r.Kind)
		}
		inner, err := r.OfType.model(path)
		if err != nil {
			return nil, err
		}
		if r.Kind == "LIST" {
			return ListOf(inner), nil
		}
		if inner.Kind == RefNonNull {
			return nil, fmt.Errorf("not an introspection result: the type of %s is non-null of non-null", path)
		}
		return NonNullOf(inner), nil
	default:
		if r.Name == nil || *r.Name == "" {
			return nil, fmt.Errorf("not an introspection result: the type of %s has no name", path)
		}
		return Named(*r.Name), nil
	}
}
