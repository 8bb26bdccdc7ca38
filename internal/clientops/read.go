// Package clientops reads a client's GraphQL operations from disk: for the
// diff stage to check against both schemas (diff.Compare's
// Options.Operations) and for codegen's typed client (codegen.ParseOperations
// of Files). Reading is kept here, beside the command line and
// the watch cycle that call it, so that package diff stays a pure function
// of what it is given.
package clientops

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Files reads the .graphql and .gql files below dir: each file's path
// relative to dir, slash-separated, to its content. A directory holding
// none is an error that says what to give instead: a mistyped path should
// not look like a client with no operations.
func Files(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".graphql") || strings.HasSuffix(path, ".gql")) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading operations: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .graphql or .gql files: give the directory of the client's operations", dir)
	}
	return files, nil
}

// Read reads every operation in the .graphql and .gql files below dir, in
// file order, for the diff. Operation IDs and files are relative to dir. A
// file that does not parse is a *diff.SyntaxError naming the file (as found
// below dir), line and column.
func Read(dir string) ([]*diff.Operation, error) {
	files, err := Files(dir)
	if err != nil {
		return nil, err
	}
	return Parse(dir, files)
}

// Parse parses the operations of files, as Files read them below dir, in
// file order: Read for a caller that already holds the files (the watch
// cycle reads them once for the diff and for codegen).
func Parse(dir string, files map[string][]byte) ([]*diff.Operation, error) {
	var ops []*diff.Operation
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		more, err := diff.ParseOperations(rel, string(files[rel]))
		if err != nil {
			var syn *diff.SyntaxError
			if errors.As(err, &syn) {
				syn.File = filepath.Join(dir, filepath.FromSlash(rel)) // where the user can find it, not the ID
			}
			return nil, err
		}
		ops = append(ops, more...)
	}
	return ops, nil
}
