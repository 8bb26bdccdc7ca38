package introspect_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestIntrospectReferenceServer introspects a real GraphQL server
// (graphql-js behind graphql-http, from shared/tools/graphql-server) serving
// each Railway version, and checks that the snapshot equals the version it
// serves, as far as both carry the same properties.
func TestIntrospectReferenceServer(t *testing.T) {
	testcorpus.GraphQLServerScript(t) // skip early, once, when it cannot run
	for _, v := range testcorpus.Railway(t) {
		t.Run(v.File, func(t *testing.T) {
			t.Parallel()
			want, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			url := testcorpus.GraphQLServer(t, v.Path, "--token", secret)
			c := &introspect.Client{
				Endpoint:    url,
				Credentials: introspect.Credentials{Token: secret, Kind: introspect.Bearer},
			}
			res, err := c.Introspect(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(res.GaveUp) != 0 || res.Schema.Capabilities != schema.AllCapabilities {
				t.Errorf("graphql-js 16.15 knows every property; gave up %v, carried %v", res.GaveUp, res.Schema.Capabilities.Names())
			}
			common := want.Capabilities.Intersect(res.Schema.Capabilities)
			if diff := cmp.Diff(want.WithCapabilities(common), res.Schema.WithCapabilities(common)); diff != "" {
				t.Errorf("the snapshot differs from the served schema:\n%s", diff)
			}
		})
	}
}
