package codegen

import (
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/module"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Config says what to generate.
type Config struct {
	// Package is the name of the generated package.
	Package string

	// Bindings map GraphQL scalars to Go types of the user's choosing,
	// standard scalars included. They take precedence over the defaults:
	// the standard scalars' Go types, WellKnownScalars, and json.RawMessage
	// for every other custom scalar. A binding to a type outside the
	// standard library makes the generated package import that package:
	// the user's explicit choice. A binding for a scalar the schema does
	// not have is ignored (see UnusedBindings), so that a fixed
	// configuration outlives the scalar.
	Bindings map[string]GoType

	// Operations, when set, adds a typed client to the package: a
	// function for each operation, with response and variables types
	// shaped by it (see opclient.go). An operation that does not validate
	// against the schema fails Generate with *InvalidOperationsError,
	// unless SkipInvalidOperations, which leaves it out and lists it in the
	// package documentation.
	Operations            *Operations
	SkipInvalidOperations bool

	// Spellings are brand spellings, such as PlayStation, that Go names use
	// besides DefaultSpellings: playstationGame becomes PlayStationGame
	// rather than PlaystationGame. Adding one renames the Go identifiers
	// that hold the word, a breaking change for the package's users: choose
	// them once.
	Spellings []string
}

// spellings returns the spellings names use; check has checked them.
func (c *Config) spellings() spellings {
	if len(c.Spellings) == 0 {
		return defaultSpellings()
	}
	return mustSpellings(c.Spellings)
}

// GoType names a Go type: a predeclared one ("string", "int64") when
// ImportPath is empty, else the exported type Name of the package at
// ImportPath.
type GoType struct {
	ImportPath string
	Name       string
}

// String returns the type as ParseGoType reads it: "int64", "time.Time".
func (t GoType) String() string {
	if t.ImportPath == "" {
		return t.Name
	}
	return t.ImportPath + "." + t.Name
}

// The standard scalars' Go types. Int is Go's int, as in gqlgen and
// genqlient: GraphQL's Int is 32-bit, which int always holds.
var standardScalars = map[string]GoType{
	"String":  {Name: "string"},
	"ID":      {Name: "string"},
	"Int":     {Name: "int"},
	"Float":   {Name: "float64"},
	"Boolean": {Name: "bool"},
}

// WellKnownScalars are the custom scalars whose wire format is settled
// enough to pick a Go type for by name. Beyond them (see scalarGoType), a
// scalar whose specifiedByURL names RFC 3339 is a time.Time, and one whose
// name ends in ID, URL, URI or HTML is a string.
var WellKnownScalars = sync.OnceValue(func() map[string]GoType {
	scalars := map[string]GoType{}
	for list, t := range map[*[]string]GoType{
		&dateTimeScalars:  {ImportPath: "time", Name: "Time"},
		&stringScalars:    {Name: "string"},
		&bigNumberScalars: {ImportPath: "encoding/json", Name: "Number"},
		&jsonScalars:      rawJSON,
	} {
		for _, name := range *list {
			scalars[name] = t
		}
	}
	return scalars
})

// The well-known scalars by Go type; see WellKnownScalars.
var (
	// RFC 3339 date-times, which is what time.Time reads and writes.
	dateTimeScalars = []string{"DateTime", "Datetime", "DateTimeISO", "DateTimeUtc", "ISO8601DateTime", "Instant",
		"OffsetDateTime", "PreciseDateTime", "GitTimestamp", "Timestamp", "Timestamptz", "UtcDateTime", "ZonedDateTime"}
	// Strings: dates without a time (time.Time cannot read them), URLs,
	// markup, addresses, identifiers and codes.
	stringScalars = []string{"Base64", "Base64String", "Color", "CountryCode", "CurrencyCode", "Cursor", "Date",
		"Duration", "Email", "EmailAddress", "GitRefname", "GitSSHRemote", "Handle", "HexColor", "Hostname", "HTML",
		"Html", "IPAddress", "IPv4", "IPv6", "LanguageCode", "LocalDate", "Locale", "Markdown", "PhoneNumber", "Slug",
		"TimeZone", "Timezone", "URI", "URL", "Uri", "Url", "UUID", "Uuid", "X509Certificate"}
	// Integers and decimals past float64's 53 bits: json.Number keeps
	// every digit, whether the server sends a number or a string of one.
	bigNumberScalars = []string{"BigDecimal", "BigInt", "BigInteger", "Decimal", "Int64", "Long", "UnsignedInt64"}
	// Any JSON value.
	jsonScalars = []string{"Any", "JSON", "JSONObject", "JSONValue", "Map", "Object"}
)

// rawJSON is the Go type of every other custom scalar: its wire format is
// the server's to choose, and the raw JSON holds any of them unchanged.
var rawJSON = GoType{ImportPath: "encoding/json", Name: "RawMessage"}

// scalarGoType returns the Go type of a scalar and whether it comes from a
// binding or a default (rather than the raw-JSON fallback). specifiedByURL
// is the scalar's, if any.
func (c *Config) scalarGoType(name string, specifiedByURL *string) (t GoType, known bool) {
	if t, ok := c.Bindings[name]; ok {
		return t, true
	}
	if t, ok := standardScalars[name]; ok {
		return t, true
	}
	if t, ok := WellKnownScalars()[name]; ok {
		return t, true
	}
	if specifiedByURL != nil && rfc3339.MatchString(*specifiedByURL) {
		return WellKnownScalars()["DateTime"], true
	}
	for _, suffix := range []string{"ID", "Id", "URL", "Url", "URI", "Uri", "HTML", "Html"} {
		if strings.HasSuffix(name, suffix) {
			return GoType{Name: "string"}, true
		}
	}
	return rawJSON, false
}

// rfc3339 matches the specifiedByURL of a scalar that is an RFC 3339
// date-time: https://datatracker.ietf.org/doc/html/rfc3339,
// https://tools.ietf.org/html/rfc3339#section-5.6, scalars.graphql.org's
// date-time specification.
var rfc3339 = lazyregexp.New(`(?i)rfc-?3339|scalars\.graphql\.org/.*date-?time`)

// predeclared are the predeclared types a scalar may be bound to.
var predeclared = map[string]bool{
	"any": true, "bool": true, "string": true, "byte": true, "rune": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true,
}

// ParseGoType reads a Go type as the --bind flag gives it: a predeclared
// type ("int64") or an import path, a dot and an exported type name
// ("time.Time", "github.com/shopspring/decimal.Decimal").
func ParseGoType(s string) (GoType, error) {
	dot := strings.LastIndexByte(s, '.')
	if dot < 0 {
		if predeclared[s] {
			return GoType{Name: s}, nil
		}
		return GoType{}, fmt.Errorf("type %q is neither a predeclared type such as int64 nor importpath.Type such as time.Time", s)
	}
	t := GoType{ImportPath: s[:dot], Name: s[dot+1:]}
	if !token.IsIdentifier(t.Name) || !token.IsExported(t.Name) {
		return GoType{}, fmt.Errorf("type %q: %q is not an exported type name", s, t.Name)
	}
	if err := module.CheckImportPath(t.ImportPath); err != nil {
		return GoType{}, fmt.Errorf("type %q: %w", s, err)
	}
	return t, nil
}

// ParseBinding reads a --bind flag: "Scalar=importpath.Type".
func ParseBinding(s string) (scalar string, t GoType, err error) {
	scalar, goType, ok := strings.Cut(s, "=")
	if !ok || scalar == "" || goType == "" {
		return "", GoType{}, fmt.Errorf("binding %q is not Scalar=importpath.Type (for example DateTime=time.Time)", s)
	}
	t, err = ParseGoType(goType)
	if err != nil {
		return "", GoType{}, fmt.Errorf("binding %q: %w", s, err)
	}
	return scalar, t, nil
}

// UnusedBindings returns the bound scalar names the schema does not have,
// sorted, for a command to warn about.
func (c *Config) UnusedBindings(s *schema.Schema) []string {
	var unused []string
	for name := range c.Bindings {
		if s.Type(name) == nil {
			unused = append(unused, name)
		}
	}
	slices.Sort(unused)
	return unused
}

// check reports a configuration that cannot generate a package for s.
func (c *Config) check(s *schema.Schema) error {
	switch {
	case c.Package == "":
		return fmt.Errorf("codegen: no package name")
	case !token.IsIdentifier(c.Package):
		return fmt.Errorf("codegen: package name %q is not a Go identifier (a keyword, or not letters, digits and underscores)", c.Package)
	case c.Package == "main" || c.Package == "_":
		return fmt.Errorf("codegen: package name %q cannot be imported; choose another", c.Package)
	}
	for _, w := range c.Spellings {
		if err := CheckSpelling(w); err != nil {
			return fmt.Errorf("codegen: %w", err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Bindings)) {
		if t := s.Type(name); t != nil && t.Kind != schema.KindScalar {
			return fmt.Errorf("codegen: cannot bind %s to %s: it is %s, and only scalars can be bound", name, c.Bindings[name], kindPhrase(t.Kind))
		}
		if err := checkGoType(c.Bindings[name]); err != nil {
			return fmt.Errorf("codegen: binding of %s: %w", name, err)
		}
	}
	return nil
}

// checkGoType checks a GoType built in code rather than parsed.
func checkGoType(t GoType) error {
	parsed, err := ParseGoType(t.String())
	if err != nil {
		return err
	}
	if parsed != t {
		return fmt.Errorf("GoType{ImportPath: %q, Name: %q} names no type: Name must be a predeclared type, or an exported type of the package at ImportPath", t.ImportPath, t.Name)
	}
	return nil
}
