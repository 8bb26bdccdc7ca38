package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/golden"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// demoReport compares the two versions of our demo API, with our own
// operations against it.
func demoReport(t *testing.T) *diff.Report {
	t.Helper()
	ops, err := clientops.Read(filepath.Join("testdata", "operations"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(demo.Schema(demo.V1), demo.Schema(demo.V2), diff.Options{OldName: "demo/v1.graphql", NewName: "demo/v2.graphql", Operations: ops})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGolden(t *testing.T) {
	r := demoReport(t)
	text := func(color bool) []byte {
		var b bytes.Buffer
		if err := report.Text(&b, r, report.TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, tc := range []struct {
		file string
		out  []byte
	}{
		{"demo.txt", text(false)},
		{"demo.color.txt", text(true)},
		{"demo.md", []byte(report.Markdown(r, report.MarkdownOptions{}))},
		{"demo.json", report.JSON(r)},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", tc.file), tc.out)
		})
	}
}

// TestJSONDocument checks the JSON document's shape against what
// docs/report-json.md promises.
func TestJSONDocument(t *testing.T) {
	r := demoReport(t)
	var doc struct {
		Format  string `json:"format"`
		Summary struct {
			Breaking, Dangerous, NonBreaking, Total int
		} `json:"summary"`
		Bump    string `json:"bump"`
		Changes []struct {
			Type        string `json:"type"`
			Criticality struct {
				Level  string `json:"level"`
				Reason string `json:"reason"`
			} `json:"criticality"`
			Path       string             `json:"path"`
			Message    string             `json:"message"`
			Operations *[]json.RawMessage `json:"operations"`
		} `json:"changes"`
		Operations struct {
			Checked, Broken int
		} `json:"operations"`
	}
	if err := json.Unmarshal(report.JSON(r), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != report.Format || doc.Bump != "major" || doc.Summary.Total != len(r.Changes) || doc.Summary.Breaking != 3 {
		t.Errorf("header: %+v", doc)
	}
	if doc.Operations.Checked != 5 || doc.Operations.Broken != 2 {
		t.Errorf("operations: %+v", doc.Operations)
	}
	for _, c := range doc.Changes {
		if c.Type == "" || c.Criticality.Level == "" || c.Message == "" || c.Operations == nil {
			t.Errorf("incomplete change %+v", c)
		}
		if c.Criticality.Level != "NON_BREAKING" && c.Criticality.Reason == "" {
			t.Errorf("%s %s has no reason", c.Type, c.Path)
		}
	}
	// Without operations, changes carry no operations key at all.
	plain, err := diff.Compare(demo.Schema(demo.V1), demo.Schema(demo.V2), diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if out := report.JSON(plain); bytes.Contains(out, []byte(`"operations"`)) {
		t.Error("a report without operations mentions operations")
	}
}

// TestMarkdownFitsGitHub renders every Railway pair, the largest included,
// and checks the body fits GitHub's limit.
func TestMarkdownFitsGitHub(t *testing.T) {
	ops, err := clientops.Read(testcorpus.Path(t, "corpus", "railway", "operations"))
	if err != nil {
		t.Fatal(err)
	}
	var prev *schema.Schema
	largest, largestName := 0, ""
	for _, v := range testcorpus.Railway(t) {
		s, err := schema.LoadFile(v.Path)
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil {
			r, err := diff.Compare(prev, s, diff.Options{OldName: "old", NewName: v.File, Operations: ops})
			if err != nil {
				t.Fatal(err)
			}
			md := report.Markdown(r, report.MarkdownOptions{FullReport: "report.json"})
			if len(md) > report.GitHubBodyLimit {
				t.Errorf("%s: %d bytes, over GitHub's limit", v.File, len(md))
			}
			if len(r.Changes) > largest {
				largest, largestName = len(r.Changes), v.File
			}
		}
		prev = s
	}
	t.Logf("largest pair: %d changes, up to %s", largest, largestName)
}

// TestMarkdownCut checks the order and notes of cutting a body that does
// not fit: safe changes go first, and the note points to the full report.
func TestMarkdownCut(t *testing.T) {
	r := demoReport(t)
	full := report.Markdown(r, report.MarkdownOptions{})
	for _, tc := range []struct {
		limit                int
		wantSafeCut, wantCut bool
	}{
		{len(full), false, false},
		{len(full) - 200, true, false},
		{len(full) / 3, true, true},
	} {
		md := report.Markdown(r, report.MarkdownOptions{MaxLength: tc.limit, FullReport: "https://example.com/report.json"})
		if len(md) > tc.limit {
			t.Errorf("limit %d: %d bytes", tc.limit, len(md))
		}
		safeCut := strings.Contains(md, "more safe change")
		otherCut := strings.Contains(md, "more dangerous change") || strings.Contains(md, "more breaking change")
		if safeCut != tc.wantSafeCut || otherCut != tc.wantCut {
			t.Errorf("limit %d: safe list cut %v, others cut %v; want %v, %v\n%s", tc.limit, safeCut, otherCut, tc.wantSafeCut, tc.wantCut, md)
		}
		if (safeCut || otherCut) && !strings.Contains(md, "<https://example.com/report.json>") {
			t.Errorf("limit %d: the cut does not point to the full report", tc.limit)
		}
		if !strings.HasPrefix(md, "## ❌ Breaking changes\n") {
			t.Errorf("limit %d: headline lost", tc.limit)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	old, err := schema.ParseSDL("a", `type Query { a: Int }`)
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.ParseSDL("b", "type Query { \"Use `b` | <script> *now*\" a: Int }")
	if err != nil {
		t.Fatal(err)
	}
	md := report.Markdown(&diff.Report{Changes: diff.Changes(old, new)}, report.MarkdownOptions{})
	if !strings.Contains(md, "Use \\`b\\` \\| &lt;script&gt; \\*now\\*") {
		t.Errorf("description not escaped:\n%s", md)
	}
}

func TestUseColor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	if report.UseColor(f, env(nil)) {
		t.Error("colour on a file")
	}
	if report.UseColor(os.Stdout, env(map[string]string{"NO_COLOR": "1"})) {
		t.Error("colour despite NO_COLOR")
	}
}
