package githubfake

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The fake stores git objects the way git does, named by the SHA-1 of their
// canonical encoding, so that the same files always make the same tree and
// a client can compare trees by SHA exactly as it would on GitHub.

// Modes of tree entries, as GitHub's API spells them.
const (
	modeFile    = "100644"
	modeExec    = "100755"
	modeSymlink = "120000"
	modeDir     = "040000"
	modeGitlink = "160000"
)

// file is a leaf of a tree: a blob (or a submodule commit) at a path.
type file struct {
	mode string
	sha  string
}

type treeEntry struct {
	name string
	mode string
	sha  string
}

func (e treeEntry) kind() string { return entryKind(e.mode) }

func entryKind(mode string) string {
	switch mode {
	case modeDir:
		return "tree"
	case modeGitlink:
		return "commit"
	}
	return "blob"
}

type commit struct {
	sha     string
	tree    string
	parents []string
	message string
	author  signature
}

type signature struct {
	name, email string
	date        time.Time
}

type objects struct {
	blobs   map[string][]byte
	trees   map[string][]treeEntry
	commits map[string]*commit
}

func newObjects() *objects {
	return &objects{blobs: map[string][]byte{}, trees: map[string][]treeEntry{}, commits: map[string]*commit{}}
}

// hashObject returns git's name for an object: the SHA-1 of its type, its
// length and its content.
func hashObject(kind string, data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "%s %d\x00", kind, len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (o *objects) putBlob(content []byte) string {
	sha := hashObject("blob", content)
	o.blobs[sha] = bytes.Clone(content)
	return sha
}

// putTree stores a tree with entries in git's order: by name, a
// directory's name compared as if it ended in "/".
func (o *objects) putTree(entries []treeEntry) string {
	entries = slices.Clone(entries)
	sortKey := func(e treeEntry) string {
		if e.mode == modeDir {
			return e.name + "/"
		}
		return e.name
	}
	slices.SortFunc(entries, func(a, b treeEntry) int { return strings.Compare(sortKey(a), sortKey(b)) })
	var buf bytes.Buffer
	for _, e := range entries {
		raw, _ := hex.DecodeString(e.sha)
		// git writes a directory's mode without the leading zero.
		fmt.Fprintf(&buf, "%s %s\x00", strings.TrimPrefix(e.mode, "0"), e.name)
		buf.Write(raw)
	}
	sha := hashObject("tree", buf.Bytes())
	o.trees[sha] = entries
	return sha
}

// buildTree stores the trees that hold files (path → leaf) and returns the
// root tree's SHA.
func (o *objects) buildTree(files map[string]file) string {
	var entries []treeEntry
	dirs := map[string]map[string]file{}
	for path, f := range files {
		dir, rest, nested := strings.Cut(path, "/")
		if !nested {
			entries = append(entries, treeEntry{name: path, mode: f.mode, sha: f.sha})
			continue
		}
		if dirs[dir] == nil {
			dirs[dir] = map[string]file{}
		}
		dirs[dir][rest] = f
	}
	for name, sub := range dirs {
		entries = append(entries, treeEntry{name: name, mode: modeDir, sha: o.buildTree(sub)})
	}
	return o.putTree(entries)
}

// files flattens a tree into its leaves.
func (o *objects) files(treeSHA string) map[string]file {
	out := map[string]file{}
	o.walk(treeSHA, "", func(path string, e treeEntry) {
		if e.mode != modeDir {
			out[path] = file{mode: e.mode, sha: e.sha}
		}
	})
	return out
}

// walk calls fn for every entry under a tree, depth first, parents before
// children, in tree order.
func (o *objects) walk(treeSHA, prefix string, fn func(path string, e treeEntry)) {
	for _, e := range o.trees[treeSHA] {
		path := prefix + e.name
		fn(path, e)
		if e.mode == modeDir {
			o.walk(e.sha, path+"/", fn)
		}
	}
}

func (o *objects) putCommit(c commit) *commit {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "tree %s\n", c.tree)
	for _, p := range c.parents {
		fmt.Fprintf(&buf, "parent %s\n", p)
	}
	ident := fmt.Sprintf("%s <%s> %d +0000", c.author.name, c.author.email, c.author.date.Unix())
	fmt.Fprintf(&buf, "author %s\ncommitter %s\n\n%s", ident, ident, c.message)
	c.sha = hashObject("commit", buf.Bytes())
	stored := &c
	o.commits[c.sha] = stored
	return stored
}
