package schemagen_test

import (
	"bytes"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// TestPairIsDeterministicAndValid: the same config gives byte-identical
// JSON, every version loads (every reference resolves, every input type is
// an input type), and the large config has the size the benchmarks claim.
func TestPairIsDeterministicAndValid(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cfg          schemagen.Config
		minTypes     int
		minBytes     int
		wantChanges  bool
		largeEnumMin int
	}{
		{name: "small", cfg: schemagen.Config{Seed: 7, Entities: 10, Changes: 30}, minTypes: 60, wantChanges: true},
		{name: "large", cfg: schemagen.Large, minTypes: 1600, minBytes: 5 << 20, wantChanges: true, largeEnumMin: 300},
		{name: "unchanged", cfg: schemagen.Config{Seed: 3, Entities: 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "large" && testing.Short() {
				t.Skip("large schema in -short mode")
			}
			old1, new1 := schemagen.Pair(tc.cfg)
			old2, new2 := schemagen.Pair(tc.cfg)
			oldJSON, newJSON := old1.MarshalIntrospection(), new1.MarshalIntrospection()
			if !bytes.Equal(oldJSON, old2.MarshalIntrospection()) || !bytes.Equal(newJSON, new2.MarshalIntrospection()) {
				t.Fatal("two runs with one config gave different schemas")
			}
			if bytes.Equal(oldJSON, newJSON) == tc.wantChanges {
				t.Fatalf("old and new equal: %v, want %v", bytes.Equal(oldJSON, newJSON), !tc.wantChanges)
			}
			for name, data := range map[string][]byte{"old": oldJSON, "new": newJSON} {
				s, err := schema.Load(name+".json", data)
				if err != nil {
					t.Fatalf("%s does not load: %v", name, err)
				}
				if len(s.Types) < tc.minTypes || len(data) < tc.minBytes {
					t.Errorf("%s: %d types, %d bytes; want at least %d and %d", name, len(s.Types), len(data), tc.minTypes, tc.minBytes)
				}
				for _, typ := range s.Types {
					for _, f := range typ.InputFields {
						if k := s.Type(f.Type.NamedType()).Kind; k == schema.KindObject || k == schema.KindInterface || k == schema.KindUnion {
							t.Errorf("%s: input field %s.%s has output type %s", name, typ.Name, f.Name, f.Type)
						}
					}
				}
				if tc.largeEnumMin > 0 {
					if n := len(s.Implementations("Node")); n < 200 {
						t.Errorf("%s: Node has %d implementations, want hundreds", name, n)
					}
					largest := 0
					for _, typ := range s.Types {
						largest = max(largest, len(typ.EnumValues))
					}
					if largest < tc.largeEnumMin {
						t.Errorf("%s: largest enum has %d values, want at least %d", name, largest, tc.largeEnumMin)
					}
				}
			}
		})
	}
}

// TestSeedsDiffer: another seed gives another schema.
func TestSeedsDiffer(t *testing.T) {
	a := schemagen.Generate(schemagen.Config{Seed: 1, Entities: 8}).MarshalIntrospection()
	b := schemagen.Generate(schemagen.Config{Seed: 2, Entities: 8}).MarshalIntrospection()
	if bytes.Equal(a, b) {
		t.Fatal("seeds 1 and 2 gave the same schema")
	}
}
