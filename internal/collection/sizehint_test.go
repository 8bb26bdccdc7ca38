package collection

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestSizeHintFitsTheFile: each file is written into one buffer made to
// its size hint, which must hold it (or the buffer grows, copying the
// file) and not be much larger (every byte of it is allocated and
// cleared, and the garbage collector runs by bytes allocated).
func TestSizeHintFitsTheFile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		schema func(t *testing.T) *schema.Schema
	}{
		{"railway", func(t *testing.T) *schema.Schema { return loadSchema(t, testcorpus.Newest(t).Path) }},
		{"generated", func(t *testing.T) *schema.Schema { return schemagen.Generate(schemagen.Large) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Config{}.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			c := build(tc.schema(t), cfg)
			pc, export := c.postman(), c.insomnia()
			for _, f := range []struct {
				name       string
				hint, size int
			}{
				{"postman", pc.sizeHint(), len(c.postmanFile())},
				{"insomnia", export.sizeHint(), len(c.insomniaFile())},
			} {
				t.Logf("%s: size hint %d for a file of %d bytes (%.3f×)", f.name, f.hint, f.size, float64(f.hint)/float64(f.size))
				if f.hint < f.size || f.hint > f.size+f.size/8 {
					t.Errorf("%s: size hint %d for a file of %d bytes (%.2f×); want it to hold the file with at most an eighth to spare",
						f.name, f.hint, f.size, float64(f.hint)/float64(f.size))
				}
			}
		})
	}
}
