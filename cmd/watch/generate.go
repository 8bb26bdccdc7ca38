package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

var generateUsage = `Usage: watch generate --schema FILE|DIR OUTPUT...

Generates from a schema the files that follow it: a Go package of types,
and Postman and Insomnia collections. Give at least one output. Every output
is written atomically, so a failure leaves what was there before as it was.
The paths written are printed, one per line.

Input:
  --schema FILE|DIR      the schema: a snapshot directory (as written by
                         introspect --snapshot), an SDL file, or an
                         introspection result (.json), plain or gzip'd (.gz).
                         Required.

Go types:
  --go-out DIR           write a Go package with a type for every type of the
                         schema into DIR, replacing the directory whole (files
                         it held before are removed)
  --go-package NAME      the Go package name (required with --go-out)
  --bind SCALAR=TYPE     hold the scalar SCALAR as the Go type TYPE, written
                         importpath.Type (DateTime=time.Time) or as a
                         predeclared type (BigInt=int64); repeatable. A type
                         outside the standard library makes the package import
                         it. Without a binding: the standard scalars are
                         string, int, float64 and bool; date-times (DateTime,
                         Timestamp, …, and any scalar specified by RFC 3339)
                         are time.Time; URL-, HTML- and ID-like scalars (URI,
                         HTML, GitObjectID, Date, …) are string; big numbers
                         (BigInt, Long, Decimal) are encoding/json.Number;
                         JSON and every other custom scalar are
                         encoding/json.RawMessage, the JSON as sent. The
                         package's doc.go lists which scalar is which.
  --spelling WORD        spell WORD so in Go names, as the defaults spell
                         GitHub, LinkedIn, YouTube, OAuth and DevOps
                         (playstationGame → PlayStationGame); repeatable.
                         A run of capitals stays capitals (CWEConnection,
                         AF); the common initialisms are in capitals (ID,
                         URL, HTTP)
  --operations DIR       also generate a typed client for the operations in
                         the .graphql and .gql files below DIR: per
                         operation a function, a response type shaped by its
                         selection and a variables type (see the package's
                         doc.go). An operation that does not validate
                         against the schema is an error naming it, its
                         location and the validation error; nothing is
                         written.

Collections, for Postman (Collection Format v2.1) and Insomnia (export v4):
  --collection-out DIR   write DIR/NAME.postman_collection.json and
                         DIR/NAME.insomnia.json: a ready-to-send request per
                         root field, grouped by resource, authenticated by a
                         token variable; other files in DIR (another API's)
                         are left alone
  --name NAME            the API's name, which names the collection files:
                         letters, digits, '.', '_' and '-' (default: the
                         schema's source: snapshots/github → github,
                         shopify.json.gz → shopify)
  --endpoint URL         where the requests go: the default of the baseUrl
                         variable (default: the endpoint the snapshot was
                         fetched from; required for a schema file, which
                         does not say where its API is)
  --auth KIND            how requests authenticate: bearer (Authorization:
                         Bearer {{token}}), header:NAME (the token in the
                         header NAME, as header:X-Api-Key), none, or railway
                         (a bearer token, or a project token in a disabled
                         Project-Access-Token header). Default: railway for
                         Railway's endpoints, bearer for any other
  --header NAME=VALUE    a header every request carries, as a variable the
                         user may change; repeatable. Never a secret: headers
                         that carry credentials are refused
  --depth N              how many levels of nested objects a request selects
                         below the type its root field returns; a Relay
                         connection's edges { node } is not a level. 0
                         selects the returned type's own scalars and enums
                         only. A request that would run past a few hundred
                         lines is selected shallower, and an interface with
                         more than a dozen implementations gets __typename
                         and its own fields (default ` + strconv.Itoa(collection.DefaultDepth) + `)

Exit status: 0 written, 2 usage or input error (nothing was written).

Examples:
  watch generate --schema snapshots/railway --go-out railwayapi --go-package railwayapi
  watch generate --schema schema.json.gz --collection-out collection --name railway
  watch generate --schema snapshots/demo --go-out demoapi --go-package demoapi --bind DateTime=time.Time

Environment:
  None: generate reads only its flags and the schema.
`

func runGenerate(_ context.Context, args []string, env *environment) int {
	const prog = "watch generate"
	fs := cli.NewFlagSet(prog)
	red := redact.New()
	schemaPath := fs.String("schema", "", "")
	var goTypes goOutput
	goTypes.register(fs)
	var collections collectionOutput
	collections.register(fs)
	if stop, err := cli.Parse(fs, args, generateUsage, env.stdout); stop {
		if err != nil {
			return cli.Fail(env.stderr, prog, red, cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	if err := checkGenerateFlags(fs, *schemaPath, &goTypes, &collections); err != nil {
		return cli.Fail(env.stderr, prog, red, cli.ExitUsage, fmt.Errorf("%w (see watch generate --help)", err))
	}
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)

	s, meta, err := snapshot.Open(*schemaPath)
	if err != nil {
		return cli.Fail(env.stderr, prog, red, cli.ExitUsage, fmt.Errorf("read the schema: %w", err))
	}
	cli.Warn(env.stderr, prog, s.Warnings)
	var written []string
	if goTypes.requested() {
		if err := goTypes.write(s, logger); err != nil {
			return cli.Fail(env.stderr, prog, red, cli.ExitUsage, err)
		}
		written = append(written, goTypes.dir)
	}
	if collections.requested() {
		paths, err := collections.write(s, *schemaPath, meta)
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

// checkGenerateFlags checks what the flags ask for as a whole; each output
// checks its own.
func checkGenerateFlags(fs *flag.FlagSet, schemaPath string, goTypes *goOutput, collections *collectionOutput) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: name the schema with --schema", fs.Arg(0))
	}
	if schemaPath == "" {
		return errors.New("no schema: give --schema FILE|DIR")
	}
	set := cli.SetFlags(fs)
	if err := goTypes.check(set); err != nil {
		return err
	}
	if err := collections.check(set); err != nil {
		return err
	}
	if !goTypes.requested() && !collections.requested() {
		return errors.New("nothing to generate: give an output, --go-out DIR --go-package NAME or --collection-out DIR")
	}
	return nil
}

// goOutput is the Go types output of watch generate: its flags, and
// writing the package.
type goOutput struct {
	dir        string
	pkg        string
	bindings   bindings
	spellings  spellingFlags
	operations string
}

// spellingFlags is the repeatable --spelling flag.
type spellingFlags []string

func (s *spellingFlags) String() string { return strings.Join(*s, ",") }

func (s *spellingFlags) Set(v string) error {
	if err := codegen.CheckSpelling(v); err != nil {
		return err
	}
	*s = append(*s, v)
	return nil
}

func (o *goOutput) register(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "go-out", "", "")
	fs.StringVar(&o.pkg, "go-package", "", "")
	fs.Var(&o.bindings, "bind", "")
	fs.StringVar(&o.operations, "operations", "", "")
	fs.Var(&o.spellings, "spelling", "")
}

func (o *goOutput) requested() bool { return o.dir != "" }

func (o *goOutput) check(set map[string]bool) error {
	switch {
	case !o.requested() && (set["go-package"] || set["bind"] || set["spelling"] || set["operations"]):
		return errors.New("--go-package, --bind, --spelling and --operations go with --go-out DIR")
	case o.requested() && o.pkg == "":
		return errors.New("--go-out needs --go-package NAME, the Go package name")
	}
	return nil
}

func (o *goOutput) write(s *schema.Schema, logger *slog.Logger) error {
	cfg := codegen.Config{Package: o.pkg, Bindings: o.bindings, Spellings: o.spellings}
	if o.operations != "" {
		files, err := clientops.Files(o.operations)
		if err != nil {
			return fmt.Errorf("--operations: %w", err)
		}
		ops, err := codegen.ParseOperations(files)
		if err != nil {
			return fmt.Errorf("--operations: %w", err)
		}
		cfg.Operations = ops
	}
	for _, name := range cfg.UnusedBindings(s) {
		logger.Warn("the schema has no scalar named in --bind; the binding is unused", "scalar", name)
	}
	files, err := codegen.Generate(s, cfg)
	if err != nil {
		return err
	}
	if err := fsatomic.ReplaceDir(o.dir, files); err != nil {
		return fmt.Errorf("write the Go package to %s: %w", o.dir, err)
	}
	logger.Info("wrote the Go package", "dir", o.dir, "package", o.pkg, "files", len(files), "types", len(s.Types), "operations", cfg.Operations.Len())
	return nil
}

// bindings is the repeatable --bind flag.
type bindings map[string]codegen.GoType

func (b *bindings) String() string {
	parts := make([]string, 0, len(*b))
	for scalar, t := range *b {
		parts = append(parts, scalar+"="+t.String())
	}
	return strings.Join(parts, ",")
}

func (b *bindings) Set(v string) error {
	scalar, t, err := codegen.ParseBinding(v)
	if err != nil {
		return err
	}
	if *b == nil {
		*b = bindings{}
	}
	if prev, ok := (*b)[scalar]; ok && prev != t {
		return fmt.Errorf("%s is bound twice: to %s and to %s", scalar, prev, t)
	}
	(*b)[scalar] = t
	return nil
}

// collectionOutput is the --collection-out output and the flags that
// shape it.
type collectionOutput struct {
	dir      string
	name     string
	endpoint string
	auth     string
	headers  headerFlags
	depth    int
}

// headerFlags is the repeatable --header NAME=VALUE flag.
type headerFlags map[string]string

func (h *headerFlags) String() string { return fmt.Sprint(map[string]string(*h)) }

func (h *headerFlags) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("header %q is not NAME=VALUE (for example X-Api-Version=2024-01)", v)
	}
	if *h == nil {
		*h = headerFlags{}
	}
	(*h)[strings.TrimSpace(name)] = value
	return nil
}

func (o *collectionOutput) register(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "collection-out", "", "")
	fs.StringVar(&o.name, "name", "", "")
	fs.StringVar(&o.endpoint, "endpoint", "", "")
	fs.StringVar(&o.auth, "auth", "", "")
	fs.Var(&o.headers, "header", "")
	fs.IntVar(&o.depth, "depth", collection.DefaultDepth, "")
}

func (o *collectionOutput) requested() bool { return o.dir != "" }

func (o *collectionOutput) check(set map[string]bool) error {
	if !o.requested() && (set["name"] || set["endpoint"] || set["depth"] || set["auth"] || set["header"]) {
		return errors.New("--name, --endpoint, --auth, --header and --depth go with --collection-out DIR")
	}
	if _, err := collection.ParseAuth(o.auth); err != nil {
		return fmt.Errorf("--auth: %w", err)
	}
	if o.depth < 0 {
		return errors.New("--depth: want 0 (the returned type's own fields) or more")
	}
	return nil
}

// sourceName names an API after where its schema comes from: a snapshot
// directory's name, or a schema file's name without its extensions; "" when
// that is no valid collection name.
func sourceName(schemaPath string) string {
	name := filepath.Base(filepath.Clean(schemaPath))
	for _, ext := range []string{".gz", ".json", ".graphql", ".graphqls", ".gql"} {
		name = strings.TrimSuffix(name, ext)
	}
	if collection.CheckName(name) != nil {
		return ""
	}
	return name
}

// write generates the collections of s and writes each file atomically,
// returning their paths.
func (o *collectionOutput) write(s *schema.Schema, schemaPath string, meta snapshot.Meta) ([]string, error) {
	auth, _ := collection.ParseAuth(o.auth) // checked with the flags
	cfg := collection.Config{Name: o.name, Endpoint: o.endpoint, Depth: o.depth, Auth: auth, Headers: o.headers}
	if o.depth == 0 {
		cfg.Depth = collection.OwnFieldsOnly
	}
	if cfg.Name == "" {
		if cfg.Name = sourceName(schemaPath); cfg.Name == "" {
			return nil, fmt.Errorf("--collection-out: cannot name the API after %s; give --name NAME", filepath.Base(schemaPath))
		}
	}
	if err := collection.CheckName(cfg.Name); err != nil {
		return nil, err
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = meta.Endpoint
	}
	if cfg.Endpoint == "" {
		return nil, errors.New("--collection-out: the schema does not say where its API is (only a snapshot directory does); give --endpoint URL")
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
