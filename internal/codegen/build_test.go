package codegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
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

// envAllVersions asks TestRailwayPackagesBuild for every Railway version,
// not a spread of them.
const envAllVersions = "SCHEMAWATCH_ALL_VERSIONS"

// TestRailwayPackagesBuild builds and vets, in one go, the package of the
// newest Railway version and of older ones spread over the corpus (every
// version with SCHEMAWATCH_ALL_VERSIONS=1), and of large generated schemas
// that are not Railway's; and runs staticcheck on them when it is
// installed, as users' linters do.
func TestRailwayPackagesBuild(t *testing.T) {
	versions := testcorpus.Railway(t)
	all := os.Getenv(envAllVersions) == "1"
	m := newGoModule(t)
	generated := map[string]schemagen.Config{"generatedmedium": {Seed: 7, Entities: 120}}
	if all {
		generated["generatedlarge"] = schemagen.Large
	}
	for name, cfg := range generated {
		m.addPackage(name, generate(t, schemagen.Generate(cfg), Config{Package: name}))
	}
	// staticcheck takes long: by default it checks the newest version
	// and a generated schema, which hold every construct the others do.
	linted := []string{"./generatedmedium/..."}
	for i, v := range versions {
		if !all && i%8 != 0 && i != len(versions)-1 {
			continue
		}
		s, err := schema.LoadFile(v.Path)
		if err != nil {
			t.Fatal(err)
		}
		name := "railway" + v.File[:3]
		m.addPackage(name, generate(t, s, Config{Package: name}))
		t.Logf("generated %s from %s (%d types)", name, v.File, len(s.Types))
		if i == len(versions)-1 {
			linted = append(linted, "./"+name+"/...")
		}
	}
	m.goCommand("build", "./...")
	m.goCommand("vet", "./...")
	if all {
		linted = []string{"./..."}
	}
	m.staticcheck(linted...)
}

// staticcheck runs staticcheck on the packages, if it is installed: the
// generated code must not trip users' linters.
func (m *goModule) staticcheck(pkgs ...string) {
	m.t.Helper()
	tool, err := exec.LookPath("staticcheck")
	if err != nil {
		home, _ := os.UserHomeDir()
		if tool = filepath.Join(home, "go", "bin", "staticcheck"); !fileExists(tool) {
			m.t.Log("staticcheck is not installed: not run on the generated code")
			return
		}
	}
	cmd := exec.Command(tool, pkgs...)
	cmd.Dir = m.dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		lines := strings.Split(string(out), "\n")
		if len(lines) > 30 {
			lines = append(lines[:30], "…")
		}
		m.t.Errorf("staticcheck on the generated code: %v\n%s", err, strings.Join(lines, "\n"))
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
