package collection

import (
	"fmt"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// Every request of both files must be an operation the schema's validator
// accepts, with variables it accepts, for the demo schema and for Railway's
// versions.

func TestRequestsValidateDemo(t *testing.T) {
	for _, v := range []demo.Version{demo.V1, demo.V2} {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			checkCollections(t, demo.Schema(v), Config{Name: "demo"})
		})
	}
}

func TestRequestsValidateEdges(t *testing.T) {
	for _, depth := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("depth%d", depth), func(t *testing.T) {
			checkCollections(t, loadSchema(t, "testdata/edges.graphql"), Config{Depth: depth})
		})
	}
}

// TestRequestsValidateRailway checks every version of the corpus (a spread
// of them with -short), at the default depth and one deeper.
func TestRequestsValidateRailway(t *testing.T) {
	versions := testcorpus.Railway(t)
	for i, v := range versions {
		if testing.Short() && i%8 != 0 && i != len(versions)-1 {
			continue
		}
		t.Run(v.File[:3], func(t *testing.T) {
			t.Parallel()
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			n := checkCollections(t, s, Config{})
			if i == len(versions)-1 {
				t.Logf("newest (%s): %d requests in each file", v.File, n)
				checkCollections(t, s, Config{Depth: DefaultDepth + 1})
			}
		})
	}
}

// checkCollections generates both files and validates every request in
// them; it returns the number of requests in each.
func checkCollections(t *testing.T, s *schema.Schema, cfg Config) int {
	t.Helper()
	gs, err := s.ValidationSchema()
	if err != nil {
		t.Fatal(err)
	}
	postman, insomnia := generate(t, s, cfg)
	want := rootFieldCount(s)
	for _, file := range []struct {
		name string
		reqs []fileRequest
	}{{"postman", postmanRequests(t, postman)}, {"insomnia", insomniaRequests(t, insomnia)}} {
		if len(file.reqs) != want {
			t.Errorf("%s: %d requests, want one per root field: %d", file.name, len(file.reqs), want)
		}
		for _, r := range file.reqs {
			if err := validateRequest(gs, r); err != nil {
				t.Errorf("%s: request %q: %v\n%s\nvariables: %v", file.name, r.name, err, r.query, r.variables)
			}
		}
	}
	return want
}

func rootFieldCount(s *schema.Schema) int {
	n := 0
	for _, root := range []string{s.QueryType, s.MutationType, s.SubscriptionType} {
		if t := s.Type(root); root != "" && t != nil {
			n += len(t.Fields)
		}
	}
	return n
}

// validateRequest checks a request as a server would: the document, then
// the variables, including the rule that a @oneOf input has exactly one
// field, which gqlparser checks in literals only.
func validateRequest(gs *ast.Schema, r fileRequest) error {
	doc, errs := gqlparser.LoadQueryWithRules(gs, r.query, nil)
	if errs != nil {
		return errs
	}
	if len(doc.Operations) != 1 {
		return fmt.Errorf("%d operations, want 1", len(doc.Operations))
	}
	op := doc.Operations[0]
	if _, err := validator.VariableValues(gs, op, r.variables); err != nil {
		return err
	}
	for _, def := range op.VariableDefinitions {
		if v, ok := r.variables[def.Variable]; ok {
			if err := checkOneOf(gs, def.Type, v, "$"+def.Variable); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkOneOf(gs *ast.Schema, typ *ast.Type, v any, path string) error {
	if typ.Elem != nil {
		list, _ := v.([]any)
		for i, e := range list {
			if err := checkOneOf(gs, typ.Elem, e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	def := gs.Types[typ.NamedType]
	obj, ok := v.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return nil
	}
	if def.Directives.ForName("oneOf") != nil {
		if len(obj) != 1 {
			return fmt.Errorf("%s: @oneOf input %s has %d fields, want exactly 1", path, def.Name, len(obj))
		}
		for k, fv := range obj {
			if fv == nil {
				return fmt.Errorf("%s.%s: @oneOf input %s has its field null", path, k, def.Name)
			}
		}
	}
	for k, fv := range obj {
		if f := def.Fields.ForName(k); f != nil {
			if err := checkOneOf(gs, f.Type, fv, path+"."+k); err != nil {
				return err
			}
		}
	}
	return nil
}

func loadSchema(t testing.TB, path string) *schema.Schema {
	t.Helper()
	s, err := schema.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
