package schema

import "slices"

// CanonicalEqual reports whether a and b have the same canonical
// introspection JSON, bytes.Equal(a.MarshalIntrospection(),
// b.MarshalIntrospection()), without writing it: it compares exactly what
// MarshalIntrospection writes, under the same conditions. A watch cycle
// asks it of every fetched schema, and writing two large schemas only to
// compare them was a sixth of a cycle. TestCanonicalEqualAgreesWithJSON
// holds it to the bytes.
func CanonicalEqual(a, b *Schema) bool {
	if a.Capabilities != b.Capabilities || a.QueryType != b.QueryType ||
		a.MutationType != b.MutationType || a.SubscriptionType != b.SubscriptionType ||
		len(a.Types) != len(b.Types) || len(a.Directives) != len(b.Directives) {
		return false
	}
	c := canonicalComparer{a.Capabilities}
	// Equal type lists give equal kinds to every name a reference names,
	// and equal implementations to every interface.
	return slices.EqualFunc(a.Types, b.Types, c.namedType) &&
		slices.EqualFunc(a.Directives, b.Directives, c.directive)
}

type canonicalComparer struct{ caps Capabilities }

func (c canonicalComparer) description(a, b *string) bool {
	return !c.caps.Descriptions || optEqual(a, b)
}

func optEqual(a, b *string) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

func (c canonicalComparer) namedType(a, b *Type) bool {
	if a.Kind != b.Kind || a.Name != b.Name || !c.description(a.Description, b.Description) ||
		(c.caps.SpecifiedByURL && !optEqual(a.SpecifiedByURL, b.SpecifiedByURL)) ||
		(c.caps.InputObjectIsOneOf && a.Kind == KindInputObject && a.IsOneOf != b.IsOneOf) {
		return false
	}
	switch a.Kind {
	case KindObject, KindInterface:
		return slices.EqualFunc(a.Fields, b.Fields, c.field) && slices.Equal(a.Interfaces, b.Interfaces)
	case KindInputObject:
		return c.inputValues(a.InputFields, b.InputFields)
	case KindEnum:
		return slices.EqualFunc(a.EnumValues, b.EnumValues, func(x, y *EnumValue) bool {
			return x.Name == y.Name && c.description(x.Description, y.Description) &&
				x.IsDeprecated == y.IsDeprecated && optEqual(x.DeprecationReason, y.DeprecationReason)
		})
	case KindUnion:
		return slices.Equal(a.PossibleTypes, b.PossibleTypes)
	}
	return true
}

func (c canonicalComparer) field(a, b *Field) bool {
	return a.Name == b.Name && c.description(a.Description, b.Description) &&
		c.inputValues(a.Args, b.Args) && typeRefEqual(a.Type, b.Type) &&
		a.IsDeprecated == b.IsDeprecated && optEqual(a.DeprecationReason, b.DeprecationReason)
}

func (c canonicalComparer) inputValues(a, b []*InputValue) bool {
	return slices.EqualFunc(a, b, func(x, y *InputValue) bool {
		return x.Name == y.Name && c.description(x.Description, y.Description) &&
			typeRefEqual(x.Type, y.Type) && optEqual(x.DefaultValue, y.DefaultValue) &&
			(!c.caps.InputValueDeprecation ||
				(x.IsDeprecated == y.IsDeprecated && optEqual(x.DeprecationReason, y.DeprecationReason)))
	})
}

func (c canonicalComparer) directive(a, b *Directive) bool {
	return a.Name == b.Name && c.description(a.Description, b.Description) &&
		(!c.caps.DirectiveIsRepeatable || a.IsRepeatable == b.IsRepeatable) &&
		slices.Equal(a.Locations, b.Locations) && c.inputValues(a.Args, b.Args)
}

func typeRefEqual(a, b *TypeRef) bool {
	for a.Kind != RefNamed {
		if a.Kind != b.Kind {
			return false
		}
		a, b = a.OfType, b.OfType
	}
	return b.Kind == RefNamed && a.Name == b.Name
}
