package history

import (
	"bufio"
	"encoding/xml"
	"strings"
	"testing"
)

// Deprecation reasons come from the API: untrusted.
func FuzzAnnouncedRemoval(f *testing.F) {
	for _, s := range []string{
		"Removal on 2025-04-01 UTC. See https://example.com/changelog/2024-05-23-x",
		"2024-01-01 2024-02-02", "https://x/2024-01-01", "12024-01-011", "", "2025-13-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, reason string) {
		got := AnnouncedRemoval(&reason)
		if got == nil {
			return
		}
		if checkDate(*got) != nil {
			t.Fatalf("AnnouncedRemoval(%q) = %q, not a date", reason, *got)
		}
		if !strings.Contains(reason, *got) {
			t.Fatalf("AnnouncedRemoval(%q) = %q, not in the reason", reason, *got)
		}
	})
}

// File names come from a directory the user names.
func FuzzDateInName(f *testing.F) {
	for _, s := range []string{"001-2023-03-03-0cfb79da.graphql.gz", "schema.graphql", "2024-02-30.json", "x2024-01-01y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		date, err := DateInName(name)
		if err != nil {
			if date != "" {
				t.Fatalf("DateInName(%q) = %q with an error", name, date)
			}
			return
		}
		if checkDate(date) != nil || !strings.Contains(name, date) {
			t.Fatalf("DateInName(%q) = %q", name, date)
		}
	})
}

// ledger.json is read back from a repository anyone may have edited.
func FuzzParseLedger(f *testing.F) {
	f.Add([]byte(`{"format":1,"versions":[{"name":"v","date":"2024-01-01"}],"deprecated":{"Q.a":{"since":"2024-01-01","index":0,"reason":null}},"removed":{"Q.b":{"lastPresent":0,"removedOn":"2024-01-01","deprecatedSince":null,"noticeDays":null}}}`))
	f.Add([]byte(`{"format":1}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLedger(data)
		if err != nil {
			return
		}
		// Whatever it holds, rendering must not panic.
		_ = l.Files("api")
	})
}

// git cat-file's answers frame the contents of files anyone may have
// committed; the framing must hold whatever they hold.
func FuzzReadSnapshotObjects(f *testing.F) {
	const hash = "0123456789abcdef0123456789abcdef01234567"
	f.Add(hash + " tree 0\n\n" + hash + " blob 2\n{}\nx:meta.json missing\n" + hash + " blob 3\na\nb\n")
	f.Add(hash + " tree 0\n\n" + hash + " blob 99999999999999\n")
	f.Add(hash + " blob 1\nx\n")
	f.Add("x: missing\n")
	f.Fuzz(func(t *testing.T, answers string) {
		names := []string{"meta.json", "schema.json", "schema.graphql"}
		files, err := readSnapshotObjects(bufio.NewReader(strings.NewReader(answers)), "snap", names)
		if err != nil {
			return
		}
		for name, data := range files {
			if !strings.Contains(answers, string(data)) {
				t.Fatalf("%s = %q, not in the answers", name, data)
			}
		}
	})
}

// Titles and version names (from file names and commits) reach the SVG:
// xmlText escapes them exactly as encoding/xml's EscapeText does.
func FuzzXMLTextAsEncodingXML(f *testing.F) {
	for _, s := range []string{"", "a<b>&'\"\t\n\r", "\x00\x1f\ufffd\xff\xed\xa0\x80", "\U0010FFFF\uFFFE\uD7FF", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		_ = xml.EscapeText(&want, []byte(s))
		if got := xmlText(s); got != want.String() {
			t.Fatalf("xmlText(%q) = %q, encoding/xml says %q", s, got, want.String())
		}
	})
}
