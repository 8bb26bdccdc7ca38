package codegen

import (
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

func TestParseBinding(t *testing.T) {
	tests := []struct {
		in      string
		scalar  string
		want    GoType
		wantErr string
	}{
		{"DateTime=time.Time", "DateTime", GoType{"time", "Time"}, ""},
		{"JSON=encoding/json.RawMessage", "JSON", GoType{"encoding/json", "RawMessage"}, ""},
		{"Decimal=github.com/shopspring/decimal.Decimal", "Decimal", GoType{"github.com/shopspring/decimal", "Decimal"}, ""},
		{"Node=gopkg.in/yaml.v3.Node", "Node", GoType{"gopkg.in/yaml.v3", "Node"}, ""},
		{"BigInt=int64", "BigInt", GoType{"", "int64"}, ""},
		{"BigInt", "", GoType{}, "is not Scalar=importpath.Type"},
		{"=time.Time", "", GoType{}, "is not Scalar=importpath.Type"},
		{"BigInt=", "", GoType{}, "is not Scalar=importpath.Type"},
		{"BigInt=bigint", "", GoType{}, "neither a predeclared type"},
		{"BigInt=*big.Int", "", GoType{}, "malformed import path"},
		{"BigInt=math/big.int", "", GoType{}, "is not an exported type name"},
		{"BigInt=math/big.", "", GoType{}, "is not an exported type name"},
	}
	for _, tt := range tests {
		scalar, got, err := ParseBinding(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseBinding(%q): error %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || scalar != tt.scalar || got != tt.want {
			t.Errorf("ParseBinding(%q) = %q, %+v, %v; want %q, %+v", tt.in, scalar, got, err, tt.scalar, tt.want)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	s, err := schema.ParseSDL("test.graphql", "type Query { at: DateTime, p: Project }\nscalar DateTime\ntype Project { id: ID! }")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"no package", Config{}, "no package name"},
		{"keyword", Config{Package: "type"}, "is not a Go identifier"},
		{"not an identifier", Config{Package: "my-api"}, "is not a Go identifier"},
		{"main", Config{Package: "main"}, "cannot be imported"},
		{"non-scalar binding", Config{Package: "api", Bindings: map[string]GoType{"Project": {"time", "Time"}}}, "cannot bind Project to time.Time: it is an object type, and only scalars can be bound"},
		{"unparsable binding", Config{Package: "api", Bindings: map[string]GoType{"DateTime": {"", "time.Time"}}}, "binding of DateTime"},
	}
	for _, tt := range tests {
		_, err := Generate(s, tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
	cfg := Config{Package: "api", Bindings: map[string]GoType{"Gone": {"", "string"}, "DateTime": {"", "string"}}}
	if _, err := Generate(s, cfg); err != nil {
		t.Errorf("a binding of a scalar the schema lacks: %v, want it ignored", err)
	}
	if got := cfg.UnusedBindings(s); len(got) != 1 || got[0] != "Gone" {
		t.Errorf("UnusedBindings = %v, want [Gone]", got)
	}
}

// TestScalarDefaults: well-known custom scalars get fitting Go types by
// name or by specifiedByURL; a binding overrides any of them.
func TestScalarDefaults(t *testing.T) {
	rfc := "https://datatracker.ietf.org/doc/html/rfc3339"
	other := "https://example.com/spec/money"
	timeT, str, num := GoType{ImportPath: "time", Name: "Time"}, GoType{Name: "string"}, GoType{ImportPath: "encoding/json", Name: "Number"}
	for _, tc := range []struct {
		name        string
		specifiedBy *string
		bind        *GoType
		want        GoType
		known       bool
	}{
		{"DateTime", nil, nil, timeT, true},
		{"Timestamp", nil, nil, timeT, true},
		{"ISO8601DateTime", nil, nil, timeT, true},
		{"When", &rfc, nil, timeT, true},
		{"When", &other, nil, rawJSON, false},
		{"Date", nil, nil, str, true},
		{"URI", nil, nil, str, true},
		{"HTML", nil, nil, str, true},
		{"GitObjectID", nil, nil, str, true},
		{"AvatarUrl", nil, nil, str, true},
		{"BigInt", nil, nil, num, true},
		{"Long", nil, nil, num, true},
		{"JSON", nil, nil, rawJSON, true},
		{"JSONObject", nil, nil, rawJSON, true},
		{"Money", nil, nil, rawJSON, false},
		{"DateTime", nil, &GoType{Name: "string"}, str, true},
		{"BigInt", nil, &GoType{Name: "int64"}, GoType{Name: "int64"}, true},
	} {
		cfg := Config{Package: "api"}
		if tc.bind != nil {
			cfg.Bindings = map[string]GoType{tc.name: *tc.bind}
		}
		got, known := cfg.scalarGoType(tc.name, tc.specifiedBy)
		if got != tc.want || known != tc.known {
			t.Errorf("%s (specifiedBy %v, bind %v): %s, %v; want %s, %v", tc.name, tc.specifiedBy, tc.bind, got, known, tc.want, tc.known)
		}
	}
}
