package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// versionExtensions are the schema files a directory of versions holds,
// each also taken gzip-compressed (.gz).
var versionExtensions = []string{".graphql", ".graphqls", ".gql", ".json"}

// IsVersionFile reports whether a file name is a schema version: SDL or an
// introspection result, plain or .gz.
func IsVersionFile(name string) bool {
	base := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return slices.Contains(versionExtensions, filepath.Ext(base))
}

// DateInName returns the first YYYY-MM-DD date in a file name.
func DateInName(name string) (string, error) {
	m := datePattern.FindStringSubmatch(name)
	if m == nil {
		return "", fmt.Errorf("%s: no YYYY-MM-DD date in the file name: name each version by its date, e.g. 001-2024-05-23.graphql", name)
	}
	if err := checkDate(m[1]); err != nil {
		return "", fmt.Errorf("%s: the first date in the file name, %s, is not a calendar day", name, m[1])
	}
	return m[1], nil
}

// DirInputs lists the versions in a directory: its schema files (see
// IsVersionFile) ordered by file name, each dated by the first YYYY-MM-DD
// in its name. Other files and subdirectories are ignored; a schema file
// without a date is an error naming it.
func DirInputs(dir string) ([]Input, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var inputs []Input
	var errs []error
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() || !IsVersionFile(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		date, err := DateInName(e.Name())
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", dir, err))
			continue
		}
		inputs = append(inputs, Input{Name: e.Name(), Date: date, Load: func() (*schema.Schema, error) { return schema.LoadFile(path) }})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		return nil, fmt.Errorf("%s holds no schema versions (%s files, optionally .gz)", dir, strings.Join(versionExtensions, ", "))
	}
	return inputs, nil
}

// IsSnapshotDir reports whether dir is a snapshot directory (it holds
// schema.json or schema.graphql) rather than a directory of versions.
func IsSnapshotDir(dir string) bool {
	for _, name := range []string{snapshot.JSONFile, snapshot.SDLFile} {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && !info.IsDir() {
			return true
		}
	}
	return false
}
