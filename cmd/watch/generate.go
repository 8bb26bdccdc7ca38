package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

var generateUsage = `Usage: watch generate --schema FILE|DIR [--name NAME] OUTPUT...

Generates from a schema the files that follow it. Each file is written
atomically; other files in an output directory (another API's) are left
alone. The paths written are printed, one per line.

Input:
  --schema FILE|DIR      the schema: a snapshot directory (as written by
                         introspect --snapshot), an SDL file, or an
                         introspection result (.json), plain or gzip'd (.gz).
                         Required.
  --name NAME            the API's name, which names the files written:
                         letters, digits, '.', '_' and '-' (default railway)

Collections, for Postman (Collection Format v2.1) and Insomnia (export v4):
  --collection-out DIR   write DIR/NAME.postman_collection.json and
                         DIR/NAME.insomnia.json: a ready-to-send request per
                         root field, grouped by resource, authenticated by a
                         token variable
  --endpoint URL         where the requests go: the default of the baseUrl
                         variable (default: the endpoint the snapshot was
                         fetched from, else ` + collection.DefaultEndpoint + `)
  --depth N              how many levels of nested objects a request selects
                         below the type its root field returns; a Relay
                         connection's edges { node } is not a level
                         (default ` + strconv.Itoa(collection.DefaultDepth) + `)

At least one output (--collection-out) is required.

Exit status: 0 written, 2 usage or input error.
`

func runGenerate(_ context.Context, args []string, env *environment) int {
	const prog = "watch generate"
	fs := cli.NewFlagSet(prog)
	red := redact.New()
	schemaPath := fs.String("schema", "", "")
	name := fs.String("name", collection.DefaultName, "")
	var collections collectionOutput
	collections.register(fs)
	if stop, err := cli.Parse(fs, args, generateUsage, env.stdout); stop {
		if err != nil {
			return cli.Fail(env.stderr, prog, red, cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	usageError := func(msg string) int {
		return cli.Fail(env.stderr, prog, red, cli.ExitUsage, fmt.Errorf("%s (see %s --help)", msg, prog))
	}
	switch {
	case fs.NArg() > 0:
		return usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case *schemaPath == "":
		return usageError("--schema is required")
	case !collections.requested():
		return usageError("nothing to generate: give an output, such as --collection-out DIR")
	}

	s, meta, err := snapshot.Open(*schemaPath)
	if err != nil {
		return cli.Fail(env.stderr, prog, red, cli.ExitUsage, fmt.Errorf("--schema: %w", err))
	}
	var written []string
	if collections.requested() {
		paths, err := collections.write(s, meta, *name)
		if err != nil {
			return cli.Fail(env.stderr, prog, red, cli.ExitUsage, err)
		}
		written = append(written, paths...)
	}
	for _, p := range written {
		fmt.Fprintln(env.stdout, p)
	}
	return cli.ExitOK
}

// collectionOutput is the --collection-out output and the flags that
// shape it.
type collectionOutput struct {
	dir      string
	endpoint string
	depth    int
}

func (o *collectionOutput) register(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "collection-out", "", "")
	fs.StringVar(&o.endpoint, "endpoint", "", "")
	fs.IntVar(&o.depth, "depth", collection.DefaultDepth, "")
}

func (o *collectionOutput) requested() bool { return o.dir != "" }

// write generates the collections of s and writes each file atomically,
// returning their paths.
func (o *collectionOutput) write(s *schema.Schema, meta snapshot.Meta, name string) ([]string, error) {
	if o.depth < 1 {
		return nil, errors.New("--depth: want 1 or more")
	}
	cfg := collection.Config{Name: name, Endpoint: o.endpoint, Depth: o.depth}
	if cfg.Endpoint == "" {
		cfg.Endpoint = meta.Endpoint
	}
	if meta.FetchedAt != "" {
		t, err := time.Parse(time.RFC3339, meta.FetchedAt)
		if err != nil {
			return nil, fmt.Errorf("--schema: the snapshot's fetchedAt %q is not an RFC 3339 time", meta.FetchedAt)
		}
		cfg.FetchedAt = t
	}
	files, err := collection.Generate(s, cfg)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, file := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(o.dir, file)
		if err := fsatomic.WriteFile(path, files[file], 0o644); err != nil {
			return nil, fmt.Errorf("--collection-out: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
