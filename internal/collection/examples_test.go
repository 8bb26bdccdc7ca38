package collection

import (
	"reflect"
	"testing"
)

func TestScalarExample(t *testing.T) {
	for _, tc := range []struct {
		scalar string
		want   any
	}{
		{"String", "<projectId>"},
		{"ID", "<projectId>"},
		{"Int", 0},
		{"Float", 0},
		{"Boolean", false},
		{"BigInt", 0},
		{"DateTime", "2006-01-02T15:04:05Z"},
		{"Timestamp", "2006-01-02T15:04:05Z"},
		{"Date", "2006-01-02"},
		{"JSON", map[string]any{}},
		{"EnvironmentVariables", map[string]any{}},
		{"TemplateConfig", map[string]any{}},
		{"Upload", "<projectId>"},
		// A word, not a substring: "Point" holds "int" but is no number.
		{"Point", "<projectId>"},
	} {
		if got := scalarExample(tc.scalar, "projectId"); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("scalarExample(%s) = %#v, want %#v", tc.scalar, got, tc.want)
		}
	}
}
