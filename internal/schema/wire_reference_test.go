package schema

import (
	"fmt"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

func (o optString) MarshalJSONTo(enc *jsontext.Encoder) error {
	if o.Value == nil {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteToken(jsontext.String(*o.Value))
}

func present(s *string) optString { return optString{Set: true, Value: s} }

func (o optBool) MarshalJSONTo(enc *jsontext.Encoder) error {
	if o.Null {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteToken(jsontext.Bool(o.Value))
}

// wireMarshalIntrospection is how MarshalIntrospection was written before it
// wrote its bytes by hand: json.Marshal of the wire structs. It is the
// reference the hand-written output must match byte for byte.
//
// (Former documentation:)
// {"data":{"__schema":…}}, two-space indented, keys in graphql-js order,
// types and members sorted, optional properties present exactly when the
// schema carries them. The specified directives are written with their
// standard definitions, so that tools which build a schema from the file
// (graphql-js buildClientSchema) still know @skip and @include.
func wireMarshalIntrospection(s *Schema) []byte {
	doc := wireDocument{Data: &wireData{Schema: s.wire()}}
	out, err := json.Marshal(doc, jsontext.WithIndent("  "), json.FormatNilSliceAsNull(true))
	if err != nil {
		// Every value here is marshalable; an error is a bug in this file.
		panic(fmt.Sprintf("schema: marshal introspection: %v", err))
	}
	return append(out, '\n')
}

func (s *Schema) wire() *wireSchema {
	caps := s.Capabilities
	kinds := make(map[string]string, len(s.Types))
	for _, t := range s.Types {
		kinds[t.Name] = string(t.Kind)
	}
	ref := func(t *TypeRef) *wireRef { return wireRefOf(t, kinds) }
	refs := func(names []string) []*wireRef {
		out := make([]*wireRef, 0, len(names))
		for _, n := range names {
			out = append(out, namedWireRef(kinds[n], n))
		}
		return out
	}
	ws := &wireSchema{
		QueryType:        wireNameOf(s.QueryType),
		MutationType:     wireNameOf(s.MutationType),
		SubscriptionType: wireNameOf(s.SubscriptionType),
		Types:            make([]*wireType, 0, len(s.Types)),
	}
	desc := func(d *string) optString {
		if !caps.Descriptions {
			return optString{}
		}
		return present(d)
	}
	inputs := func(list []*InputValue) []*wireInput {
		out := make([]*wireInput, 0, len(list))
		for _, v := range list {
			wi := &wireInput{Name: v.Name, Description: desc(v.Description), Type: ref(v.Type), DefaultValue: v.DefaultValue}
			if caps.InputValueDeprecation {
				wi.IsDeprecated = optBool{Set: true, Value: v.IsDeprecated}
				wi.DeprecationReason = present(v.DeprecationReason)
			}
			out = append(out, wi)
		}
		return out
	}
	for _, t := range s.Types {
		wt := &wireType{Kind: string(t.Kind), Name: t.Name, Description: desc(t.Description)}
		if caps.SpecifiedByURL {
			wt.SpecifiedByURL = present(t.SpecifiedByURL)
		}
		if caps.InputObjectIsOneOf {
			// graphql-js answers isOneOf with null for every kind but input objects.
			if t.Kind == KindInputObject {
				wt.IsOneOf = optBool{Set: true, Value: t.IsOneOf}
			} else {
				wt.IsOneOf = optBool{Set: true, Null: true}
			}
		}
		switch t.Kind {
		case KindObject, KindInterface:
			wt.Fields = make([]*wireField, 0, len(t.Fields))
			for _, f := range t.Fields {
				wt.Fields = append(wt.Fields, &wireField{
					Name:              f.Name,
					Description:       desc(f.Description),
					Args:              inputs(f.Args),
					Type:              ref(f.Type),
					IsDeprecated:      optBool{Set: true, Value: f.IsDeprecated},
					DeprecationReason: present(f.DeprecationReason),
				})
			}
			wt.Interfaces = refs(t.Interfaces)
			if t.Kind == KindInterface {
				wt.PossibleTypes = refs(s.Implementations(t.Name))
			}
		case KindUnion:
			wt.PossibleTypes = refs(t.PossibleTypes)
		case KindEnum:
			wt.EnumValues = make([]*wireEnum, 0, len(t.EnumValues))
			for _, v := range t.EnumValues {
				wt.EnumValues = append(wt.EnumValues, &wireEnum{
					Name:              v.Name,
					Description:       desc(v.Description),
					IsDeprecated:      optBool{Set: true, Value: v.IsDeprecated},
					DeprecationReason: present(v.DeprecationReason),
				})
			}
		case KindInputObject:
			wt.InputFields = inputs(t.InputFields)
		}
		ws.Types = append(ws.Types, wt)
	}
	all := append(specifiedDirectives(caps), s.Directives...)
	sortByName(all, func(d *Directive) string { return d.Name })
	ws.Directives = make([]*wireDir, 0, len(all))
	for _, d := range all {
		wd := &wireDir{Name: d.Name, Description: desc(d.Description), Locations: d.Locations, Args: inputs(d.Args)}
		if wd.Locations == nil {
			wd.Locations = []string{}
		}
		if caps.DirectiveIsRepeatable {
			wd.IsRepeatable = optBool{Set: true, Value: d.IsRepeatable}
		}
		ws.Directives = append(ws.Directives, wd)
	}
	return ws
}

func wireNameOf(name string) *wireName {
	if name == "" {
		return nil
	}
	return &wireName{Name: name}
}

func wireRefOf(t *TypeRef, kinds map[string]string) *wireRef {
	switch t.Kind {
	case RefList:
		return &wireRef{Kind: "LIST", OfType: wireRefOf(t.OfType, kinds)}
	case RefNonNull:
		return &wireRef{Kind: "NON_NULL", OfType: wireRefOf(t.OfType, kinds)}
	}
	return namedWireRef(kinds[t.Name], t.Name)
}

func namedWireRef(kind, name string) *wireRef {
	n := name
	return &wireRef{Kind: kind, Name: &n}
}
