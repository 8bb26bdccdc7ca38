package history

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/schemawatch/schemawatch/internal/testsupport"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// hostile is a history whose text (a deprecation reason, quoted by the
// diff's messages, and a version name) tries to be HTML, XML, a link, a
// mention and Markdown.
var hostile = []version{
	{"2024-01-01", `type Query { a: Int b: Int }`},
	{"2024-02-01", `type Query { a: Int @deprecated(reason: "<script>alert(1)</script> ]]> &amp; @alice see https://evil.test/x [x](http://evil.test) ![i](http://evil.test/i.png) www.evil.test **bold** | a | ` + "`" + `code` + "`" + `\n# heading") b: Int }`},
	{"2024-03-01", `type Query { b: Int }`},
}

func TestHostileTextIsInert(t *testing.T) {
	inputs := sdlInputs(t, hostile)
	inputs[2].Name = "<img src=x onerror=alert(1)>`@bob`.graphql"
	l, err := Build(inputs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := l.Files(`Evil <b>API</b> & "co" @carol`)
	// Inside a code span nothing is markup, a link or a mention.
	md := testsupport.WithoutCodeSpans(string(files[ChangelogFile]))
	for _, bad := range []string{"<script", "<img", "<b>", "@alice", "@bob", "@carol", "https://", "http://", "www.evil", "[x](", "[i](", "**bold**", "\n# heading"} {
		if strings.Contains(md, bad) {
			t.Errorf("CHANGELOG.md holds %q:\n%s", bad, md)
		}
	}
	svg := files[TimelineFile]
	if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte("<img")) || bytes.Contains(svg, []byte("<b>")) {
		t.Errorf("timeline.svg holds markup from the schema:\n%s", svg)
	}
	checkXML(t, svg)
}

// checkXML fails unless data is well-formed XML whose only elements are
// the ones the timeline draws.
func checkXML(t *testing.T, data []byte) {
	t.Helper()
	allowed := map[string]bool{"svg": true, "title": true, "rect": true, "text": true, "line": true, "polyline": true, "circle": true}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("timeline.svg is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && !allowed[se.Name.Local] {
			t.Errorf("timeline.svg has a <%s> element", se.Name.Local)
		}
	}
}

func TestFilesAreDeterministic(t *testing.T) {
	a := buildSDL(t, hostile).Files("api")
	b := buildSDL(t, hostile).Files("api")
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("two builds of the same versions differ")
	}
	for _, name := range []string{LedgerFile, DeprecationsFile, ChangelogFile, TimelineFile} {
		if len(a[name]) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

func TestUpdate(t *testing.T) {
	parse := func(sdl string) *schema.Schema {
		t.Helper()
		s, err := schema.ParseSDL("v.graphql", sdl)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	v1, v2 := parse(`type Query { a: Int }`), parse(`type Query { a: Int @deprecated b: Int }`)
	first, err := Update(nil, "api", "v1", "2024-01-01", nil, v1)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Update(first, "api", "v2", "2024-02-01", v1, v2)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("an unchanged schema changes no file", func(t *testing.T) {
		same, err := Update(second, "api", "v3", "2024-03-01", v2, parse(`type Query { b: Int a: Int @deprecated }`))
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(same, second, bytes.Equal) {
			t.Error("the files changed")
		}
	})
	t.Run("equals Build", func(t *testing.T) {
		l := buildSDL(t, []version{{"2024-01-01", `type Query { a: Int }`}, {"2024-02-01", `type Query { a: Int @deprecated b: Int }`}})
		if !maps.EqualFunc(l.Files("api"), second, bytes.Equal) {
			t.Error("Update's files differ from Build's")
		}
	})
	for _, tt := range []struct {
		name string
		prev map[string][]byte
		old  *schema.Schema
		date string
		want string
	}{
		{"a broken ledger", map[string][]byte{LedgerFile: []byte("{")}, v2, "2024-03-01", "history: ledger.json: unexpected end of JSON input (rebuild it with watch history)"},
		{"a ledger of another format", map[string][]byte{LedgerFile: []byte(`{"format": 99}`)}, v2, "2024-03-01", "history: ledger.json has format 99, this schemawatch reads 1: rebuild it with watch history"},
		{"no previous schema", second, nil, "2024-03-01", "history: the ledger has versions but no previous schema was given"},
		{"old is not the newest version", second, v1, "2024-03-01", "history: the previous schema (1 types, 1 fields) is not the ledger's newest version v2 (1 types, 2 fields): rebuild the history with watch history"},
		{"a date before the newest", second, v2, "2024-01-15", "v3: dated 2024-01-15, before the ledger's newest version (2024-02-01): versions must come oldest first"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Update(tt.prev, "api", "v3", tt.date, tt.old, v1)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestWriteDir(t *testing.T) {
	files := buildSDL(t, hostile).Files("api")
	dir := filepath.Join(t.TempDir(), "history")
	if err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, files); err != nil { // its own files: replaced
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
	err := WriteDir(dir, files)
	if err == nil || !strings.Contains(err.Error(), "notes.txt, which is not a history file") {
		t.Errorf("WriteDir over a foreign file: err = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("the foreign file was lost")
	}
}
