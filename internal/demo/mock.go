package demo

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// mockLeaf makes up the value of a scalar or enum field: always of the
// right type, always the same for the same field, and readable enough to
// make sense in a demo response.
func mockLeaf(def *ast.Definition, parentType, field string) any {
	if def.Kind == ast.Enum {
		if len(def.EnumValues) == 0 {
			return nil
		}
		return def.EnumValues[0].Name
	}
	lower := strings.ToLower(field)
	switch def.Name {
	case "ID":
		return strings.ToLower(parentType) + "-0001"
	case "Int":
		return 42
	case "Float":
		return 1.5
	case "Boolean":
		// false keeps clients that follow hasNextPage from paging forever.
		return !strings.HasPrefix(lower, "has")
	case "String":
		switch {
		case strings.Contains(lower, "email"):
			return "demo@example.com"
		case strings.Contains(lower, "url"):
			return "https://demo.example.app/"
		case strings.Contains(lower, "domain"):
			return "demo.example.app"
		case lower == "cursor" || strings.HasSuffix(lower, "cursor"):
			return "cursor-0001"
		case strings.HasSuffix(field, "Id"):
			return strings.TrimSuffix(lower, "id") + "-0001"
		case lower == "name":
			return "demo-" + strings.ToLower(parentType)
		}
		return field + " of the demo " + strings.ToLower(parentType)
	}
	// Custom scalars, by what their names say.
	name := strings.ToLower(def.Name)
	switch {
	case strings.Contains(name, "date") || strings.Contains(name, "time"):
		return "2024-01-01T00:00:00Z"
	case strings.Contains(name, "variables"):
		return map[string]any{"PORT": "8080"}
	case strings.Contains(name, "json"):
		return map[string]any{"demo": true}
	case strings.Contains(name, "int"):
		return "9007199254740993"
	}
	return "mock-" + def.Name
}
