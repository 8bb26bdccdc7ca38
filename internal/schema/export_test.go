package schema

// WireMarshalIntrospection is the reference encoding of the canonical
// introspection JSON, for the external tests.
var WireMarshalIntrospection = wireMarshalIntrospection

// WireParseIntrospection is the loader decodeIntrospection replaced: the
// reference it must agree with.
var WireParseIntrospection = wireParseIntrospection
