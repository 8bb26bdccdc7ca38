// Package history remembers every version of an API's schema for the people
// who build on it: when each element was deprecated, what was removed and
// how much notice it had (deprecations.json), what changed in each version
// (CHANGELOG.md) and the whole at a glance (timeline.svg).
//
// It is a pure function of dated schema versions: Build takes them all,
// Update takes the next one into the files a previous run wrote, and both
// give byte-identical files for the same versions. Reading the versions
// (a directory of files, a snapshot directory's git history) is in
// source.go and git.go.
package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"github.com/schemawatch/schemawatch/internal/fsatomic"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The files of a history directory.
const (
	LedgerFile       = "ledger.json"
	DeprecationsFile = "deprecations.json"
	ChangelogFile    = "CHANGELOG.md"
	TimelineFile     = "timeline.svg"
)

// Input is one version of a schema, loaded on demand.
type Input struct {
	// Name identifies the version in messages and in the CHANGELOG: a file
	// name or a commit.
	Name string
	// Date is the version's day, YYYY-MM-DD, UTC.
	Date string
	// Load reads the schema.
	Load func() (*schema.Schema, error)
}

// Options steer Build.
type Options struct {
	// Warn is told of each version that could not be loaded and is
	// skipped; nil to say nothing.
	Warn func(in Input, err error)
}

// ErrNoVersions is returned when no version could be loaded.
var ErrNoVersions = errors.New("no schema version could be loaded")

// Build reads the versions, oldest first, and returns the ledger of their
// history. A version that cannot be loaded is skipped and counted; one equal
// to the version before it is not a new version (see Ledger). Versions are
// loaded a few at a time in parallel, and taken in order.
func Build(inputs []Input, opts Options) (*Ledger, error) {
	l := newLedger()
	type pending struct {
		v    *loaded
		err  error
		done chan struct{}
	}
	workers := max(2, runtime.GOMAXPROCS(0))
	queue := make([]*pending, len(inputs))
	for i := range queue {
		queue[i] = &pending{done: make(chan struct{})}
	}
	// A slot is taken per version being loaded or waiting to be taken in,
	// so that at most that many loaded schemas are held at once.
	slots := make(chan struct{}, workers)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i, in := range inputs {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				p := queue[i]
				defer close(p.done)
				s, err := in.Load()
				if err != nil {
					p.err = err
					return
				}
				p.v = load(in.Name, in.Date, s)
			}()
		}
	}()
	var prev *loaded
	for i, in := range inputs {
		p := queue[i]
		<-p.done
		queue[i] = nil
		<-slots
		if p.err != nil {
			l.Skipped++
			if opts.Warn != nil {
				opts.Warn(in, p.err)
			}
			continue
		}
		added, err := l.add(prev, p.v)
		if err != nil {
			return nil, err
		}
		if added {
			prev = p.v
		}
	}
	if len(l.Versions) == 0 {
		return nil, fmt.Errorf("%w (%d tried)", ErrNoVersions, len(inputs))
	}
	return l, nil
}

// Update takes one new version into the files of a history directory and
// returns the new files: what the watch cycle calls when it takes a new
// snapshot, instead of reading the whole history again. prev holds the
// directory's files by name (only ledger.json is read; nil or without it,
// a new history starts at new and old is not used); old is the schema of
// the ledger's newest version (the snapshot before this one), new the
// schema taken on date (YYYY-MM-DD, UTC), name what the CHANGELOG calls it.
//
// The result equals Build over the same versions, byte for byte. When new
// changes nothing from old, the files come back unchanged.
func Update(prev map[string][]byte, title, name, date string, old, new *schema.Schema) (map[string][]byte, error) {
	l := newLedger()
	var prevVersion *loaded
	if data, ok := prev[LedgerFile]; ok {
		var err error
		if l, err = ParseLedger(data); err != nil {
			return nil, err
		}
		if len(l.Versions) > 0 {
			if old == nil {
				return nil, fmt.Errorf("history: the ledger has versions but no previous schema was given")
			}
			last := l.Versions[len(l.Versions)-1]
			// A cheap check that old is the ledger's newest version: a
			// ledger updated from another snapshot would go wrong quietly.
			if types, fields := size(old); types != last.Types || fields != last.Fields {
				return nil, fmt.Errorf("history: the previous schema (%d types, %d fields) is not the ledger's newest version %s (%d types, %d fields): rebuild the history with watch history",
					types, fields, last.Name, last.Types, last.Fields)
			}
			prevVersion = load(last.Name, last.Date, old)
		}
	}
	added, err := l.add(prevVersion, load(name, date, new))
	if err != nil {
		return nil, err
	}
	if !added {
		return prev, nil
	}
	return l.Files(title), nil
}

// ParseLedger reads ledger.json.
func ParseLedger(data []byte) (*Ledger, error) {
	l := newLedger()
	if err := json.Unmarshal(data, l); err != nil {
		return nil, fmt.Errorf("history: %s: %w (rebuild it with watch history)", LedgerFile, err)
	}
	if l.Format != ledgerFormat {
		return nil, fmt.Errorf("history: %s has format %d, this schemawatch reads %d: rebuild it with watch history", LedgerFile, l.Format, ledgerFormat)
	}
	if l.Deprecated == nil {
		l.Deprecated = map[string]Deprecation{}
	}
	if l.Removed == nil {
		l.Removed = map[string]Removal{}
	}
	return l, nil
}

// Files returns the history directory's files: ledger.json,
// deprecations.json, CHANGELOG.md and timeline.svg. title names the API.
func (l *Ledger) Files(title string) map[string][]byte {
	var ledger bytes.Buffer
	enc := json.NewEncoder(&ledger)
	enc.SetIndent("", " ")
	if err := enc.Encode(l); err != nil {
		panic(fmt.Sprintf("history: marshal ledger: %v", err)) // plain structs: cannot fail
	}
	return map[string][]byte{
		LedgerFile:       ledger.Bytes(),
		DeprecationsFile: l.Deprecations().marshal(),
		ChangelogFile:    []byte(l.Changelog(title)),
		TimelineFile:     []byte(l.Timeline(title)),
	}
}

// WriteDir replaces the history directory dir with files, whole or not at
// all (a failed write leaves the previous history as it was). A directory
// holding anything but a history's files is refused rather than replaced:
// replacing it would delete what else it holds.
func WriteDir(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		if _, ours := files[e.Name()]; !ours {
			return fmt.Errorf("%s holds %s, which is not a history file: write the history into a directory of its own", dir, e.Name())
		}
	}
	return fsatomic.ReplaceDir(dir, files)
}
