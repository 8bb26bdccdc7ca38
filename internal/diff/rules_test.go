package diff_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
)

func TestRules(t *testing.T) {
	unusedField := diff.ConsiderUsage(func(entries []diff.UsageEntry) []bool {
		out := make([]bool, len(entries))
		for i, e := range entries {
			out[i] = e.Type == "T" && e.Field == "name" // nobody uses T.name…
		}
		return out
	})
	for _, tc := range []struct {
		name     string
		rules    []diff.Rule
		old, new string
		want     []string
	}{
		{"dangerousBreaking", []diff.Rule{diff.DangerousBreaking}, q + "enum E { A }", q + "enum E { A B }",
			[]string{"B ENUM_VALUE_ADDED E.B"}},
		{"suppressRemovalOfDeprecatedField", []diff.Rule{diff.SuppressRemovalOfDeprecatedField},
			q + "type T { a: Int @deprecated b: Int } enum E { A @deprecated B } input I { a: Int @deprecated b: Int }",
			q + "type T { b: Int } enum E { B } input I { b: Int }",
			[]string{"D ENUM_VALUE_REMOVED E.A", "D INPUT_FIELD_REMOVED I.a", "D FIELD_REMOVED T.a"}},
		{"suppressRemovalOfDeprecatedField: a type used only by deprecated fields", []diff.Rule{diff.SuppressRemovalOfDeprecatedField},
			"type Query { a: Old @deprecated b: Used } type Old { x: Int } type Used { x: Int }",
			"type Query { b: Int }",
			[]string{"B FIELD_TYPE_CHANGED Query.b", "B TYPE_REMOVED Used", "D TYPE_REMOVED Old", "D FIELD_REMOVED Query.a"}},
		{"suppressRemovalOfDeprecatedField: then dangerousBreaking undoes it", []diff.Rule{diff.SuppressRemovalOfDeprecatedField, diff.DangerousBreaking},
			q + "type T { a: Int @deprecated b: Int }", q + "type T { b: Int }",
			[]string{"B FIELD_REMOVED T.a"}},
		{"ignoreDescriptionChanges", []diff.Rule{diff.IgnoreDescriptionChanges},
			q + `"d" type T { "d" a: Int @deprecated(reason: "r") }`, q + `"e" type T { a: Int @deprecated(reason: "s") }`,
			[]string{"N FIELD_DEPRECATION_REASON_CHANGED T.a.@deprecated"}},
		{"safeUnreachable", []diff.Rule{diff.SafeUnreachable},
			"type Query { a: Int } type Orphan { a: Int b: Int } directive @d on FIELD",
			"type Query { b: Int } type Orphan { a: Int }",
			[]string{"B DIRECTIVE_REMOVED @d", "B FIELD_REMOVED Query.a", "N FIELD_REMOVED Orphan.b", "N FIELD_ADDED Query.b"}},
		{"simplifyChanges", []diff.Rule{diff.SimplifyChanges}, q, q + `"d" type T implements I { a(x: Int): Int } interface I { a(x: Int): Int }`,
			[]string{"N TYPE_ADDED I", "N TYPE_ADDED T"}},
		{"considerUsage matches whole segments", []diff.Rule{unusedField},
			q + "type T { name: Int nameFull: Int }", q + "type T { a: Int }",
			[]string{"B FIELD_REMOVED T.nameFull", "D FIELD_REMOVED T.name", "N FIELD_ADDED T.a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := parseSDL(t, tc.old), parseSDL(t, tc.new)
			changes := diff.Apply(diff.Changes(old, new), old, new, tc.rules...)
			if got := describe(changes); !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n got %v\nwant %v", got, tc.want)
			}
			for _, c := range changes {
				if c.Criticality.OriginalLevel != "" && c.Criticality.OriginalLevel == c.Criticality.Level {
					t.Errorf("%s: original level %s equals its level", c.Type, c.Criticality.OriginalLevel)
				}
			}
		})
	}
}

func TestConsiderUsageMarksChanges(t *testing.T) {
	old, new := parseSDL(t, q+"type T { a: Int }"), parseSDL(t, q+"type T { b: Int }")
	all := diff.ConsiderUsage(func(e []diff.UsageEntry) []bool { return slices.Repeat([]bool{true}, len(e)) })
	for _, c := range diff.Apply(diff.Changes(old, new), old, new, all) {
		if c.Type != diff.FieldRemoved {
			continue
		}
		if !c.Criticality.IsSafeBasedOnUsage || c.Criticality.OriginalLevel != diff.Breaking || !strings.HasSuffix(c.Message, "(non-breaking based on usage)") {
			t.Errorf("%+v", c)
		}
	}
}

func TestRuleByName(t *testing.T) {
	for _, r := range diff.NamedRules {
		if got, ok := diff.RuleByName(r.Name); !ok || got.Name != r.Name {
			t.Errorf("RuleByName(%q) = %v, %v", r.Name, got.Name, ok)
		}
	}
	if _, ok := diff.RuleByName("considerUsage"); ok {
		t.Error("considerUsage needs a callback; it must not be found by name")
	}
}
