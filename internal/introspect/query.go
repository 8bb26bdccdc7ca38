package introspect

import (
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// typeRefDepth is how many levels of type reference the query asks for. A
// level is one wrapper or the named type: [[String!]!]! takes six, and ten
// covers four nested non-null lists of non-null items, more than any real
// schema uses (graphql-js 16 asks for eight). It is the loader's limit, so
// that an answer deeper than asked is refused, not amplified.
const typeRefDepth = schema.MaxTypeRefDepth

// Query returns the introspection query that asks for the given optional
// properties. Deprecated fields and enum values are always included: without
// includeDeprecated every deprecated element would look removed (docs/breaking-changes.md §1.5).
func Query(want schema.Capabilities) string {
	var b strings.Builder
	opt := func(on bool, s string) string {
		if on {
			return s
		}
		return ""
	}
	desc := opt(want.Descriptions, " description")
	inputDeprecated := opt(want.InputValueDeprecation, "(includeDeprecated: true)")

	b.WriteString("query IntrospectionQuery {\n  __schema {\n")
	b.WriteString("    queryType { name }\n    mutationType { name }\n    subscriptionType { name }\n")
	b.WriteString("    types { ...FullType }\n")
	b.WriteString("    directives { name" + desc + opt(want.DirectiveIsRepeatable, " isRepeatable") + " locations args" + inputDeprecated + " { ...InputValue } }\n")
	b.WriteString("  }\n}\n\n")

	b.WriteString("fragment FullType on __Type {\n  kind\n  name\n")
	if want.Descriptions {
		b.WriteString("  description\n")
	}
	if want.SpecifiedByURL {
		b.WriteString("  specifiedByURL\n")
	}
	if want.InputObjectIsOneOf {
		b.WriteString("  isOneOf\n")
	}
	b.WriteString("  fields(includeDeprecated: true) { name" + desc + " args" + inputDeprecated + " { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }\n")
	b.WriteString("  inputFields" + inputDeprecated + " { ...InputValue }\n")
	b.WriteString("  interfaces { ...TypeRef }\n")
	b.WriteString("  enumValues(includeDeprecated: true) { name" + desc + " isDeprecated deprecationReason }\n")
	b.WriteString("  possibleTypes { ...TypeRef }\n}\n\n")

	b.WriteString("fragment InputValue on __InputValue { name" + desc + " type { ...TypeRef } defaultValue")
	if want.InputValueDeprecation {
		b.WriteString(" isDeprecated deprecationReason")
	}
	b.WriteString(" }\n\n")

	b.WriteString("fragment TypeRef on __Type {")
	for range typeRefDepth - 1 {
		b.WriteString(" kind name ofType {")
	}
	b.WriteString(" kind name")
	for range typeRefDepth - 1 {
		b.WriteString(" }")
	}
	b.WriteString(" }\n")
	return b.String()
}

// capability is an optional introspection property the client can give up.
type capability struct {
	name string
	flag func(*schema.Capabilities) *bool
	// mentioned reports whether a server's error message is about it.
	mentioned func(msg string) bool
}

// fallbackOrder is the order in which optional properties are given up when
// the server rejects the query without saying which one it does not know:
// newest in the GraphQL specification first. Descriptions come last and are
// only given up when the server names them.
var fallbackOrder = []capability{
	{"isOneOf", func(c *schema.Capabilities) *bool { return &c.InputObjectIsOneOf },
		func(m string) bool { return strings.Contains(m, "isOneOf") }},
	{"input value deprecation", func(c *schema.Capabilities) *bool { return &c.InputValueDeprecation },
		func(m string) bool {
			// includeDeprecated on fields and enumValues is as old as
			// introspection, so a complaint about it is about args and
			// inputFields; so is one about __InputValue's deprecation fields.
			return strings.Contains(m, "includeDeprecated") ||
				(strings.Contains(m, "__InputValue") && (strings.Contains(m, "isDeprecated") || strings.Contains(m, "deprecationReason")))
		}},
	{"specifiedByURL", func(c *schema.Capabilities) *bool { return &c.SpecifiedByURL },
		func(m string) bool {
			return strings.Contains(m, "specifiedByURL") || strings.Contains(m, "specifiedByUrl")
		}},
	{"isRepeatable", func(c *schema.Capabilities) *bool { return &c.DirectiveIsRepeatable },
		func(m string) bool { return strings.Contains(m, "isRepeatable") }},
	{"descriptions", func(c *schema.Capabilities) *bool { return &c.Descriptions },
		func(m string) bool { return strings.Contains(m, `"description"`) }},
}

// fallback returns the capabilities to ask for after the server rejected a
// query for want with the given errors, and the name of what was given up.
// ok is false when the errors are not about the query's shape or nothing is
// left to give up: then retrying with less would only cost requests.
func fallback(want schema.Capabilities, errs []GraphQLError) (next schema.Capabilities, dropped string, ok bool) {
	for _, c := range fallbackOrder {
		if !*c.flag(&want) {
			continue
		}
		for _, e := range errs {
			if c.mentioned(e.Message) {
				*c.flag(&want) = false
				return want, c.name, true
			}
		}
	}
	if !isValidationError(errs) {
		return want, "", false
	}
	for _, c := range fallbackOrder[:len(fallbackOrder)-1] {
		if *c.flag(&want) {
			*c.flag(&want) = false
			return want, c.name, true
		}
	}
	return want, "", false
}

// isValidationError recognises a rejection of the query document itself, in
// the words and codes common GraphQL servers use.
func isValidationError(errs []GraphQLError) bool {
	for _, e := range errs {
		if code, _ := e.Extensions["code"].(string); code == "GRAPHQL_VALIDATION_FAILED" || code == "GRAPHQL_PARSE_FAILED" {
			return true
		}
		m := strings.ToLower(e.Message)
		for _, phrase := range []string{"cannot query field", "unknown argument", "unknown field", "validation", "is not defined", "undefined field"} {
			if strings.Contains(m, phrase) {
				return true
			}
		}
	}
	return false
}
