package schema

// WireMarshalIntrospection is the reference encoding of the canonical
// introspection JSON, for the external tests.
var WireMarshalIntrospection = wireMarshalIntrospection
