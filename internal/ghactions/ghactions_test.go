package ghactions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/watch"
)

// brokenRun is a run whose report has a removed field that breaks an
// operation, the field's name hostile to workflow commands where the
// grammar lets it be (the operation's file name).
func brokenRun(t *testing.T, file string) Run {
	t.Helper()
	old, err := schema.Load("old.graphql", []byte("type Query { a: Int, b: Int }"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.Load("new.graphql", []byte("type Query { a: Int }"))
	if err != nil {
		t.Fatal(err)
	}
	ops, err := diff.ParseOperations(file, "query Q {\n  a\n  b\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(old, new, diff.Options{Operations: ops})
	if err != nil {
		t.Fatal(err)
	}
	return Run{
		API: watch.API{Name: "railway", ReportDir: "reports/railway", OperationsDir: "graphql"},
		Outcome: watch.Outcome{API: "railway", Changed: true, Report: r, Files: []string{"reports/railway/report.json", "reports/railway/report.md"},
			Published: publish.Result{Number: 7, URL: "https://github.com/o/r/pull/7"}},
	}
}

func TestOutputs(t *testing.T) {
	quiet := Run{API: watch.API{Name: "quiet", ReportDir: "reports/quiet"}, Outcome: watch.Outcome{API: "quiet"}}
	got := FormatOutputs(Outputs([]Run{quiet, brokenRun(t, "q.graphql")}))
	want := "verdict=breaking\nbreaking=1\ndangerous=0\nsafe=0\nbump=major\npull-request-url=https://github.com/o/r/pull/7\n" +
		"pull-request-number=7\nreport-path=reports/railway/report.md\nchanged=true\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = FormatOutputs(Outputs([]Run{quiet}))
	if !strings.HasPrefix(got, "verdict=none\n") || !strings.Contains(got, "report-path=\n") || !strings.Contains(got, "changed=false\n") {
		t.Errorf("no change:\n%s", got)
	}
	if Outputs(nil) != nil {
		t.Error("outputs without runs")
	}
}

func TestFormatOutputsMultiline(t *testing.T) {
	got := FormatOutputs([][2]string{{"a", "x\nSCHEMAWATCH_EOF\ny"}})
	want := "a<<SCHEMAWATCH_EOF_\nx\nSCHEMAWATCH_EOF\ny\nSCHEMAWATCH_EOF_\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestAnnotations: an error annotation at the broken selection; a file
// name or message cannot end the command or start another.
func TestAnnotations(t *testing.T) {
	got := Annotations([]Run{brokenRun(t, "q.graphql")})
	want := "::error file=graphql/q.graphql,line=3,col=3,title=Broken by FIELD_REMOVED Query.b::Operation Q no longer validates against railway's schema: " +
		"Cannot query field \"b\" on type \"Query\". Did you mean \"a\"? (Field 'b' was removed from object type 'Query')\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = Annotations([]Run{brokenRun(t, "x,y:z%\n::warning::owned.graphql")})
	if strings.Count(got, "\n") != 1 || strings.Contains(got, "\n::warning") || !strings.Contains(got, "file=graphql/x%2Cy%3Az%25%0A%3A%3Awarning%3A%3Aowned.graphql,") {
		t.Errorf("a hostile file name is not escaped:\n%s", got)
	}
}

func TestSummary(t *testing.T) {
	quiet := Run{API: watch.API{Name: "quiet"}, Outcome: watch.Outcome{API: "quiet"}}
	got := Summary([]Run{brokenRun(t, "q.graphql"), quiet})
	for _, want := range []string{"### railway\n\n", "Breaking changes", "Pull request: https://github.com/o/r/pull/7", "### quiet: no change"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary does not say %q:\n%s", want, got)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	output, summary := filepath.Join(dir, "out"), filepath.Join(dir, "summary")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvOutput: output, EnvSummary: summary}
	var stdout strings.Builder
	if err := Write(func(k string) string { return env[k] }, &stdout, []Run{brokenRun(t, "q.graphql")}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stdout.String(), "::error file=graphql/q.graphql,") {
		t.Errorf("stdout %q", stdout.String())
	}
	out, _ := os.ReadFile(output)
	sum, _ := os.ReadFile(summary)
	if !strings.HasPrefix(string(out), "verdict=breaking\n") || !strings.HasPrefix(string(sum), "earlier step\n### railway") {
		t.Errorf("output %q\nsummary %q", out, sum)
	}
	if err := Write(func(string) string { return "" }, &stdout, nil); err == nil || !strings.Contains(err.Error(), "GITHUB_OUTPUT") {
		t.Errorf("outside Actions: %v", err)
	}
}
