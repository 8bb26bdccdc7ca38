package watch

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// Names of the files a cycle writes into an API's report directory.
const (
	ReportMarkdown = "report.md"
	ReportJSON     = "report.json"
)

// outputGroup is one output of a cycle: its files and how they are written
// locally (a snapshot or a Go package replaces its directory whole; the
// collections and the report sit among other files).
type outputGroup struct {
	dir      string
	files    map[string][]byte // repository-relative paths
	wholeDir bool
}

// outputs is everything a cycle regenerates, in the order it is written:
// the snapshot last, so that a run that fails or is killed half-way leaves
// the previous snapshot, and the next run sees the change again and
// finishes the job instead of saying "no change" beside a stale Go package.
type outputs []outputGroup

// files returns the outputs' files, path → content.
func (o outputs) files() map[string][]byte {
	files := map[string][]byte{}
	for _, g := range o {
		maps.Copy(files, g.files)
	}
	return files
}

// deleted lists the committed files of the Go package that are no longer
// generated, sorted.
func (o outputs) deleted(api API, committed map[string][]byte) []string {
	if api.GoPackage == nil {
		return nil
	}
	files := o.files()
	var out []string
	for p := range committed {
		if _, kept := files[p]; !kept && under(p, api.GoPackage.Dir) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// stale returns the outputs whose files differ from the committed ones,
// or are missing: what a cycle that found no schema change still has to
// write.
func (o outputs) stale(committed map[string][]byte, deleted []string) outputs {
	var out outputs
	for _, g := range o {
		differs := slices.ContainsFunc(slices.Collect(maps.Keys(g.files)), func(p string) bool {
			old, ok := committed[p]
			return !ok || !bytes.Equal(old, g.files[p])
		}) || (g.wholeDir && slices.ContainsFunc(deleted, func(p string) bool { return under(p, g.dir) }))
		if differs {
			out = append(out, g)
		}
	}
	return out
}

// generated renders what a schema alone determines: the Go package and the
// collections, side by side (each only reads the schema, and on two cores
// the cycle's wall time is the longer of the two, not their sum). ops are
// the client's operations for the typed client; those that do not validate
// against s are left out (the report names them as broken). Each group is
// handed to ready (when not nil) as soon as it is rendered.
func generated(api API, s *schema.Schema, endpoint string, ops *codegen.Operations, ready func(outputGroup)) (outputs, error) {
	var goPkg, coll outputs
	var goErr, collErr error
	var wg sync.WaitGroup
	if api.GoPackage != nil {
		wg.Go(func() {
			if goPkg, goErr = goPackage(api, s, ops); goErr == nil {
				handOver(ready, goPkg[0])
			}
		})
	}
	if api.CollectionDir != "-" {
		wg.Go(func() {
			if coll, collErr = collections(api, s, endpoint); collErr == nil {
				handOver(ready, coll[0])
			}
		})
	}
	wg.Wait()
	if err := cmp.Or(goErr, collErr); err != nil {
		return nil, err
	}
	return append(goPkg, coll...), nil
}

// goPackage renders the API's Go package.
func goPackage(api API, s *schema.Schema, ops *codegen.Operations) (outputs, error) {
	g := api.GoPackage
	cfg := codegen.Config{Package: g.Name, Bindings: map[string]codegen.GoType{}, Spellings: g.Spellings, Operations: ops, SkipInvalidOperations: true}
	for scalar, goType := range g.Bind {
		t, err := codegen.ParseGoType(goType) // checked at load: cannot fail
		if err != nil {
			return nil, fmt.Errorf("goPackage.bind.%s: %w", scalar, err)
		}
		cfg.Bindings[scalar] = t
	}
	files, err := codegen.Generate(s, cfg)
	if err != nil {
		return nil, err
	}
	return outputs{{dir: g.Dir, files: prefixed(g.Dir, files), wholeDir: true}}, nil
}

// collections renders the API's Postman and Insomnia collections. They
// carry no fetch time: nothing a cycle writes depends on the clock, so a
// rerun with the same schema writes and pushes nothing.
func collections(api API, s *schema.Schema, endpoint string) (outputs, error) {
	files, err := collection.Generate(s, api.CollectionConfig(endpoint))
	if err != nil {
		return nil, err
	}
	return outputs{{dir: api.CollectionDir, files: prefixed(api.CollectionDir, files)}}, nil
}

// regenerate renders everything a change regenerates: the Go package, the
// collections, the change report and, last, the snapshot. Each is a
// function of the schema (and the report) alone, so all render side by
// side: the cycle waits for the longest, not for their sum. Each group is
// handed to ready (when not nil) as soon as it is rendered.
func regenerate(api API, live *schema.Schema, meta snapshot.Meta, r *diff.Report, notices report.Notices, ops *codegen.Operations, ready func(outputGroup)) (outputs, error) {
	var (
		out          outputs
		err          error
		report, snap outputGroup
		wg           sync.WaitGroup
	)
	wg.Go(func() { out, err = generated(api, live, meta.Endpoint, ops, ready) })
	wg.Go(func() {
		report = outputGroup{dir: api.ReportDir, files: prefixed(api.ReportDir, reportFiles(api, live, r, notices))}
		handOver(ready, report)
	})
	wg.Go(func() {
		snap = outputGroup{dir: api.SnapshotDir, files: prefixed(api.SnapshotDir, snapshot.Render(live, meta)), wholeDir: true}
		handOver(ready, snap)
	})
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return append(out, report, snap), nil
}

// handOver gives g to ready, if there is one.
func handOver(ready func(outputGroup), g outputGroup) {
	if ready != nil {
		ready(g)
	}
}

// reportFiles renders the change report: Markdown and JSON, or, on a
// first snapshot (r nil), the Markdown that says so.
func reportFiles(api API, live *schema.Schema, r *diff.Report, notices report.Notices) map[string][]byte {
	if r == nil {
		return map[string][]byte{ReportMarkdown: []byte(initialReport(api, live))}
	}
	return map[string][]byte{
		ReportMarkdown: []byte(report.Markdown(r, report.MarkdownOptions{MaxLength: fullReportLength, Notices: notices})),
		ReportJSON:     report.JSONWith(r, &notices),
	}
}

// fullReportLength lets the report file hold every change: only the pull
// request body must fit GitHub's limit.
const fullReportLength = 1 << 30

func prefixed(dir string, files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for name, data := range files {
		out[path.Join(dir, name)] = data
	}
	return out
}

func under(p, dir string) bool {
	return strings.HasPrefix(p, path.Clean(dir)+"/")
}
