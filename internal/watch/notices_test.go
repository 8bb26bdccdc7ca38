package watch

import (
	"slices"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// allDeprecations maps the path of every field, argument, input field,
// enum value and directive argument of s to its deprecation, later
// members overwriting earlier ones: what the notices were built from
// before they looked elements up one by one, kept as their oracle.
func allDeprecations(s *schema.Schema) map[string]deprecation {
	out := map[string]deprecation{}
	args := func(owner string, list []*schema.InputValue) {
		for _, a := range list {
			out[owner+"."+a.Name] = deprecation{a.IsDeprecated, a.DeprecationReason}
		}
	}
	for _, t := range s.Types {
		for _, f := range t.Fields {
			out[t.Name+"."+f.Name] = deprecation{f.IsDeprecated, f.DeprecationReason}
			args(t.Name+"."+f.Name, f.Args)
		}
		args(t.Name, t.InputFields)
		for _, v := range t.EnumValues {
			out[t.Name+"."+v.Name] = deprecation{v.IsDeprecated, v.DeprecationReason}
		}
	}
	for _, d := range s.Directives {
		args("@"+d.Name, d.Args)
	}
	return out
}

// TestDeprecationLookupMatchesTheFullMap: every path of a schema looks up
// the deprecation the full map holds, paths it lacks (and malformed ones)
// are not found, and the deprecated paths are the map's.
func TestDeprecationLookupMatchesTheFullMap(t *testing.T) {
	old, new := schemagen.Pair(schemagen.Config{Seed: 7, Entities: 20, Changes: 60})
	tests := []struct {
		name string
		s    *schema.Schema
	}{
		{"demo v1", demo.Schema(demo.V1)},
		{"demo v2", demo.Schema(demo.V2)},
		{"generated old", old},
		{"generated new", new},
	}
	absent := []string{"", ".", "Nope", "Nope.f", "Query.nope", "Query.nope.a", "@nope.a", "@deprecated", "@deprecated.nope.x", "Query.a.b.c"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := allDeprecations(tt.s)
			for p, d := range want {
				got, ok := deprecationAt(tt.s, p)
				if !ok || got.deprecated != d.deprecated || got.reason != d.reason {
					t.Errorf("deprecationAt(%q) = %+v, %v; want %+v", p, got, ok, d)
				}
			}
			for _, p := range absent {
				_, inMap := want[p]
				if _, ok := deprecationAt(tt.s, p); ok != inMap {
					t.Errorf("deprecationAt(%q) found %v, the map %v", p, ok, inMap)
				}
			}
			var deprecated []string
			for p, d := range want {
				if d.deprecated {
					deprecated = append(deprecated, p)
				}
			}
			slices.Sort(deprecated)
			if got := deprecatedPaths(tt.s); !slices.Equal(got, deprecated) {
				t.Errorf("deprecatedPaths: %d paths, want %d", len(got), len(deprecated))
			}
			if len(deprecated) == 0 {
				t.Errorf("%s deprecates nothing: the test would prove nothing", tt.name)
			}
		})
	}
}
