package codegen

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestOperationClientsBuildAndRoundTrip generates the typed client of the
// operations fixture and of Railway's 140 operations against the newest
// schema, builds, vets and (when it is installed) staticchecks both in one
// module, and then, against the reference GraphQL server serving each
// schema, calls every generated function with sample variables: the
// request must be accepted and the mocked response decode into the typed
// response without error.
func TestOperationClientsBuildAndRoundTrip(t *testing.T) {
	type target struct {
		pkg    string
		s      *schema.Schema
		schema string // the file the reference server serves
		ops    *Operations
	}
	targets := []target{
		{"ops", loadOpsFixture(t), filepath.Join(opsFixture, "schema.graphql"), fixtureOperations(t)},
		{"railway", newestRailway(t), testcorpus.Newest(t).Path, railwayOperations(t)},
	}
	m := newGoModule(t)
	for _, tg := range targets {
		cfg := Config{Package: tg.pkg, Operations: tg.ops, SkipInvalidOperations: true}
		files := generate(t, tg.s, cfg)
		m.addPackage(tg.pkg, files)
		m.write("cmd/"+tg.pkg+"/main.go", roundTripMain(t, tg.s, cfg))
		n := 0
		for name, src := range files {
			if strings.HasPrefix(name, "op_") {
				n += strings.Count(string(src), "\n")
			}
		}
		t.Logf("%s: %d operations, %d lines of operation code in op_*.go", tg.pkg, tg.ops.Len(), n)
	}
	m.goCommand("build", "./...")
	m.goCommand("vet", "./...")
	if sc, err := exec.LookPath("staticcheck"); err == nil {
		m.run(sc, "./...")
	} else if sc := "/root/go/bin/staticcheck"; fileExists(sc) {
		m.run(sc, "./...")
	} else {
		t.Log("staticcheck is not installed: not run")
	}
	for _, tg := range targets {
		t.Run(tg.pkg, func(t *testing.T) {
			schemaFile, err := filepath.Abs(tg.schema)
			if err != nil {
				t.Fatal(err)
			}
			url := testcorpus.GraphQLServer(t, schemaFile, "--token", "t")
			out := m.goCommand("run", "./cmd/"+tg.pkg, url)
			t.Log(strings.TrimSpace(out))
		})
	}
}

// run runs a command in the module and fails the test with its output if
// it fails.
func (m *goModule) run(name string, args ...string) {
	m.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = m.dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		m.t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

// roundTripMain is a program that calls every function of the package
// generated for s with cfg, against the endpoint its first argument names,
// and fails unless every call returns its data without error.
func roundTripMain(t *testing.T, s *schema.Schema, cfg Config) string {
	t.Helper()
	ops, _, err := checkOperations(s, cfg.Operations)
	if err != nil {
		t.Fatal(err)
	}
	p := convertAll(s, &cfg, ops)
	smp := &sampler{s: s, cfg: &cfg}
	var b strings.Builder
	fmt.Fprintf(&b, `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	api %q
)

func main() {
	c := &api.Client{Endpoint: os.Args[1], Header: func(h http.Header) { h.Set("Authorization", "Bearer t") }}
	ctx := context.Background()
	calls, failed := 0, 0
	check := func(name string, data any, isNil bool, err error) {
		calls++
		switch {
		case err != nil:
			fmt.Printf("%%s: %%v\n", name, err)
			failed++
		case isNil:
			fmt.Printf("%%s: no data\n", name)
			failed++
		}
	}
	_ = json.Unmarshal
`, modulePath+"/"+cfg.Package)
	for _, d := range p.operations {
		if d.kind == "subscription" {
			continue
		}
		args := []string{"ctx", "c"}
		fmt.Fprintf(&b, "\t{\n")
		if d.variables != nil {
			vars := map[string]any{}
			for _, def := range ops[indexOf(p.operations, d)].doc.Operations[0].VariableDefinitions {
				if def.Type.NonNull && def.DefaultValue == nil {
					vars[def.Variable] = smp.inputValue(typeRef(def.Type), 0, inputAbsent)
				}
			}
			data, err := json.Marshal(vars)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "\t\tvar v api.%s\n\t\tif err := json.Unmarshal([]byte(%s), &v); err != nil {\n\t\t\tpanic(err)\n\t\t}\n",
				d.variables.name, strconv.Quote(string(data)))
			for _, prm := range d.params {
				args = append(args, "v."+prm.field.name)
			}
		}
		fmt.Fprintf(&b, "\t\tdata, err := api.%s(%s)\n\t\tcheck(%q, data, data == nil, err)\n\t}\n", d.fn, strings.Join(args, ", "), d.id)
	}
	b.WriteString("\tfmt.Printf(\"%d calls, %d failed\\n\", calls, failed)\n\tif failed > 0 {\n\t\tos.Exit(1)\n\t}\n}\n")
	return b.String()
}

func indexOf(list []*operationDecl, d *operationDecl) int {
	for i, x := range list {
		if x == d {
			return i
		}
	}
	panic("not in the list")
}

// typeRef converts a gqlparser type to the schema model's.
func typeRef(t *ast.Type) *schema.TypeRef {
	var ref *schema.TypeRef
	if t.Elem != nil {
		ref = schema.ListOf(typeRef(t.Elem))
	} else {
		ref = schema.Named(t.NamedType)
	}
	if t.NonNull {
		ref = schema.NonNullOf(ref)
	}
	return ref
}
