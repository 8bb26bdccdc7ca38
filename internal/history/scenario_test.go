package history

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// version is one dated SDL version of a scenario; sdl "" is a version that
// cannot be loaded.
type version struct{ date, sdl string }

// sdlInputs turns dated SDL into inputs named v1, v2, ….
func sdlInputs(t *testing.T, versions []version) []Input {
	t.Helper()
	inputs := make([]Input, len(versions))
	for i, v := range versions {
		name := "v" + string(rune('1'+i))
		inputs[i] = Input{Name: name, Date: v.date, Load: func() (*schema.Schema, error) {
			if v.sdl == "" {
				return nil, errors.New("unreadable")
			}
			return schema.ParseSDL(name+".graphql", v.sdl)
		}}
	}
	return inputs
}

func buildSDL(t *testing.T, versions []version) *Ledger {
	t.Helper()
	l, err := Build(sdlInputs(t, versions), Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return l
}

func ptr[T any](v T) *T { return &v }

func TestDeprecationsScenarios(t *testing.T) {
	tests := []struct {
		name       string
		versions   []version
		deprecated []DeprecatedEntry
		removed    []RemovedEntry
	}{{
		name: "deprecated since the first version: the true date is unknown",
		versions: []version{
			{"2024-01-01", `type Query { a: Int @deprecated(reason: "use b") b: Int }`},
			{"2024-02-01", `type Query { a: Int @deprecated(reason: "use b, gone on 2024-06-30") b: Int c: Int }`},
		},
		deprecated: []DeprecatedEntry{{Coordinate: "Query.a", Reason: ptr("use b, gone on 2024-06-30"), Since: "2024-01-01", SinceFirstVersion: true, AnnouncedRemoval: ptr("2024-06-30")}},
		removed:    []RemovedEntry{},
	}, {
		name: "a run broken by an undeprecation starts again",
		versions: []version{
			{"2024-01-01", `type Query { a: Int b: Int }`},
			{"2024-02-01", `type Query { a: Int @deprecated b: Int }`},
			{"2024-03-01", `type Query { a: Int b: Int }`},
			{"2024-04-01", `type Query { a: Int @deprecated(reason: "again") b: Int }`},
			{"2024-05-01", `type Query { a: Int @deprecated(reason: "again") b: Int c: Int }`},
		},
		deprecated: []DeprecatedEntry{{Coordinate: "Query.a", Reason: ptr("again"), Since: "2024-04-01"}},
		removed:    []RemovedEntry{},
	}, {
		name: "a version that cannot be loaded does not break a run",
		versions: []version{
			{"2024-01-01", `type Query { a: Int b: Int }`},
			{"2024-02-01", `type Query { a: Int @deprecated b: Int }`},
			{"2024-03-01", ""},
			{"2024-04-01", `type Query { a: Int @deprecated b: Int c: Int }`},
		},
		deprecated: []DeprecatedEntry{{Coordinate: "Query.a", Reason: nil, Since: "2024-02-01"}},
		removed:    []RemovedEntry{},
	}, {
		name: "removals with and without notice",
		versions: []version{
			{"2024-01-01", `type Query { a: Int b: Int c: Int }`},
			{"2024-01-11", `type Query { a: Int @deprecated(reason: "x") b: Int c: Int }`},
			{"2024-03-01", `type Query { c: Int }`},
		},
		deprecated: []DeprecatedEntry{},
		removed: []RemovedEntry{
			{Coordinate: "Query.a", RemovedOn: "2024-03-01", DeprecatedSince: ptr("2024-01-11"), NoticeDays: ptr(50)},
			{Coordinate: "Query.b", RemovedOn: "2024-03-01"},
		},
	}, {
		name: "only the outermost removal is listed; an earlier inner removal is listed too",
		versions: []version{
			{"2024-01-01", `type Query { t: T } type T { a(x: Int, y: Int @deprecated): Int b: Int } enum E { A B } input I { p: Int q: Int } directive @d(a: Int, b: Int) on FIELD`},
			{"2024-02-01", `type Query { t: T } type T { a(x: Int): Int b: Int } enum E { A B } input I { p: Int q: Int } directive @d(a: Int, b: Int) on FIELD`},
			{"2024-03-01", `type Query { t: Int } enum E { A } input I { p: Int } directive @d(a: Int) on FIELD`},
		},
		deprecated: []DeprecatedEntry{},
		removed: []RemovedEntry{
			{Coordinate: "@d(b:)", RemovedOn: "2024-03-01"},
			{Coordinate: "E.B", RemovedOn: "2024-03-01"},
			{Coordinate: "I.q", RemovedOn: "2024-03-01"},
			{Coordinate: "T", RemovedOn: "2024-03-01"},
			{Coordinate: "T.a(y:)", RemovedOn: "2024-02-01", DeprecatedSince: ptr("2024-01-01"), NoticeDays: ptr(31)},
		},
	}, {
		name: "a re-added element is not removed; what it lost stays removed from when it was",
		versions: []version{
			{"2024-01-01", `type Query { t: T u: Int } type T { a: Int b: Int }`},
			{"2024-02-01", `type Query { u: Int }`},
			{"2024-03-01", `type Query { t: T u: Int } type T { a: Int }`},
		},
		deprecated: []DeprecatedEntry{},
		removed:    []RemovedEntry{{Coordinate: "T.b", RemovedOn: "2024-02-01"}},
	}, {
		name: "deprecation of arguments, input fields, enum values and directive arguments",
		versions: []version{
			{"2024-01-01", `type Query { f(a: Int @deprecated(reason: "r1")): Int } input I { p: Int @deprecated } enum E { A @deprecated(reason: "See https://x.test/2025-01-01 removal 2025-02-02") B } directive @d(a: Int @deprecated) on FIELD`},
			{"2024-02-01", `type Query { f(a: Int @deprecated(reason: "r1"), b: Int): Int } input I { p: Int @deprecated } enum E { A @deprecated(reason: "See https://x.test/2025-01-01 removal 2025-02-02") B } directive @d(a: Int @deprecated) on FIELD`},
		},
		deprecated: []DeprecatedEntry{
			{Coordinate: "@d(a:)", Reason: nil, Since: "2024-01-01", SinceFirstVersion: true},
			{Coordinate: "E.A", Reason: ptr("See https://x.test/2025-01-01 removal 2025-02-02"), Since: "2024-01-01", SinceFirstVersion: true, AnnouncedRemoval: ptr("2025-02-02")},
			{Coordinate: "I.p", Reason: nil, Since: "2024-01-01", SinceFirstVersion: true},
			{Coordinate: "Query.f(a:)", Reason: ptr("r1"), Since: "2024-01-01", SinceFirstVersion: true},
		},
		removed: []RemovedEntry{},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildSDL(t, tt.versions).Deprecations()
			if diff := cmp.Diff(tt.deprecated, d.Deprecated); diff != "" {
				t.Errorf("deprecated (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.removed, d.Removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVersionsCountedSkippedAndFolded(t *testing.T) {
	l := buildSDL(t, []version{
		{"2024-01-01", `type Query { a: Int }`},
		{"2024-01-02", ""},
		{"2024-01-03", `type Query { a: Int }`}, // the same schema: not a new version
		{"2024-01-04", `type Query { a: Int b: Int }`},
	})
	d := l.Deprecations()
	if d.Versions != 2 || d.Skipped != 1 || d.From != "2024-01-01" || d.To != "2024-01-04" {
		t.Errorf("versions %d skipped %d from %s to %s; want 2, 1, 2024-01-01, 2024-01-04", d.Versions, d.Skipped, d.From, d.To)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name     string
		versions []version
		want     string
	}{
		{"nothing loads", []version{{"2024-01-01", ""}}, "no schema version could be loaded (1 tried)"},
		{"dates go back", []version{{"2024-02-01", `type Query { a: Int }`}, {"2024-01-01", `type Query { b: Int }`}},
			"v2: dated 2024-01-01, before the ledger's newest version (2024-02-01): versions must come oldest first"},
		{"not a date", []version{{"2024-02-30", `type Query { a: Int }`}}, `v1: date "2024-02-30" is not a YYYY-MM-DD date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(sdlInputs(t, tt.versions), Options{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestAnnouncedRemoval(t *testing.T) {
	tests := []struct {
		reason string
		want   *string
	}{
		{"Removal on 2025-04-01 UTC. See https://example.com/changelog/2024-05-23-x", ptr("2025-04-01")},
		{"Deprecated 2024-01-01, removed after 2024-06-30.", ptr("2024-06-30")},
		{"2024-01-01 2024-02-02", ptr("2024-02-02")},
		{"see http://a.test/2030-01-01", nil},
		{"see HTTPS://a.test/2030-01-01", ptr("2030-01-01")}, // only the lower-case schemes are URLs
		{"on 2025-13-01", nil},
		{"version 12024-01-011", nil},
		{"no date", nil},
		{"(2025-04-01)", ptr("2025-04-01")},
	}
	for _, tt := range tests {
		got := AnnouncedRemoval(&tt.reason)
		if !cmp.Equal(got, tt.want) {
			t.Errorf("AnnouncedRemoval(%q) = %v, want %v", tt.reason, deref(got), deref(tt.want))
		}
	}
	if AnnouncedRemoval(nil) != nil {
		t.Error("AnnouncedRemoval(nil) is not nil")
	}
}

func deref(s *string) string {
	if s == nil {
		return "nil"
	}
	return *s
}

func TestDateInName(t *testing.T) {
	tests := []struct{ name, want, err string }{
		{"001-2023-03-03-0cfb79da.graphql.gz", "2023-03-03", ""},
		{"2024-05-23.json", "2024-05-23", ""},
		{"v1-2024-05-23-then-2025-01-01.gql", "2024-05-23", ""},
		{"schema.graphql", "", "schema.graphql: no YYYY-MM-DD date in the file name: name each version by its date, e.g. 001-2024-05-23.graphql"},
		{"2024-02-30.graphql", "", "2024-02-30.graphql: the first date in the file name, 2024-02-30, is not a calendar day"},
	}
	for _, tt := range tests {
		got, err := DateInName(tt.name)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
			t.Errorf("DateInName(%q) = %q, %v; want %q, %s", tt.name, got, err, tt.want, tt.err)
		}
	}
}
