package schema_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// Gzipped sources inflate into buffers kept from one load to the next: a
// schema loaded earlier must not change when later loads, one after the
// other or at the same time, inflate other schemas into the same memory.
func TestLoadGzipKeepsEarlierSchemasIntact(t *testing.T) {
	var sources, want [][]byte
	for seed := range uint64(4) {
		cfg := schemagen.Config{Seed: seed + 1, Entities: 12 + 5*int(seed), Changes: 10}
		source := schemagen.Generate(cfg).MarshalIntrospection()
		plain, err := schema.Load("schema.json", source)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source)
		want = append(want, plain.MarshalIntrospection())
	}
	tests := []struct {
		name       string
		concurrent bool
	}{
		{"one after the other", false},
		{"at the same time", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loaded := make([]*schema.Schema, len(sources))
			load := func(i int) {
				s, err := schema.Load("schema.json.gz", gzipped(t, string(sources[i])))
				if err != nil {
					t.Error(err)
					return
				}
				loaded[i] = s
			}
			var wg sync.WaitGroup
			for i := range sources {
				if tt.concurrent {
					wg.Go(func() { load(i) })
				} else {
					load(i)
				}
			}
			wg.Wait()
			for i, s := range loaded {
				if s == nil {
					continue
				}
				if got := s.MarshalIntrospection(); !bytes.Equal(got, want[i]) {
					t.Errorf("schema %d changed after later loads", i)
				}
			}
		})
	}
}

// The duplicate check builds its messages' prefixes only for the error:
// each kind of member still names its owner in full.
func TestLoadNamesDuplicateMembersInFull(t *testing.T) {
	const intRef = `{"kind":"SCALAR","name":"Int","ofType":null}`
	arg := `{"name":"a","description":null,"type":` + intRef + `,"defaultValue":null}`
	field := func(name, args string) string {
		return `{"name":"` + name + `","args":[` + args + `],"type":` + intRef + `,"isDeprecated":false,"deprecationReason":null}`
	}
	enumValue := `{"name":"V","isDeprecated":false,"deprecationReason":null}`
	answer := func(fields, extraTypes, directives string) []byte {
		return []byte(`{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","fields":[` + fields + `]}` +
			extraTypes + `],"directives":[` + directives + `]}`)
	}
	tests := []struct {
		name   string
		answer []byte
		want   string
	}{
		{"field argument", answer(field("f", arg+","+arg), "", ""), "argument Q.f.a is defined more than once"},
		{"directive argument", answer(field("f", ""), "", `{"name":"d","locations":["FIELD"],"args":[`+arg+`,`+arg+`]}`),
			"argument @d.a is defined more than once"},
		{"field", answer(field("f", "")+","+field("f", ""), "", ""), "field Q.f is defined more than once"},
		{"input field", answer(field("f", ""), `,{"kind":"INPUT_OBJECT","name":"I","inputFields":[`+arg+`,`+arg+`]}`, ""),
			"input field I.a is defined more than once"},
		{"enum value", answer(field("f", ""), `,{"kind":"ENUM","name":"E","enumValues":[`+enumValue+`,`+enumValue+`]}`, ""),
			"enum value E.V is defined more than once"},
		{"directive", answer(field("f", ""), "", `{"name":"d","locations":["FIELD"],"args":[]},{"name":"d","locations":["FIELD"],"args":[]}`),
			"directive @d is defined more than once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.Load("schema.json", tt.answer)
			var got string
			switch {
			case err != nil:
				got = err.Error()
			case s != nil:
				got = strings.Join(s.Warnings, "\n")
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

// A damaged gzip file fails with the same words whichever inflater reads
// it: the messages are part of the command line's output, and the cases
// are the ways a file gets damaged (cut short, bit rot in the data, the
// checksum or the header, something appended).
func TestGzipErrorMessages(t *testing.T) {
	source := `{"data": {"__schema": {"queryType": {"name": "Query"}, "types": [` + strings.Repeat(`{"kind": "SCALAR", "name": "S"}, `, 200) + `{"kind": "OBJECT", "name": "Query", "fields": []}]}}}`
	whole := gzipped(t, source)
	damaged := func(edit func(b []byte) []byte) []byte {
		return edit(bytes.Clone(whole))
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"cut in the header", whole[:6], "s.json.gz: gzip: unexpected EOF"},
		{"cut in the data", whole[:len(whole)/2], "s.json.gz: gzip: unexpected EOF (is the file truncated?)"},
		{"cut in the trailer", whole[:len(whole)-3], "s.json.gz: gzip: unexpected EOF (is the file truncated?)"},
		{"bad checksum", damaged(func(b []byte) []byte { b[len(b)-8] ^= 1; return b }), "s.json.gz: gzip: gzip: invalid checksum (is the file truncated?)"},
		{"bad size", damaged(func(b []byte) []byte { b[len(b)-4] ^= 1; return b }), "s.json.gz: gzip: gzip: invalid checksum (is the file truncated?)"},
		{"bad header", damaged(func(b []byte) []byte { b[2] = 7; return b }), "s.json.gz: gzip: gzip: invalid header"},
		{"bad block type", damaged(func(b []byte) []byte { b[10] |= 6; return b }), "s.json.gz: gzip: flate: corrupt input before offset 1 (is the file truncated?)"},
		{"a little garbage appended", append(bytes.Clone(whole), "garbage"...), "s.json.gz: gzip: unexpected EOF (is the file truncated?)"},
		{"garbage appended", append(bytes.Clone(whole), "garbage, and more of it"...), "s.json.gz: gzip: gzip: invalid header (is the file truncated?)"},
		{"zeros appended", append(bytes.Clone(whole), make([]byte, 16)...), "s.json.gz: gzip: gzip: invalid header (is the file truncated?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schema.Load("s.json.gz", tt.data)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load = %v, want %s", err, tt.want)
			}
		})
	}
}
