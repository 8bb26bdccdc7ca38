package fsatomic_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// TestGlobIsFilepathGlob holds the directory reading Recover does to
// filepath.Glob's matches and errors, for the patterns it reads.
func TestGlobIsFilepathGlob(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".snap.staging-1", ".snap.staging-22", ".snap.previous", ".snap.lock", "snap", ".snapx.staging-3", ".sn[ap.staging-4"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, pattern := range []string{
		".snap.staging-*", ".snapx.staging-*", ".none.staging-*", ".sn[ap.staging-*", ".sn\\[ap.staging-*", "*",
	} {
		t.Run(pattern, func(t *testing.T) {
			full := filepath.Join(dir, pattern)
			want, wantErr := filepath.Glob(full)
			got, gotErr := fsatomic.Glob(full)
			if !slices.Equal(got, want) || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("glob(%q) = %q, %v; filepath.Glob: %q, %v", pattern, got, gotErr, want, wantErr)
			}
		})
	}
	if got, err := fsatomic.Glob(filepath.Join(dir, "missing", ".snap.staging-*")); got != nil || err != nil {
		t.Errorf("glob in a missing directory = %q, %v; want nothing", got, err)
	}
}
