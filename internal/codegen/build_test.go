package codegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// goModule is a temporary Go module that tests generate packages into and
// build with the go command, as a user would.
type goModule struct {
	t   *testing.T
	dir string
}

// modulePath is the temporary module's path.
const modulePath = "example.com/generated"

func newGoModule(t *testing.T) *goModule {
	t.Helper()
	m := &goModule{t: t, dir: t.TempDir()}
	// The module a fixture binds a scalar to, as a user's own module.
	m.write("money/go.mod", "module "+moneyModule+"\n\ngo 1.24\n")
	m.write("money/money.go", "// Package money stands for a user's module that a scalar is bound to.\npackage money\n\n"+
		"// Amount is an amount of money.\ntype Amount struct {\n\tCents int64 `json:\"cents\"`\n}\n")
	// omitzero, which Optional relies on, is Go 1.24.
	m.write("go.mod", "module "+modulePath+"\n\ngo 1.24\n\nrequire "+moneyModule+" v0.0.0\n\nreplace "+moneyModule+" => ./money\n")
	return m
}

func (m *goModule) write(rel, content string) {
	m.t.Helper()
	path := filepath.Join(m.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		m.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		m.t.Fatal(err)
	}
}

// addPackage writes generated files into the package directory rel.
func (m *goModule) addPackage(rel string, files map[string][]byte) {
	m.t.Helper()
	for name, src := range files {
		m.write(rel+"/"+name, string(src))
	}
}

// goCommand runs the go command in the module, offline, and fails the test
// with its output if it fails.
func (m *goModule) goCommand(args ...string) string {
	m.t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		m.t.Fatalf("the go command is needed to build the generated code: %v", err)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = m.dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		m.t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestFixturePackagesBuild builds and vets the package of every fixture.
func TestFixturePackagesBuild(t *testing.T) {
	m := newGoModule(t)
	for _, fx := range fixtures {
		m.addPackage(fx.name, generate(t, loadFixture(t, fx.name), fx.cfg))
	}
	m.goCommand("build", "./...")
	m.goCommand("vet", "./...")
}

// TestRailwayPackagesBuild builds and vets the package of the newest
// Railway version and of older ones spread over the corpus.
func TestRailwayPackagesBuild(t *testing.T) {
	versions := testcorpus.Railway(t)
	m := newGoModule(t)
	for i, v := range versions {
		if i%8 != 0 && i != len(versions)-1 {
			continue
		}
		s, err := schema.LoadFile(v.Path)
		if err != nil {
			t.Fatal(err)
		}
		name := "railway" + v.File[:3]
		m.addPackage(name, generate(t, s, Config{Package: name}))
		t.Logf("generated %s from %s (%d types)", name, v.File, len(s.Types))
	}
	m.goCommand("build", "./...")
	m.goCommand("vet", "./...")
}
