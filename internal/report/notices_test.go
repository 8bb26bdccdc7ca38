package report_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
)

func ptr[T any](v T) *T { return &v }

// demoNotices are what the watch cycle knows of the demo's change with a
// history started at v1 thirty days before v2.
func demoNotices() report.Notices {
	return report.Notices{
		Removals: map[string]report.RemovalNotice{
			"Project.teamId": {Deprecated: true, Reason: ptr("Teams are now workspaces: use `workspaceId`."), Since: ptr("2026-10-27"), SinceFirstVersion: true, NoticeDays: ptr(30)},
		},
		Deprecations: []report.DeprecationNotice{
			{Coordinate: "Query.volumeInstance", Since: ptr("2026-11-01"), Reason: ptr("Use volume. Removal on 2027-01-15"), AnnouncedRemoval: ptr("2027-01-15"), UsedBy: []string{"VolumeSize.graphql"}},
			{Coordinate: "Deployment.staticUrl", New: true, Since: ptr("2026-11-26"), Reason: ptr("Use `url`, which is set for every deployment with a domain."), UsedBy: []string{}},
		},
	}
}

// TestGoldenNotices: the demo's body and JSON with the facts the cycle adds.
func TestGoldenNotices(t *testing.T) {
	r := demoReport(t)
	n := demoNotices()
	golden.Check(t, filepath.Join("testdata", "demo.notices.md"), []byte(report.Markdown(r, report.MarkdownOptions{Notices: n})))
	golden.Check(t, filepath.Join("testdata", "demo.notices.json"), report.JSONWith(r, &n))
}

// TestMarkdownOrder: the reviewer reads the verdict, then their operations,
// the breaking changes, the deprecations to work through, and only then
// the dangerous and safe changes.
func TestMarkdownOrder(t *testing.T) {
	md := report.Markdown(demoReport(t), report.MarkdownOptions{Notices: demoNotices()})
	last := -1
	for _, heading := range []string{"## ❌ Breaking changes", "### Your operations", "### Breaking changes (3)", "### Deprecations to work through (2)", "### Dangerous changes (4)", "### Safe changes (28)"} {
		i := strings.Index(md, heading)
		if i < 0 {
			t.Fatalf("no %q in\n%s", heading, md)
		}
		if i < last {
			t.Errorf("%q comes before the section above it in\n%s", heading, md)
		}
		last = i
	}
	if i := strings.Index(md, "### Your operations"); i > 1000 {
		t.Errorf("the operations start after %d bytes", i)
	}
}

// TestRemovalNotices: each removed element says how it was announced:
// since when and with what notice, with its old reason (the migration
// hint), or that it went without warning.
func TestRemovalNotices(t *testing.T) {
	old, err := schema.ParseSDL("old", `type Query {
  a: Int @deprecated(reason: "Use *b*, see @team")
  b: Int
  c: Int
  d: Int @deprecated
}`)
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.ParseSDL("new", `type Query { b: Int }`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(old, new, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		notices map[string]report.RemovalNotice
		want    []string
	}{
		{"with history", map[string]report.RemovalNotice{
			"Query.a": {Deprecated: true, Reason: ptr("Use *b*, see @team"), Since: ptr("2025-01-01"), NoticeDays: ptr(90)},
			"Query.c": {},
			"Query.d": {Deprecated: true, Since: ptr("2024-12-01"), SinceFirstVersion: true, NoticeDays: ptr(121)},
		}, []string{
			"  - deprecated since 2025-01-01 (90 days' notice): Use \\*b\\*, see `@team`\n",
			"  - removed without prior deprecation\n",
			"  - deprecated since 2024-12-01 or earlier (at least 121 days' notice)\n",
		}},
		{"without history", map[string]report.RemovalNotice{
			"Query.a": {Deprecated: true, Reason: ptr("Use *b*, see @team")},
			"Query.c": {},
			"Query.d": {Deprecated: true},
		}, []string{
			"  - deprecated (date unknown): Use \\*b\\*, see `@team`\n",
			"  - removed without prior deprecation\n",
			"  - deprecated (date unknown)\n",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := report.Markdown(r, report.MarkdownOptions{Notices: report.Notices{Removals: tc.notices}})
			for _, want := range tc.want {
				if !strings.Contains(md, want) {
					t.Errorf("no %q in\n%s", want, md)
				}
			}
			var doc struct {
				Changes []struct {
					Path    string                `json:"path"`
					Removal *report.RemovalNotice `json:"removal"`
				} `json:"changes"`
			}
			n := report.Notices{Removals: tc.notices}
			if err := json.Unmarshal(report.JSONWith(r, &n), &doc); err != nil {
				t.Fatal(err)
			}
			for _, c := range doc.Changes {
				want, ok := tc.notices[c.Path]
				if !ok || c.Removal == nil {
					t.Errorf("%s: removal %+v in report.json, want %+v", c.Path, c.Removal, want)
					continue
				}
				if got, _ := json.Marshal(c.Removal); string(got) != string(must(json.Marshal(want))) {
					t.Errorf("%s: removal %s in report.json, want %s", c.Path, got, must(json.Marshal(want)))
				}
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestSharedReasonSaidOnce: a reason given for several changes of a group
// is said once, at the group's head.
func TestSharedReasonSaidOnce(t *testing.T) {
	old, err := schema.ParseSDL("old", `type Query { a: Int b: Int c: Int d: Int }`)
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.ParseSDL("new", `type Query { d: Int }`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(old, new, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := report.Markdown(r, report.MarkdownOptions{})
	reason := r.Changes[0].Criticality.Reason
	if n := strings.Count(md, reason); n != 1 {
		t.Errorf("the reason %q is said %d times in\n%s", reason, n, md)
	}
}
