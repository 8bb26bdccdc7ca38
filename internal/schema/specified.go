package schema

// specifiedDirectives returns the directives the GraphQL specification
// defines, as graphql-js 16 defines them, limited to what a server with the
// given capabilities supports. The model leaves them out (docs/breaking-changes.md §1.3); the
// canonical introspection JSON puts them back so that it stays a complete
// introspection result.
func specifiedDirectives(caps Capabilities) []*Directive {
	str := func(s string) *string { return &s }
	boolean := NonNullOf(Named("Boolean"))
	dirs := []*Directive{
		{
			Name:        "include",
			Description: str("Directs the executor to include this field or fragment only when the `if` argument is true."),
			Locations:   []string{"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"},
			Args:        []*InputValue{{Name: "if", Description: str("Included when true."), Type: boolean}},
		},
		{
			Name:        "skip",
			Description: str("Directs the executor to skip this field or fragment when the `if` argument is true."),
			Locations:   []string{"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"},
			Args:        []*InputValue{{Name: "if", Description: str("Skipped when true."), Type: boolean}},
		},
		{
			Name:        "deprecated",
			Description: str("Marks an element of a GraphQL schema as no longer supported."),
			Locations:   []string{"FIELD_DEFINITION", "ENUM_VALUE"},
			Args: []*InputValue{{
				Name:         "reason",
				Description:  str("Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)."),
				Type:         Named("String"),
				DefaultValue: str(`"No longer supported"`),
			}},
		},
	}
	if caps.InputValueDeprecation {
		dirs[2].Locations = []string{"FIELD_DEFINITION", "ARGUMENT_DEFINITION", "ENUM_VALUE", "INPUT_FIELD_DEFINITION"}
	}
	if caps.SpecifiedByURL {
		dirs = append(dirs, &Directive{
			Name:        "specifiedBy",
			Description: str("Exposes a URL that specifies the behavior of this scalar."),
			Locations:   []string{"SCALAR"},
			Args:        []*InputValue{{Name: "url", Description: str("The URL that specifies the behavior of this scalar."), Type: NonNullOf(Named("String"))}},
		})
	}
	if caps.InputObjectIsOneOf {
		dirs = append(dirs, &Directive{
			Name:        "oneOf",
			Description: str("Indicates exactly one field must be supplied and this field must not be `null`."),
			Locations:   []string{"INPUT_OBJECT"},
		})
	}
	return dirs
}
