package collection

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestIDHasherIsNewSHA1 holds derive, one hasher used over and over, to
// uuid.NewSHA1 of the joined parts: the ids every user's collection is
// keyed by.
func TestIDHasherIsNewSHA1(t *testing.T) {
	var d idHasher
	for _, parts := range [][]string{
		{"railway", "collection"},
		{"railway", "request", "query", "project"},
		{"railway", "folder", "Projects"},
		{"api", "request", "mutation", strings.Repeat("long", 100)},
		{"", "", ""},
		{"railway", "request", "query", "project"}, // again, after longer data
	} {
		want := uuid.NewSHA1(idNamespace, []byte(strings.Join(parts, "\x00")))
		if got := d.derive(parts...); got != want {
			t.Errorf("derive(%q) = %s, want %s", parts, got, want)
		}
	}
}
