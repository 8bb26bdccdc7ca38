package introspect_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// BenchmarkIntrospectGenerated fetches the generated large schema (about
// 6 MB of introspection JSON) from a loopback server: reading the body
// and decoding it is most of a fetch.
func BenchmarkIntrospectGenerated(b *testing.B) {
	body := schemagen.Generate(schemagen.Large).MarshalIntrospection()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	defer ts.Close()
	c := &introspect.Client{Endpoint: ts.URL, Clock: newFakeClock(), Jitter: func() float64 { return 0 }}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := c.Introspect(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
