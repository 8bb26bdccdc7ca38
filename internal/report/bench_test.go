package report_test

import (
	"bytes"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// benchReports are the reports `watch diff` renders in the speed goal: the
// generated 1,600-type pair (schemagen.Large, 787 changes) and Railway's
// pair with the most changes (005→006).
func benchReports(b *testing.B) map[string]*diff.Report {
	b.Helper()
	old, new := schemagen.Pair(schemagen.Large)
	reports := map[string]*diff.Report{"generated": compare(b, old, new)}
	p := testcorpus.Pairs(b)[4]
	old, err := schema.LoadFile(p.Old.Path)
	if err != nil {
		b.Fatal(err)
	}
	if new, err = schema.LoadFile(p.New.Path); err != nil {
		b.Fatal(err)
	}
	reports["largest"] = compare(b, old, new)
	return reports
}

func compare(b *testing.B, old, new *schema.Schema) *diff.Report {
	b.Helper()
	r, err := diff.Compare(old, new, diff.Options{OldName: "old.json", NewName: "new.json"})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkRender is the report stage of `watch diff`: each format of
// each report, rendered from a finished comparison.
func BenchmarkRender(b *testing.B) {
	for name, r := range benchReports(b) {
		b.Run("json/"+name, func(b *testing.B) {
			defer testsupport.CPUTime(b)()
			for b.Loop() {
				report.JSON(r)
			}
		})
		b.Run("text/"+name, func(b *testing.B) {
			var out bytes.Buffer
			defer testsupport.CPUTime(b)()
			for b.Loop() {
				out.Reset()
				if err := report.Text(&out, r, report.TextOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("markdown/"+name, func(b *testing.B) {
			defer testsupport.CPUTime(b)()
			for b.Loop() {
				report.Markdown(r, report.MarkdownOptions{})
			}
		})
	}
}
