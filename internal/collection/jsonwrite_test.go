package collection

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// encodingJSON is what the collection files were written with before
// jsonWriter, and what it must keep writing: encoding/json's Encoder
// without HTML escaping, indented by indent, ending in a new line.
func encodingJSON(t testing.TB, v any, indent string) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hostileText has every character JSON escapes, and those that encoding/json
// escapes or keeps by choice: <, > and & kept, U+2028 and U+2029 escaped,
// invalid UTF-8 replaced, DEL kept.
var hostileText = func() string {
	var b strings.Builder
	for c := range 0x80 {
		b.WriteByte(byte(c))
	}
	b.WriteString("<script>&amp;</script> \u2028\u2029 \xff\xfe\xc3 \xe2\x80 é 😀 \ufeff \ufffd {{token}} \\u0000 \"")
	return b.String()
}()

// hostileCollection is a collection built from the edges schema with text
// in every string: descriptions, names, queries, example values.
func hostileCollection(t testing.TB, text string, cfg Config) *collection {
	t.Helper()
	s := loadSchema(t, "testdata/edges.graphql")
	for _, typ := range s.Types {
		typ.Description = &text
		for _, f := range typ.Fields {
			f.Description = &text
			for _, a := range f.Args {
				a.Description = &text
			}
		}
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	c := build(s, cfg)
	// Text in every place a string goes: names, ids, the query, example
	// values, the folders' own descriptions.
	c.title = text
	for _, f := range c.folders {
		f.Name, f.about = text+f.Name, text
		for _, r := range f.requests {
			r.name = text + r.name
			r.op.Text += text
			r.op.Name += text
			r.op.Variables[text] = []any{text, map[string]any{text: nil, "": false, "n": 0}, []any{}, map[string]any{}}
		}
	}
	return c
}

// TestJSONWriterIsEncodingJSON checks that the hand-written files are
// byte for byte what encoding/json writes of the same structs, hostile
// text, every auth and header, and nil lists included.
func TestJSONWriterIsEncodingJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		cfg  Config
	}{
		{"plain", "plain text", Config{}},
		{"hostile", hostileText, Config{
			// Neither an endpoint's path nor a header's value is checked for
			// UTF-8: what the files do with invalid UTF-8 is not academic.
			Endpoint: "https://example.com/gr\xffaphql\u2028",
			Headers:  map[string]string{"X-Api-Version": hostileText, "X-Other": ""},
		}},
		{"header auth", hostileText, Config{Auth: Auth{Kind: AuthHeader, Header: "X-Key"}}},
		{"no auth", hostileText, Config{Auth: Auth{Kind: AuthNone}, Endpoint: "https://example.com/graphql"}},
		{"bearer", "", Config{Auth: Auth{Kind: AuthBearer}, Depth: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkJSONWriter(t, tc.text, tc.cfg)
		})
	}
	t.Run("nil lists and maps", func(t *testing.T) {
		pc := postmanCollection{Item: []postmanFolder{{}}}
		pc.Item[0].Item = []postmanItem{{}}
		export := insomniaExport{Resources: []any{
			insomniaWorkspace{}, insomniaEnvironment{}, insomniaRequestGroup{},
			insomniaRequest{Authentication: struct{}{}},
		}}
		checkSameJSON(t, &pc, &export)
	})
}

// FuzzJSONWriterIsEncodingJSON checks that the two writers agree on any
// text: as a string, and as a key and values of example variables,
// indented and compact. TestJSONWriterIsEncodingJSON puts text everywhere
// a collection has some.
func FuzzJSONWriterIsEncodingJSON(f *testing.F) {
	for _, s := range []string{"", "plain", hostileText, "\u2028", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x00b", "0123456789abcdef\x7f\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var w jsonWriter
		w.str(text)
		checkSameText(t, string(w.buf), encodingJSON(t, text, ""))
		vars := map[string]any{text: []any{text, map[string]any{text: nil, "n": 0}}, "b": false}
		for _, indent := range []string{"  ", ""} {
			w.reset(indent)
			w.object(vars)
			checkSameText(t, string(w.buf), encodingJSON(t, vars, indent))
		}
	})
}

func checkJSONWriter(t *testing.T, text string, cfg Config) {
	t.Helper()
	c := hostileCollection(t, text, cfg)
	pc, export := c.postman(), c.insomnia()
	pc.Info.Schema, export.Date = text, text
	checkSameJSON(t, &pc, &export)
	// The JSON inside the files: example variables and request bodies,
	// written in turn in one scratch writer, as the files' are.
	var scratch jsonWriter
	var kept texts
	for _, f := range c.folders {
		for _, r := range f.requests {
			checkSameText(t, variablesText(&scratch, &kept, r.op.Variables), encodingJSON(t, r.op.Variables, "  "))
			body := insomniaGraphQLRequest{Query: r.op.Text, OperationName: r.op.Name, Variables: r.op.Variables}
			checkSameText(t, body.bodyText(&scratch, &kept), encodingJSON(t, body, ""))
		}
	}
}

func checkSameText(t *testing.T, got string, want []byte) {
	t.Helper()
	if got+"\n" != string(want) {
		t.Fatalf("jsonWriter wrote\n%q\nencoding/json\n%q", got, want)
	}
}

func checkSameJSON(t *testing.T, pc *postmanCollection, export *insomniaExport) {
	t.Helper()
	for _, tc := range []struct {
		name  string
		v     any
		write func(*jsonWriter)
	}{
		{"postman", pc, pc.writeJSON},
		{"insomnia", export, export.writeJSON},
	} {
		for _, indent := range []string{"  ", ""} {
			w := jsonWriter{indent: indent}
			tc.write(&w)
			got, want := append(w.buf, '\n'), encodingJSON(t, tc.v, indent)
			if !bytes.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Fatalf("%s, indent %q: jsonWriter differs from encoding/json at byte %d:\n got %q\nwant %q",
					tc.name, indent, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
			}
		}
	}
}

// BenchmarkEncodeCandidates writes both files of Railway's newest schema
// with each candidate way (see jsonwrite.go), from the same structs.
func BenchmarkEncodeCandidates(b *testing.B) {
	cfg, err := Config{}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	c := build(loadSchema(b, testcorpus.Newest(b).Path), cfg)
	pc, export := c.postman(), c.insomnia()
	files := []any{&pc, &export}
	for _, candidate := range []struct {
		name   string
		encode func(v any) []byte
	}{
		{"encoding-json", func(v any) []byte { return encodingJSON(b, v, "  ") }},
		{"go-json-experiment", func(v any) []byte {
			out, err := jsonv2.Marshal(v, jsontext.EscapeForHTML(false), jsontext.EscapeForJS(true),
				jsontext.AllowInvalidUTF8(true), jsonv2.Deterministic(true), jsontext.WithIndent("  "))
			if err != nil {
				b.Fatal(err)
			}
			return append(out, '\n')
		}},
		{"go-json-experiment-v1", func(v any) []byte {
			var buf bytes.Buffer
			enc := jsonv1.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				b.Fatal(err)
			}
			return buf.Bytes()
		}},
		{"jsonWriter", func(v any) []byte {
			file := v.(interface {
				writeJSON(*jsonWriter)
				sizeHint() int
			})
			w := jsonWriter{indent: "  ", buf: make([]byte, 0, file.sizeHint())}
			file.writeJSON(&w)
			return append(w.buf, '\n')
		}},
	} {
		b.Run(candidate.name, func(b *testing.B) {
			b.ReportAllocs()
			done := testsupport.CPUTime(b)
			n := 0
			for b.Loop() {
				n = 0
				for _, v := range files {
					n += len(candidate.encode(v))
				}
			}
			done()
			b.ReportMetric(float64(n)/1024, "KiB")
		})
	}
}
