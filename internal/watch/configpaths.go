package watch

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/collection"
)

// checkPaths checks the directories an API reads and writes, on their own:
// relative, inside the work directory, and, for outputs, neither the work
// directory itself nor .git.
func (c *Config) checkPaths(root *yaml.Node, a *API, at func(...any) []any) error {
	for _, d := range []struct {
		key, dir string
		output   bool
	}{
		{"snapshotDir", a.SnapshotDir, true},
		{"collectionDir", a.CollectionDir, true},
		{"reportDir", a.ReportDir, true},
		{"historyDir", a.HistoryDir, true},
		{"operationsDir", a.OperationsDir, false},
	} {
		if d.dir == "" || ((d.key == "collectionDir" || d.key == "historyDir") && d.dir == "-") {
			continue
		}
		check := checkInputDir
		if d.output {
			check = checkOutputDir
		}
		if err := check(d.dir); err != nil {
			return c.keyError(root, at(d.key), "%v", err)
		}
	}
	return nil
}

// checkInputDir accepts a relative, slash-separated path that stays inside
// the work directory.
func checkInputDir(p string) error {
	clean := path.Clean(p)
	if path.IsAbs(p) || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("%q must be a relative path inside the repository", p)
	}
	return nil
}

// checkOutputDir accepts a directory a cycle may write into: inside the
// work directory, not the work directory itself (a snapshot or a Go
// package replaces its directory whole, which would wipe the checkout) and
// not in .git.
func checkOutputDir(p string) error {
	if err := checkInputDir(p); err != nil {
		return err
	}
	clean := path.Clean(p)
	switch {
	case clean == ".":
		return fmt.Errorf("%q is the work directory itself: name a directory of its own, e.g. snapshots/NAME", p)
	case clean == ".git" || strings.HasPrefix(clean, ".git/"):
		return fmt.Errorf("%q is inside .git, git's own directory: name a directory of the checkout", p)
	}
	return nil
}

// outputDir is one directory a cycle writes, for the overlap checks.
type outputDir struct {
	api      int
	key      []any  // the key that sets it, below apis[api]
	dir      string // cleaned
	wholeDir bool   // replaced whole: nothing else may live in or around it
	files    []string
}

// outputDirs lists the directories the APIs write, their own files first.
func (c *Config) outputDirs() []outputDir {
	var out []outputDir
	for i, a := range c.APIs {
		out = append(out, outputDir{api: i, key: []any{"snapshotDir"}, dir: path.Clean(a.SnapshotDir), wholeDir: true})
		if a.GoPackage != nil {
			out = append(out, outputDir{api: i, key: []any{"goPackage", "dir"}, dir: path.Clean(a.GoPackage.Dir), wholeDir: true})
		}
		if a.CollectionDir != "-" {
			out = append(out, outputDir{api: i, key: []any{"collectionDir"}, dir: path.Clean(a.CollectionDir), files: collectionFiles(a.CollectionName)})
		}
		out = append(out, outputDir{api: i, key: []any{"reportDir"}, dir: path.Clean(a.ReportDir), files: []string{ReportMarkdown, ReportJSON}})
		if a.HistoryDir != "-" {
			out = append(out, outputDir{api: i, key: []any{"historyDir"}, dir: path.Clean(a.HistoryDir), wholeDir: true})
		}
		if a.OperationsDir != "" {
			out = append(out, outputDir{api: i, key: []any{"operationsDir"}, dir: path.Clean(a.OperationsDir)})
		}
	}
	return out
}

// checkOutputDirs rejects outputs that would overwrite each other, within
// one API or across APIs: a directory replaced whole (a snapshot, a Go
// package) may neither hold nor sit inside another output's directory, and
// two outputs may not write the same file. Otherwise two APIs flip-flop
// forever, or a Go package wipes the snapshot.
func (c *Config) checkOutputDirs(root *yaml.Node) error {
	dirs := c.outputDirs()
	for j, b := range dirs {
		for _, a := range dirs[:j] {
			if clash := overlap(a, b); clash != "" {
				other := formatKeyPath(append([]any{"apis", a.api}, a.key...))
				if c.File == "" {
					other = flagFor(a.key)
				}
				return c.keyError(root, append([]any{"apis", b.api}, b.key...), "%s %s: each output needs a directory of its own", clash, other)
			}
		}
	}
	return nil
}

// overlap says how writing b would overwrite a, or a b; "" when it would
// not.
func overlap(a, b outputDir) string {
	if a.key[0] == "operationsDir" && b.key[0] == "operationsDir" {
		return "" // read, not written
	}
	switch {
	case a.dir == b.dir && (a.wholeDir || b.wholeDir):
		return fmt.Sprintf("%q is also the directory of", b.dir)
	case (under(a.dir, b.dir) || under(b.dir, a.dir)) && (a.wholeDir || b.wholeDir):
		return fmt.Sprintf("%q and %q are nested, and a snapshot or Go package directory is replaced whole: it overlaps", b.dir, a.dir)
	case a.dir == b.dir:
		for _, f := range b.files {
			if slices.Contains(a.files, f) {
				return fmt.Sprintf("%q would get the file %s, as does", b.dir, f)
			}
		}
	}
	return ""
}

// collectionFiles names the files the collections of an API are written to.
func collectionFiles(name string) []string {
	postman, insomnia := collection.FileNames(name)
	return []string{postman, insomnia}
}
