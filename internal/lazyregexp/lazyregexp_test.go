package lazyregexp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestEveryExpressionCompiles does what regexp.MustCompile at program start
// did: it finds every lazyregexp.New in the module and compiles its
// expression, so that a bad one fails the tests rather than a user's run.
func TestEveryExpressionCompiles(t *testing.T) {
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "New" || fmtExpr(sel.X) != "lazyregexp" || len(call.Args) != 1 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lazyregexp.New of something other than a string literal, which this test cannot check", path)
				return true
			}
			expr, err := strconv.Unquote(lit.Value)
			if err == nil {
				_, err = regexp.Compile(expr)
			}
			if err != nil {
				t.Errorf("%s: lazyregexp.New(%s): %v", path, lit.Value, err)
			}
			found++
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("found no lazyregexp.New in the module")
	}
}

func fmtExpr(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// TestMethodsAreRegexps: each method answers as regexp.Regexp's does.
func TestMethodsAreRegexps(t *testing.T) {
	const expr = `(?i)([a-z]+)-(\d+)`
	lazy, eager := New(expr), regexp.MustCompile(expr)
	for _, s := range []string{"", "abc-12 and XY-3", "none", "a-1a-2"} {
		upper := func(m string) string { return strings.ToUpper(m) }
		for _, tc := range []struct {
			method    string
			got, want any
		}{
			{"MatchString", lazy.MatchString(s), eager.MatchString(s)},
			{"FindString", lazy.FindString(s), eager.FindString(s)},
			{"FindStringIndex", lazy.FindStringIndex(s), eager.FindStringIndex(s)},
			{"FindStringSubmatch", lazy.FindStringSubmatch(s), eager.FindStringSubmatch(s)},
			{"FindStringSubmatchIndex", lazy.FindStringSubmatchIndex(s), eager.FindStringSubmatchIndex(s)},
			{"FindSubmatch", lazy.FindSubmatch([]byte(s)), eager.FindSubmatch([]byte(s))},
			{"ReplaceAllString", lazy.ReplaceAllString(s, "<$2>"), eager.ReplaceAllString(s, "<$2>")},
			{"ReplaceAllStringFunc", lazy.ReplaceAllStringFunc(s, upper), eager.ReplaceAllStringFunc(s, upper)},
			{"String", lazy.String(), eager.String()},
		} {
			if !equal(tc.got, tc.want) {
				t.Errorf("%s(%q) = %#v, regexp says %#v", tc.method, s, tc.got, tc.want)
			}
		}
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		return slices.Equal(a, b.([]string))
	case []int:
		return slices.Equal(a, b.([]int))
	case [][]byte:
		b := b.([][]byte)
		return slices.EqualFunc(a, b, func(x, y []byte) bool { return string(x) == string(y) && (x == nil) == (y == nil) })
	}
	return a == b
}

// TestCompilesOnFirstUseOnly: nothing is compiled by New, so a bad
// expression panics on first use, not at program start; and concurrent
// first uses share one compilation.
func TestCompilesOnFirstUseOnly(t *testing.T) {
	bad := New(`(`) // would panic at init with regexp.MustCompile
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	r := New(`^a+$`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("aaa") {
				t.Error("^a+$ does not match aaa")
			}
		})
	}
	wg.Wait()
	if first, again := r.Regexp(), r.Regexp(); first != again {
		t.Error("compiled twice")
	}
	bad.MatchString("x")
}
