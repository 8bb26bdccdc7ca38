package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
)

// TestEndpointWithoutScheme: an endpoint without a scheme, on the command
// line or in the configuration, is refused with what to add.
func TestEndpointWithoutScheme(t *testing.T) {
	config := filepath.Join(t.TempDir(), "schemawatch.yaml")
	if err := os.WriteFile(config, []byte("apis:\n  - name: x\n    endpoint: backboard.railway.com/graphql/v2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--once", "--dry-run", "--endpoint", "backboard.railway.com/graphql/v2"},
		{"run", "--once", "--dry-run", "--config", config},
	} {
		code, _, stderr := runWatch(t, args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, "add https://") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
