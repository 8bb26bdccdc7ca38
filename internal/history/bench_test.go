package history

import (
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// BenchmarkRailwayHistory is `watch history` over the 48 Railway versions:
// listing, loading, the ledger and the four files (budget: 3 s).
func BenchmarkRailwayHistory(b *testing.B) {
	benchmarkHistory(b, testcorpus.Path(b, "corpus", "railway", "schemas"))
}

// BenchmarkLargeHistory is `watch history` over 500 versions of a schema
// of about 1,600 types, each version a seeded mutation of the one before
// (budget: 30 s).
func BenchmarkLargeHistory(b *testing.B) {
	dir := b.TempDir()
	g := newGenerator(1)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 500 {
		if i > 0 {
			g.mutate()
		}
		name := fmt.Sprintf("%03d-%s.graphql.gz", i+1, start.AddDate(0, 0, 3*i).Format(dateLayout))
		writeGzip(b, filepath.Join(dir, name), g.sdl())
	}
	benchmarkHistory(b, dir)
}

// benchmarkHistory also reports the CPU time per run (cpu-s/op): on the
// shared machines the wall time says more about the neighbours than about
// this code.
func benchmarkHistory(b *testing.B, dir string) {
	b.ReportAllocs()
	before := testsupport.ProcessCPU(b)
	for b.Loop() {
		inputs, err := DirInputs(dir)
		if err != nil {
			b.Fatal(err)
		}
		l, err := Build(inputs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = l.Files("bench")
	}
	b.ReportMetric((testsupport.ProcessCPU(b)-before).Seconds()/float64(b.N), "cpu-s/op")
}

func writeGzip(b *testing.B, path, content string) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	zw.Write([]byte(content))
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// generator is a seeded schema that changes a little each version, the way
// a real API does: types and fields come and go, fields are deprecated and
// some of those later removed, arguments are added.
type generator struct {
	rng   *rand.Rand
	types []*genType
	next  int
}

type genType struct {
	name   string
	kind   string // type, enum, input
	fields []*genField
}

type genField struct {
	name       string
	typ        string
	args       []string
	deprecated string // the reason; "" when not deprecated
}

func newGenerator(seed uint64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed))}
	for range 1100 {
		g.addType("type")
	}
	for range 250 {
		g.addType("enum")
	}
	for range 250 {
		g.addType("input")
	}
	return g
}

func (g *generator) id() int { g.next++; return g.next }

func (g *generator) addType(kind string) {
	t := &genType{name: fmt.Sprintf("%s%d", strings.ToUpper(kind[:1])+kind[1:], g.id()), kind: kind}
	for range 4 + g.rng.IntN(12) {
		g.addField(t)
	}
	g.types = append(g.types, t)
}

func (g *generator) addField(t *genType) {
	f := &genField{name: fmt.Sprintf("f%d", g.id()), typ: []string{"Int", "String", "Boolean", "ID", "Float"}[g.rng.IntN(5)]}
	if t.kind == "enum" {
		f.name = fmt.Sprintf("V%d", g.id())
	}
	if t.kind == "type" && g.rng.IntN(4) == 0 {
		f.args = append(f.args, fmt.Sprintf("a%d: Int", g.id()))
	}
	t.fields = append(t.fields, f)
}

// mutate makes the next version.
func (g *generator) mutate() {
	for range 2 {
		g.addType([]string{"type", "enum", "input"}[g.rng.IntN(3)])
	}
	for len(g.types) > 1600 {
		i := g.rng.IntN(len(g.types))
		g.types = slices.Delete(g.types, i, i+1)
	}
	for range 8 {
		t := g.types[g.rng.IntN(len(g.types))]
		f := t.fields[g.rng.IntN(len(t.fields))]
		switch n := g.rng.IntN(10); {
		case n < 5 && f.deprecated == "":
			f.deprecated = fmt.Sprintf("Use something else; removal on %s", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(900)).Format(dateLayout))
		case n < 6:
			f.deprecated = ""
		case n < 9 && len(t.fields) > 2:
			i := slices.Index(t.fields, f)
			t.fields = slices.Delete(t.fields, i, i+1)
		default:
			g.addField(t)
		}
	}
}

// sdl prints the version. Query returns every object type, so that none is
// unreachable.
func (g *generator) sdl() string {
	var b strings.Builder
	b.WriteString("type Query {\n")
	for _, t := range g.types {
		if t.kind == "type" {
			fmt.Fprintf(&b, "  get%s(id: ID!): %s\n", t.name, t.name)
		}
	}
	b.WriteString("}\n")
	for _, t := range g.types {
		fmt.Fprintf(&b, "%s %s {\n", t.kind, t.name)
		for _, f := range t.fields {
			switch t.kind {
			case "enum":
				b.WriteString("  " + f.name)
			default:
				b.WriteString("  " + f.name)
				if len(f.args) > 0 {
					b.WriteString("(" + strings.Join(f.args, ", ") + ")")
				}
				b.WriteString(": " + f.typ)
			}
			if f.deprecated != "" {
				fmt.Fprintf(&b, " @deprecated(reason: %q)", f.deprecated)
			}
			b.WriteString("\n")
		}
		b.WriteString("}\n")
	}
	return b.String()
}
