// Command schemagen writes a generated pair of large GraphQL schemas as
// introspection JSON, for benchmarks (make bench) and manual scale tests.
//
//	go run ./cmd/schemagen -out DIR [-seed N] [-entities N] [-changes N]
//
// It writes DIR/old.json and DIR/new.json; the same flags always give the
// same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

func main() {
	cfg := schemagen.Large
	out := flag.String("out", "", "directory to write old.json and new.json into (required)")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of every name, shape and change")
	flag.IntVar(&cfg.Entities, "entities", cfg.Entities, "number of node types (about seven types each)")
	flag.IntVar(&cfg.Changes, "changes", cfg.Changes, "number of edits from the old schema to the new")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || cfg.Entities < 5 || cfg.Changes < 0 {
		fmt.Fprintln(os.Stderr, "usage: schemagen -out DIR [-seed N] [-entities N (at least 5)] [-changes N]")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(2)
	}
	old, new := schemagen.Pair(cfg)
	for name, data := range map[string][]byte{"old.json": old.MarshalIntrospection(), "new.json": new.MarshalIntrospection()} {
		if err := fsatomic.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "schemagen:", err)
			os.Exit(2)
		}
	}
}
