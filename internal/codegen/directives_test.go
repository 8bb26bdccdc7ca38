package codegen

import (
	"fmt"
	"go/build/constraint"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// hostileDescriptions are description texts that a Go tool would read as a
// directive if they reached the start of a comment line: build constraints
// (which go/format even moves in front of the package clause, dropping the
// file from the package), compiler and cgo directives, line directives.
var hostileDescriptions = []string{
	"+build ignore",
	"   +build ignore",
	"\u00a0+build ignore",
	"\u2003\u3000+build ignore",
	"\t+build windows",
	"\r+build ignore",
	"\v\f+build ignore",
	"A paragraph.\n\n    +build windows\n    +build linux",
	"First line\n+build ignore",
	"go:build ignore",
	"//go:build ignore",
	"go:generate rm -rf /",
	"go:linkname x runtime.x",
	"go:embed *",
	"go:noinline",
	"line evil.go:1",
	"export Evil",
	"extern evil",
	"#cgo LDFLAGS: -levil",
	"#include <evil.h>",
	"nolint:all",
	"+build",
}

// hostileSchema gives every kind of generated declaration (scalar, enum and
// enum value, input object and field, object, field and argument default,
// interface, union, deprecation reason) one of the hostile descriptions, so
// that every generated file carries them.
func hostileSchema(t *testing.T) *schema.Schema {
	t.Helper()
	var b strings.Builder
	next := 0
	d := func() string {
		s := graphQLString(hostileDescriptions[next%len(hostileDescriptions)])
		next++
		return s
	}
	b.WriteString("type Query {\n")
	for i := range hostileDescriptions {
		b.WriteString("  " + d() + " f" + strconv.Itoa(i) + "(a: String = " + d() + "): Obj @deprecated(reason: " + d() + ")\n")
	}
	b.WriteString("  i: Iface\n  u: Uni\n  s: Scal\n  e: En\n  in(x: In): Int\n}\n")
	b.WriteString(d() + " type Obj implements Iface { " + d() + " id: ID }\n")
	b.WriteString(d() + " interface Iface { " + d() + " id: ID }\n")
	b.WriteString(d() + " union Uni = Obj\n")
	b.WriteString(d() + " scalar Scal\n")
	b.WriteString(d() + " enum En { " + d() + " A " + d() + " B @deprecated(reason: " + d() + ") }\n")
	b.WriteString(d() + " input In { " + d() + " x: String = " + d() + " }\n")
	s, err := schema.ParseSDL("hostile.graphql", b.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return s
}

// graphQLString quotes s as a GraphQL string literal, control characters
// as \u escapes (GraphQL has no \v or \f).
func graphQLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString("\\" + string(r))
		case r < 0x20:
			b.WriteString(fmt.Sprintf("\\u%04x", r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestDescriptionsNeverBecomeDirectives generates a package from
// descriptions that spell directives, and checks that no line of it is one
// and that the go command builds, vets and lists every file in the package.
func TestDescriptionsNeverBecomeDirectives(t *testing.T) {
	files := generate(t, hostileSchema(t), Config{Package: "hostile"})
	for name, src := range files {
		for i, line := range strings.Split(string(src), "\n") {
			if isDirectiveLine(line) {
				t.Errorf("%s:%d is a directive: %q", name, i+1, line)
			}
		}
	}
	m := newGoModule(t)
	m.addPackage("hostile", files)
	m.goCommand("build", "./...")
	m.goCommand("vet", "./...")
	listed := strings.Fields(strings.Trim(strings.TrimSpace(m.goCommand("list", "-f", "{{.GoFiles}}", "./hostile")), "[]"))
	slices.Sort(listed)
	if want := slices.Sorted(maps.Keys(files)); !slices.Equal(listed, want) {
		t.Errorf("the package holds %v, want every generated file %v", listed, want)
	}
	ignored := strings.TrimSpace(m.goCommand("list", "-f", "{{.IgnoredGoFiles}}", "./hostile"))
	if ignored != "[]" {
		t.Errorf("files left out of the package: %s", ignored)
	}
}

// isDirectiveLine reports whether a line of Go source is read by a Go tool
// as more than a comment: a build constraint, a //go:, //line, //export or
// //extern directive, or a cgo line.
func isDirectiveLine(line string) bool {
	trimmed := strings.TrimSpace(line)
	if constraint.IsGoBuild(trimmed) || constraint.IsPlusBuild(trimmed) {
		return true
	}
	for _, prefix := range []string{"//go:", "//line ", "//export ", "//extern ", "/*line ", "#cgo", "//sys"} {
		if strings.HasPrefix(trimmed, prefix) {
			return true
		}
	}
	// go/format reads "// +build" with any spacing, so be as lenient.
	body, ok := strings.CutPrefix(trimmed, "//")
	return ok && strings.HasPrefix(strings.TrimSpace(body), "+build")
}

func TestCommentTextNeutralisesDirectives(t *testing.T) {
	for _, text := range hostileDescriptions {
		got := commentText(doc{text})
		for _, line := range strings.Split(got, "\n") {
			if isDirectiveLine(line) {
				t.Errorf("commentText(%q) has the directive line %q", text, line)
			}
		}
		if !strings.Contains(strings.Map(dropControl, got), strings.TrimSpace(strings.Map(dropControl, strings.Split(text, "\n")[0]))) {
			t.Errorf("commentText(%q) = %q: the text is lost", text, got)
		}
	}
}
