// Package clientops reads a client's GraphQL operations from disk, for the
// diff stage to check against both schemas (diff.Compare's
// Options.Operations). Reading is kept here, beside the command line and
// the watch cycle that call it, so that package diff stays a pure function
// of what it is given.
package clientops

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Read reads every operation in the .graphql and .gql files below dir, in
// file order. Operation IDs and files are relative to dir. A file that does
// not parse is a *diff.SyntaxError naming the file (as found below dir),
// line and column.
func Read(dir string) ([]*diff.Operation, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".graphql") || strings.HasSuffix(path, ".gql")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading operations: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .graphql or .gql files: give the directory of the client's operations", dir)
	}
	slices.Sort(files)
	var ops []*diff.Operation
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading operations: %w", err)
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			rel = path
		}
		more, err := diff.ParseOperations(filepath.ToSlash(rel), string(data))
		if err != nil {
			var syn *diff.SyntaxError
			if errors.As(err, &syn) {
				syn.File = path // where the user can find it, not the ID
			}
			return nil, err
		}
		ops = append(ops, more...)
	}
	return ops, nil
}
