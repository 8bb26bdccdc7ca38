// Package snapshot reads and writes a snapshot directory: the canonical SDL
// (schema.graphql), the canonical introspection result (schema.json) and a
// small metadata file (meta.json). A directory is always replaced whole, so
// a failed run leaves the last good snapshot as it was.
package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// The files of a snapshot directory.
const (
	SDLFile  = "schema.graphql"
	JSONFile = "schema.json"
	MetaFile = "meta.json"
)

// Meta describes where and how a snapshot was taken. It never holds a
// token, and its endpoint has no query string or user information.
type Meta struct {
	// Endpoint the schema was introspected from; empty when read from a file.
	Endpoint string `json:"endpoint,omitempty"`
	// Source is the file the schema was read from, when not fetched: its
	// base name, never a local absolute path.
	Source string `json:"source,omitempty"`
	// FetchedAt is when the endpoint answered, in UTC. The watch cycle
	// leaves it empty, so that the same schema always gives the same
	// snapshot whatever the clock; so does converting a file.
	FetchedAt string `json:"fetchedAt,omitempty"`
	// SHA256 is the hash of schema.json, the content of the snapshot.
	SHA256 string `json:"sha256"`
	// Capabilities are the optional introspection properties the snapshot
	// carries, i.e. can say something about: all of them for SDL, those the
	// server answered for an introspection. Neither the diff nor Equal
	// compares a property that either side lacks.
	Capabilities schema.Capabilities `json:"capabilities"`
	// Asked lists what the introspection query asked for, when fetched: a
	// record of how the snapshot was made, never compared. (It equals
	// Capabilities for a fetched snapshot, since a property is carried when
	// asked and answered.)
	Asked *schema.Capabilities `json:"asked,omitempty"`
	// Types counts the named types, standard scalars included.
	Types int `json:"types"`
	// Generator names the program that wrote the snapshot.
	Generator string `json:"generator"`
}

// Generator is written into every snapshot's metadata.
const Generator = "schemawatch"

// FormatTime formats a fetch time for Meta.FetchedAt.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Render returns the files of the snapshot of s. meta's SHA256,
// Capabilities, Types and Generator are filled in from s.
func Render(s *schema.Schema, meta Meta) map[string][]byte {
	js := s.MarshalIntrospection()
	sum := sha256.Sum256(js)
	meta.SHA256 = hex.EncodeToString(sum[:])
	meta.Capabilities = s.Capabilities
	meta.Types = len(s.Types)
	meta.Generator = Generator
	metaJSON, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("snapshot: marshal meta: %v", err)) // plain struct: cannot fail
	}
	return map[string][]byte{
		SDLFile:  s.MarshalSDL(),
		JSONFile: js,
		MetaFile: append(metaJSON, '\n'),
	}
}

// Write replaces the snapshot directory dir with the snapshot of s.
func Write(dir string, s *schema.Schema, meta Meta) error {
	if err := fsatomic.ReplaceDir(dir, Render(s, meta)); err != nil {
		return fmt.Errorf("write snapshot %s: %w", dir, err)
	}
	return nil
}

// ErrNoSnapshot is returned for a directory that holds no snapshot.
var ErrNoSnapshot = errors.New("not a snapshot directory")

// Read loads the snapshot in dir. schema.json is the source of truth (it
// carries the capabilities); a directory with only schema.graphql is read
// from that, with the capabilities from meta.json when present.
func Read(dir string) (*schema.Schema, Meta, error) {
	if err := fsatomic.Recover(dir); err != nil {
		return nil, Meta{}, fmt.Errorf("%s: restoring an interrupted write: %w", dir, err)
	}
	files := map[string][]byte{}
	for _, name := range []string{MetaFile, JSONFile, SDLFile} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, Meta{}, err
		}
		files[name] = data
	}
	return Parse(dir, files)
}

// Parse loads a snapshot from the contents of its files, by file name
// (schema.graphql, schema.json, meta.json), as read from a directory or
// from the base branch of a repository; dir names the snapshot in errors.
// Without a schema file it returns an error wrapping ErrNoSnapshot.
func Parse(dir string, files map[string][]byte) (*schema.Schema, Meta, error) {
	var meta Meta
	metaPath := filepath.Join(dir, MetaFile)
	data, haveMeta := files[MetaFile]
	if haveMeta {
		if err := json.Unmarshal(data, &meta); err != nil {
			return nil, Meta{}, fmt.Errorf("%s: %w", metaPath, err)
		}
	}
	jsonPath := filepath.Join(dir, JSONFile)
	if data, ok := files[JSONFile]; ok {
		if haveMeta && meta.SHA256 != "" {
			sum := sha256.Sum256(data)
			if hex.EncodeToString(sum[:]) != meta.SHA256 {
				return nil, Meta{}, fmt.Errorf("%s does not match the sha256 in %s: the snapshot was edited by hand; rewrite it with `introspect --from %s --snapshot %s`", jsonPath, metaPath, jsonPath, dir)
			}
		}
		s, err := schema.Load(jsonPath, data)
		if err != nil {
			return nil, Meta{}, err
		}
		return s, meta, nil
	}
	sdlPath := filepath.Join(dir, SDLFile)
	data, ok := files[SDLFile]
	if !ok {
		return nil, Meta{}, fmt.Errorf("%s: %w: it has neither %s nor %s", dir, ErrNoSnapshot, JSONFile, SDLFile)
	}
	s, err := schema.Load(sdlPath, data)
	if err != nil {
		return nil, Meta{}, err
	}
	if haveMeta {
		// SDL carries every property; the metadata says which ones the
		// snapshot really had.
		s = s.WithCapabilities(meta.Capabilities)
	}
	return s, meta, nil
}

// Load reads a schema from a snapshot directory, an SDL file or an
// introspection result (plain or gzip'd): whatever a user may name on the
// command line.
func Load(path string) (*schema.Schema, error) {
	s, _, err := Open(path)
	return s, err
}

// Open is Load that also returns the snapshot's metadata: what Read
// returns for a snapshot directory, the zero Meta for a file.
func Open(path string) (*schema.Schema, Meta, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, Meta{}, err
	}
	if info.IsDir() {
		return Read(path)
	}
	s, err := schema.LoadFile(path)
	return s, Meta{}, err
}

// Equal reports whether two schemas are the same as far as both can say:
// they are compared on the capabilities they share, as the diff compares
// them. A snapshot made from SDL (which carries every property) and a live
// introspection that was not answered some property are equal when they
// agree on the rest; so are two introspections asked different things.
func Equal(a, b *schema.Schema) bool {
	both := a.Capabilities.Intersect(b.Capabilities)
	if a.Capabilities != both {
		a = a.WithCapabilities(both)
	}
	if b.Capabilities != both {
		b = b.WithCapabilities(both)
	}
	// The same answer as comparing their schema.json, without writing it.
	return schema.CanonicalEqual(a, b)
}
