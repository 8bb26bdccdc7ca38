package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
)

// encodingJSON is how report.json was written before it was written in one
// pass: encoding/json's Encoder, HTML left unescaped, two-space indent.
func encodingJSON(t *testing.T, doc *report.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzJSONBytes holds report.JSON to encoding/json's bytes for any text an
// API or a file name can put in a report: invalid UTF-8, controls, U+2028,
// HTML, quotes, in every kind of field (strings, optional strings, flags).
func FuzzJSONBytes(f *testing.F) {
	for _, s := range append([]string{"", "plain", "\xff\xfe invalid", "a\u2028b\u2029c", "<a href=\"x\">&amp;</a>", "tab\there\nnew\x00nul\x7f",
		"\\ back \" quote", "emoji 😀 and \ufffd", "\xed\xa0\x80 surrogate"}, hostileTexts...) {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, flag bool) {
		c := diff.FromMeta(diff.FieldArgumentDefaultChanged, diff.Meta{TypeName: text, FieldName: "f", ArgumentName: text,
			OldDefault: &text, NewDefault: nil, OldDescription: &text, IsNonNull: &flag, HasDefault: &flag, ContainerKind: text})
		r := &diff.Report{Old: text, New: "new.graphql", Rules: []string{text}, Changes: []diff.Change{c, diff.FromMeta(diff.TypeAdded, diff.Meta{TypeName: text})}}
		if got, want := report.JSON(r), encodingJSON(t, report.NewDocument(r)); !bytes.Equal(got, want) {
			t.Errorf("text %q:\ngot  %s\nwant %s", text, got, want)
		}
	})
}

// TestJSONBytesOfEveryReport holds report.JSON to encoding/json's bytes on
// the demo report with its operations and notices.
func TestJSONBytesOfEveryReport(t *testing.T) {
	r := demoReport(t)
	if got, want := report.JSON(r), encodingJSON(t, report.NewDocument(r)); !bytes.Equal(got, want) {
		t.Errorf("demo report differs:\ngot  %s\nwant %s", got, want)
	}
	r = hostileReport(t)
	if got, want := report.JSON(r), encodingJSON(t, report.NewDocument(r)); !bytes.Equal(got, want) {
		t.Errorf("hostile report differs:\ngot  %s\nwant %s", got, want)
	}
}
