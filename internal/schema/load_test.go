package schema_test

import (
	"bytes"
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
