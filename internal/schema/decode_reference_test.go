package schema_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// checkAgainstWire loads data with ParseIntrospection and with the loader
// it replaced (json.Unmarshal into wire structs, then model()): both must
// fail with the same message, or both load the same model with the same
// capabilities. A syntax error is the one exception: both must call the
// JSON invalid, but jsontext words and places it by how it was reading
// (a value, a token) when it met it, which the decoder cannot repeat.
func checkAgainstWire(t *testing.T, data []byte) {
	t.Helper()
	got, gotErr := schema.ParseIntrospection(data)
	want, wantErr := schema.WireParseIntrospection(data)
	switch {
	case gotErr != nil || wantErr != nil:
		if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() && !bothInvalidJSON(gotErr, wantErr) {
			t.Fatalf("on %q:\nerror      %v\nwant error %v", clip(data), gotErr, wantErr)
		}
	case !schema.CanonicalEqual(got, want):
		t.Fatalf("on %q: the models differ:\n%s\n---\n%s", clip(data), got.PrintSDL(), want.PrintSDL())
	case got.Capabilities != want.Capabilities:
		t.Fatalf("on %q: capabilities %+v, want %+v", clip(data), got.Capabilities, want.Capabilities)
	case !bytes.Equal(got.MarshalIntrospection(), want.MarshalIntrospection()):
		t.Fatalf("on %q: the canonical JSON differs", clip(data))
	}
}

func bothInvalidJSON(a, b error) bool {
	const invalid = ": invalid JSON: "
	return strings.Contains(a.Error(), invalid) && strings.Contains(b.Error(), invalid)
}

func clip(data []byte) []byte {
	if len(data) > 600 {
		return append(data[:300:300], append([]byte(" … "), data[len(data)-300:]...)...)
	}
	return data
}

// hostileAnswers are answers around every rule of the loader: the forms
// of the envelope, wrong kinds at each level, duplicates, escapes, depth.
var hostileAnswers = []string{
	// A number too large for a float64 before a syntax error (found by
	// FuzzDecoderAgreesWithWireDecoding): the error is the syntax error.
	`{"":1e400`,
	`{"":1e400,"__schema":{}} x`,
	`{"__schema":{"types":[{"kind":5}]}}`,
	`{"__schema":{"types":[{"kind":[1,2]}]}}`,
	`{"__schema":{"types":[{"kind":[1,}]}]}}`,
	`{"__schema":{"types":[{"description":[1,2]}]}}`,
	`{"__schema":{"types":[{"description":[1,}]}]}}`,
	`{"__schema":{"types":[{"description":"\xff"}]}}`,
	`{"__schema":{"types":[{"description":1.}]}}`,
	`{"__schema":{"types":[{"description":01}]}}`,
	`{"__schema":{"types":[{"isOneOf":"x"}]}}`,
	`{"__schema":{"types":[{"isOneOf":{"a":1}}]}}`,
	`{"__schema":{"types":[{"isOneOf":tru}]}}`,
	`{"__schema":{"types":[{"isOneOf":truex}]}}`,
	`{"__schema":{"types":[{"fields":{"a":1}}]}}`,
	`{"__schema":{"types":{"a":1}}}`,
	`{"__schema":{"queryType":"Q"}}`,
	`{"__schema":{"queryType":{"name":1}}}`,
	`{"data":5}`, `5`, `5 x`, `null`, `null x`, `[1,`, `"x`, ``, ` `, `{`, `{}`, `{} {}`, "\ufeff{}",
	`{"errors":[{"message":5}]}`,
	`{"errors":[null, {"message":"x"}]}`,
	`{"errors":[]}`,
	`{"errors":5}`,
	`{"errors":[5]}`,
	`{"errors":[{"message":"a","message":"b"}]}`,
	`{"types":[],"queryType":5}`,
	`{"types":[],"queryType":5,"x":[1,}`,
	`{"queryType":5,"types":[],"data":5}`,
	`{"types":[],"data":5}`,
	`{"types":null,"queryType":5}`,
	`{"types":[],"queryType":{"name":"Q"},"directives":[{"args":5}]}`,
	`{"types":[{"kind":"OBJECT","name":"Q","fields":[]}],"queryType":{"name":"Q"}}`,
	`{"types":[{"kind":"OBJECT","name":"Q","fields":[]}],"queryType":{"name":"Q"},"__schema":null,"data":{}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","kind":"x"}]}}`,
	`{"__schema":{"types":[{"x":1,"x":1}]}}`,
	`{"__schema":{"types":[{"kind":"\ud800"}]}}`,
	`{"__schema":{"types":[{"kind":"\ud800\udc00"}]}}`,
	`{"__schema":{"types":[{"kind":"\udc00"}]}}`,
	`{"__schema":{"types":[{"kind":"\u00"}]}}`,
	`{"__schema":{"types":[{"kind":"\x"}]}}`,
	"{\"__schema\":{\"types\":[{\"kind\":\"\xff\"}]}}",
	"{\"__schema\":{\"types\":[{\"kind\":\"a\tb\"}]}}",
	`{"__schema":{"types":[{"locations":[1]}]}}`,
	`{"__schema":{"directives":[{"locations":[1]}]}}`,
	`{"__schema":{"directives":[{"locations":null, "args":[{"defaultValue":1}]}]}}`,
	`{"__schema":{"types":[{"n\u0061me":"x","name":"y"}]}}`,
	`{"__schema":{"types":[{"n\u0061me":"x","q":{"a":1,"\u0061":2}}]}}`,
	`{"__schema":{"types":[{"fields":[{"type":{"ofType":{"name":7}}}]}]}}`,
	`{"__schema":{"types":[{"kind":"OBJECT"}]}} x`,
	`{"__schema":{"types":[{"kind":01}]}}`,
	`{"__schema":{"types":[{"kind":"OBJECT"`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"NON_NULL","ofType":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"Int"}}}}]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"LIST"}}]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"NON_NULL","ofType":null}}]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a"}]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"fields":[null],"kind":"OBJECT","name":"Q"}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"SCALAR","name":"Q","fields":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","interfaces":[{"kind":"INTERFACE"}],"fields":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"UNION","name":"U","possibleTypes":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"ENUM","name":"E","enumValues":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"INPUT_OBJECT","name":"I","inputFields":[null]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"INPUT_OBJECT","name":"I","inputFields":[{"name":"x","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"{"}]}],"queryType":{"name":"Q"}}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"},"args":[{"name":"x","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"1","isDeprecated":false}]}]}],"queryType":{"name":"Q"},"directives":[{"name":"d","locations":["FIELD"],"isRepeatable":null,"description":null,"args":[null]}]}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"}}]},null],"queryType":{"name":"Q"},"directives":[null]}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":"__Q","fields":[null]},{"kind":"FOO","name":"X"}]}}`,
	`{"__schema":{"types":[{"kind":"OBJECT","name":""}]}}`,
	`{"data":{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"}}]}],"queryType":{"name":"Q"}}},"__schema":{"types":[null]}}`,
	`{"data":{"__schema":null},"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"}}]}],"queryType":{"name":"Q"}}}`,
	`{"data":{"__schema":{},"__schema":{}}}`,
	`{"data":{"x":1,"x":2}}`,
	`{"a/b~c":{"d":[{"e":1}]},"__schema":{"types":[{"kind":"OBJECT","n/m":1,"name":{}}]}}`,
	"{\"__schema\" \n :\r\n\t{\"types\" : [ ] , \"queryType\" : { \"name\" : \"Q\" } } }",
	`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"}}]}],"queryType":{"name":"Q"}}}`,
	`{"extensions":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`,
	`{"extensions":` + strings.Repeat("[", 31) + strings.Repeat("]", 31) + `,"x":` + strings.Repeat("[", 40) + `}`,
	`{"x":1,` + strings.Repeat(`"k":1,`, 0) + `"y":[1,2,{"z":-0.5e+10}],"w":[true,false,null]}`,
}

// manyKeys is an object with n distinct unknown names and one duplicate.
func manyKeys(n int) string {
	var b strings.Builder
	b.WriteString(`{"x":{`)
	for i := range n {
		b.WriteString(`"k`)
		b.WriteString(strings.Repeat("a", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("b", i/26))
		b.WriteString(`":1,`)
	}
	b.WriteString(`"ka":2}}`)
	return b.String()
}

func TestDecoderAgreesWithWireDecoding(t *testing.T) {
	t.Run("hostile", func(t *testing.T) {
		for _, answer := range append(hostileAnswers, manyKeys(100), manyKeys(10)) {
			checkAgainstWire(t, []byte(answer))
		}
	})
	t.Run("fuzz corpus", func(t *testing.T) {
		for _, data := range fuzzCorpus(t) {
			checkAgainstWire(t, data)
		}
	})
	t.Run("features", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join("testdata", "features.canonical.json"))
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstWire(t, data)
		// Mutations of a real answer reach every error the loader has.
		rng := rand.New(rand.NewPCG(1, 2))
		for range 3000 {
			checkAgainstWire(t, mutate(rng, data))
		}
	})
	t.Run("other layouts", func(t *testing.T) {
		// The scanner reads the pretty-printed layout without calls (a
		// line break and indentation before a name, one space after its
		// colon) and matches names by whole words when 24 bytes remain:
		// other layouts, and every cut near the end, take the other paths.
		data, err := os.ReadFile(filepath.Join("testdata", "features.canonical.json"))
		if err != nil {
			t.Fatal(err)
		}
		compact := jsontext.Value(bytes.Clone(data))
		if err := compact.Compact(); err != nil {
			t.Fatal(err)
		}
		layouts := [][]byte{
			data,
			compact,
			bytes.ReplaceAll(data, []byte(`": `), []byte("\" :\t")),
			bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n\t")),
			bytes.ReplaceAll(data, []byte(`"name"`), []byte(`"n\u0061me"`)),
		}
		rng := rand.New(rand.NewPCG(3, 4))
		for _, layout := range layouts {
			checkAgainstWire(t, layout)
			for cut := max(0, len(layout)-80); cut < len(layout); cut++ {
				checkAgainstWire(t, layout[:cut])
			}
			for range 300 {
				checkAgainstWire(t, mutate(rng, layout))
			}
		}
	})
	t.Run("generated", func(t *testing.T) {
		old, new := schemagen.Pair(schemagen.Large)
		checkAgainstWire(t, old.MarshalIntrospection())
		checkAgainstWire(t, new.MarshalIntrospection())
	})
	t.Run("railway", func(t *testing.T) {
		for _, v := range testcorpus.Railway(t) {
			data, err := os.ReadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				data = gunzip(t, data)
			}
			if v.Format != "json" {
				s, err := schema.Load(v.File, data)
				if err != nil {
					t.Fatal(err)
				}
				data = s.MarshalIntrospection()
			}
			checkAgainstWire(t, data)
		}
	})
}

// mutate changes data in one of the ways that break an answer: a byte
// dropped, replaced or inserted, or the answer cut short.
func mutate(rng *rand.Rand, data []byte) []byte {
	out := bytes.Clone(data)
	specials := []byte(`{}[]",:\ nt0-.eu` + "\xff\x01")
	for range 1 + rng.IntN(3) {
		i := rng.IntN(len(out))
		switch rng.IntN(4) {
		case 0:
			out = append(out[:i], out[i+1:]...)
		case 1:
			out[i] = specials[rng.IntN(len(specials))]
		case 2:
			out = append(out[:i], append([]byte{specials[rng.IntN(len(specials))]}, out[i:]...)...)
		case 3:
			out = out[:i]
		}
		if len(out) == 0 {
			break
		}
	}
	return out
}

// fuzzCorpus is FuzzLoad's and this file's fuzz target's corpus.
func fuzzCorpus(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, dir := range []string{"FuzzLoad", "FuzzDecoderAgreesWithWireDecoding"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", dir, "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fuzzValue(t, data))
		}
	}
	return out
}

// fuzzValue reads the one []byte of a "go test fuzz v1" file.
func fuzzValue(t testing.TB, file []byte) []byte {
	t.Helper()
	_, rest, _ := bytes.Cut(file, []byte("\n"))
	rest = bytes.TrimSpace(rest)
	rest = bytes.TrimSuffix(bytes.TrimPrefix(rest, []byte("[]byte(")), []byte(")"))
	s, err := strconv.Unquote(string(rest))
	if err != nil {
		t.Fatalf("fuzz corpus file: %v", err)
	}
	return []byte(s)
}

func FuzzDecoderAgreesWithWireDecoding(f *testing.F) {
	for _, answer := range hostileAnswers {
		f.Add([]byte(answer))
	}
	for _, data := range fuzzCorpus(f) {
		f.Add(data)
	}
	if data, err := os.ReadFile(filepath.Join("testdata", "features.canonical.json")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkAgainstWire(t, data) })
}

// TestParseIntrospectionResponse: a body counts as plain, read once and
// done, only when a client would find nothing more in it than the
// schema under data: no errors, nothing an encoding/json reader would
// take for data or errors.
func TestParseIntrospectionResponse(t *testing.T) {
	const schemaJSON = `{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","args":[],"type":{"kind":"SCALAR","name":"Int"}}]}]}`
	for _, tt := range []struct {
		name, body string
		plain      bool
	}{
		{"data", `{"data":{"__schema":` + schemaJSON + `}}`, true},
		{"data and no errors", `{"data":{"__schema":` + schemaJSON + `},"errors":[],"extensions":{"cost":1}}`, true},
		{"data with errors", `{"data":{"__schema":` + schemaJSON + `},"errors":[{"message":"partial"}]}`, false},
		{"errors spelt otherwise", `{"data":{"__schema":` + schemaJSON + `},"Errors":[{"message":"partial"}]}`, false},
		{"data spelt otherwise too", `{"data":{"__schema":` + schemaJSON + `},"DATA":null}`, false},
		{"__schema without data", `{"__schema":` + schemaJSON + `}`, false},
		{"bare __schema", schemaJSON, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, plain, err := schema.ParseIntrospectionResponse([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if plain != tt.plain {
				t.Errorf("plain = %v, want %v", plain, tt.plain)
			}
			want, err := schema.ParseIntrospection([]byte(tt.body))
			if err != nil || !schema.CanonicalEqual(s, want) {
				t.Errorf("the schema differs from ParseIntrospection's (%v)", err)
			}
		})
	}
	for _, body := range hostileAnswers {
		_, _, err := schema.ParseIntrospectionResponse([]byte(body))
		_, want := schema.ParseIntrospection([]byte(body))
		if fmt.Sprint(err) != fmt.Sprint(want) {
			t.Errorf("on %q: error %v, want %v", body, err, want)
		}
	}
}
