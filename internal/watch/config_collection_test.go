package watch

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/collection"
)

// TestCollectionConfigFollowsTheAPI checks what the collections of an API
// are generated with: its auth, and only the headers that hold no secret.
func TestCollectionConfigFollowsTheAPI(t *testing.T) {
	cfg, err := ParseConfig("schemawatch.yaml", []byte(`
apis:
  - name: shop
    endpoint: https://shop.example.com/graphql
    tokenKind: bearer
    collectionAuth: header:X-Shop-Token
    headers:
      X-Api-Version: "2024-01"
      X-Team: "${TEAM}"
      X-Shop-Token: "literal"
      Cookie: "session=1"
`))
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.APIs[0].CollectionConfig("https://fetched.example.com/graphql")
	want := collection.Config{
		Name: "shop", Endpoint: "https://fetched.example.com/graphql",
		Auth:    collection.Auth{Kind: collection.AuthHeader, Header: "X-Shop-Token"},
		Headers: map[string]string{"X-Api-Version": "2024-01"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CollectionConfig (-want +got):\n%s", diff)
	}
}

func TestCollectionAuthErrorNamesTheLine(t *testing.T) {
	_, err := ParseConfig("schemawatch.yaml", []byte("apis:\n  - name: shop\n    endpoint: https://shop.example.com/graphql\n    collectionAuth: basic\n"))
	if err == nil || !strings.Contains(err.Error(), "schemawatch.yaml:4: apis[0].collectionAuth") || !strings.Contains(err.Error(), "want bearer, header:NAME, none or railway") {
		t.Errorf("ParseConfig: %v, want an error at line 4 listing the kinds", err)
	}
}
