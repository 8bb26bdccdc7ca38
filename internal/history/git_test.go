package history

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// gitVersion is one commit of the test repository.
type gitVersion struct {
	when time.Time
	// sdl is the snapshot's schema; "" leaves the snapshot alone (a commit
	// elsewhere), "!" commits a snapshot that does not load.
	sdl string
	// metaOnly changes nothing but meta.json.
	metaOnly bool
}

func commitAll(t *testing.T, wt *git.Worktree, msg string, when time.Time) {
	t.Helper()
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test", Email: "test@example.com", When: when}
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

// TestGitSourceEqualsDirectorySource commits dated versions of a snapshot
// directory and checks that its history equals that of a directory holding
// the same versions as dated files.
func TestGitSourceEqualsDirectorySource(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	commits := []gitVersion{
		{when: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC), sdl: `type Query { a: Int b: Int c: Int t: T } type T { x: Int y: Int }`},
		{when: time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC)}, // another file: not a version
		// 23:30 in New York is the next day in UTC.
		{when: time.Date(2024, 1, 10, 23, 30, 0, 0, est), sdl: `type Query { a: Int @deprecated(reason: "gone on 2024-03-01") b: Int c: Int t: T } type T { x: Int y: Int }`},
		{when: time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC), sdl: "!"},
		{when: time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC), metaOnly: true},
		{when: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC), sdl: `type Query { c: Int t: T } type T { x: Int @deprecated }`},
		{when: time.Date(2024, 3, 1, 18, 0, 0, 0, time.UTC), sdl: `type Query { c: Int d: Int }`},
	}
	repoDir := t.TempDir()
	repo, err := git.PlainInit(repoDir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	snapDir := filepath.Join(repoDir, "snapshots", "api")
	versionsDir := t.TempDir()
	var current *schema.Schema
	for i, c := range commits {
		date := c.when.UTC().Format(time.DateOnly)
		file := filepath.Join(versionsDir, fmt.Sprintf("%03d-%s.graphql", i, date))
		switch {
		case c.sdl == "!":
			if err := fsatomic.ReplaceDir(snapDir, map[string][]byte{snapshot.SDLFile: []byte("type {")}); err != nil {
				t.Fatal(err)
			}
			writeFile(t, file, "type {")
		case c.sdl != "":
			s, err := schema.ParseSDL("v.graphql", c.sdl)
			if err != nil {
				t.Fatal(err)
			}
			current = s
			if err := snapshot.Write(snapDir, s, snapshot.Meta{Source: "v" + fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
			writeFile(t, file, c.sdl)
		case c.metaOnly:
			if err := snapshot.Write(snapDir, current, snapshot.Meta{Source: "again"}); err != nil {
				t.Fatal(err)
			}
			writeFile(t, file, current.PrintSDL())
		default:
			writeFile(t, filepath.Join(repoDir, "README.md"), fmt.Sprintf("commit %d\n", i))
		}
		commitAll(t, wt, fmt.Sprintf("commit %d", i), c.when)
	}

	gitInputs, err := GitInputs(snapDir)
	if err != nil {
		t.Fatal(err)
	}
	dirInputs, err := DirInputs(versionsDir)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, in := range gitInputs {
		dates = append(dates, in.Date)
	}
	wantDates := []string{"2024-01-01", "2024-01-11", "2024-02-01", "2024-02-02", "2024-03-01", "2024-03-01"}
	if !cmp.Equal(dates, wantDates) {
		t.Errorf("git versions dated %v, want %v", dates, wantDates)
	}
	fromGit, err := Build(gitInputs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fromDir, err := Build(dirInputs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fromGit.Files("api")[DeprecationsFile], fromDir.Files("api")[DeprecationsFile]; string(got) != string(want) {
		t.Errorf("deprecations.json from git:\n%s\nfrom the directory:\n%s", got, want)
	}
	if fromGit.Skipped != 1 || len(fromGit.Versions) != 4 {
		t.Errorf("from git: %d versions, %d skipped; want 4 and 1", len(fromGit.Versions), fromGit.Skipped)
	}
	for i := range fromGit.Versions {
		g, d := fromGit.Versions[i], fromDir.Versions[i]
		g.Name, d.Name = "", ""
		if diff := cmp.Diff(d, g); diff != "" {
			t.Errorf("version %d (-directory +git):\n%s", i, diff)
		}
	}
	d := fromGit.Deprecations()
	want := []RemovedEntry{
		{Coordinate: "Query.a", RemovedOn: "2024-03-01", DeprecatedSince: ptr("2024-01-11"), NoticeDays: ptr(50)},
		{Coordinate: "Query.b", RemovedOn: "2024-03-01"},
		{Coordinate: "Query.t", RemovedOn: "2024-03-01"},
		{Coordinate: "T", RemovedOn: "2024-03-01"},
		{Coordinate: "T.y", RemovedOn: "2024-03-01"},
	}
	if diff := cmp.Diff(want, d.Removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
}

func TestGitInputsErrors(t *testing.T) {
	notRepo := t.TempDir()
	if _, err := GitInputs(notRepo); err == nil {
		t.Error("GitInputs outside a repository: no error")
	}
	repoDir := t.TempDir()
	if _, err := git.PlainInit(repoDir, false); err != nil {
		t.Fatal(err)
	}
	if _, err := GitInputs(repoDir); err == nil {
		t.Error("GitInputs in a repository without commits: no error")
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
