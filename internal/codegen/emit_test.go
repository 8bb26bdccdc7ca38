package codegen

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// The agreement tests hold the declarations written directly (emit.go) to
// the reference: jennifer and go/format for every declaration, as the
// package generated before it wrote any directly. The two must give the
// same bytes, file for file.

// checkAgreement fails unless generating s both ways gives the same files.
func checkAgreement(t *testing.T, s *schema.Schema, cfg Config) {
	t.Helper()
	want, wantErr := generateWith(s, cfg, emitJennifer)
	got, gotErr := generateWith(s, cfg, emitDirect)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("direct: error %v; reference: error %v", gotErr, wantErr)
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for name := range want {
			yield(name)
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				yield(name)
			}
		}
	}) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs from the reference: %s", name, firstDifference(got[name], want[name]))
		}
	}
}

// firstDifference describes the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			from := max(0, i-3)
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q\nwant lines %d-%d:\n%s", i+1, gl, wl, from+1, i+1,
				strings.Join(w[from:min(len(w), i+1)], "\n"))
		}
	}
	return "same lines"
}

func TestDirectEmitAgreesOnFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			checkAgreement(t, loadFixture(t, fx.name), fx.cfg)
		})
	}
	t.Run("operations", func(t *testing.T) {
		checkAgreement(t, loadOpsFixture(t), Config{Package: "ops", Operations: fixtureOperations(t)})
	})
	t.Run("hostile", func(t *testing.T) {
		checkAgreement(t, hostileSchema(t), Config{Package: "hostile"})
	})
}

func TestDirectEmitAgreesOnDemo(t *testing.T) {
	for _, v := range []demo.Version{demo.V1, demo.V2} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			checkAgreement(t, demo.Schema(v), Config{Package: "demoapi"})
		})
	}
}

func TestDirectEmitAgreesOnGeneratedSchemas(t *testing.T) {
	for _, cfg := range []schemagen.Config{
		{Seed: 1, Entities: 12},
		{Seed: 2, Entities: 17},
		{Seed: 3, Entities: 60},
		{Seed: 7, Entities: 120},
		schemagen.Large,
	} {
		t.Run(fmt.Sprintf("seed %d, %d entities", cfg.Seed, cfg.Entities), func(t *testing.T) {
			checkAgreement(t, schemagen.Generate(cfg), Config{Package: "large"})
		})
	}
}

func TestDirectEmitAgreesOnRailway(t *testing.T) {
	for _, v := range testcorpus.Railway(t) {
		t.Run(v.File, func(t *testing.T) {
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			checkAgreement(t, s, Config{Package: "railway"})
		})
	}
	t.Run("operations", func(t *testing.T) {
		checkAgreement(t, newestRailway(t), Config{Package: "railway", Operations: railwayOperations(t),
			SkipInvalidOperations: true})
	})
}
