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
