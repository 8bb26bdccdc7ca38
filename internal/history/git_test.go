package history

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// fixtureRepo is a git repository a test builds with the git binary,
// whatever the caller's git configuration.
type fixtureRepo struct {
	t   *testing.T
	dir string
}

func newFixtureRepo(t *testing.T, dir string) *fixtureRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the history of a snapshot directory is read with it")
	}
	r := &fixtureRepo{t: t, dir: dir}
	r.git(time.Time{}, "init", "--quiet", "--initial-branch=main")
	return r
}

// git runs a git subcommand in the repository; when is the commit date.
func (r *fixtureRepo) git(when time.Time, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + r.dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com"}
	if !when.IsZero() {
		date := when.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commitAll commits every change in the work tree and returns the commit's
// hash.
func (r *fixtureRepo) commitAll(msg string, when time.Time) string {
	r.t.Helper()
	r.git(when, "add", "--all")
	r.git(when, "commit", "--quiet", "--allow-empty", "-m", msg)
	return r.git(when, "rev-parse", "HEAD")
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
	repo := newFixtureRepo(t, repoDir)
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
		repo.commitAll(fmt.Sprintf("commit %d", i), c.when)
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

// TestGitInputsErrors: each way GitInputs cannot list a history says which.
func TestGitInputsErrors(t *testing.T) {
	emptyRepo := t.TempDir()
	newFixtureRepo(t, emptyRepo)
	untouched := t.TempDir()
	repo := newFixtureRepo(t, untouched)
	writeFile(t, filepath.Join(untouched, "README.md"), "hello\n")
	repo.commitAll("readme", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := os.Mkdir(filepath.Join(untouched, "snapshots"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, path, want string
	}{
		{"outside a repository", t.TempDir(), "", "not inside a git repository"},
		{"a repository without commits", emptyRepo, "", "the repository has no commit"},
		{"a directory no commit changed", filepath.Join(untouched, "snapshots"), "", "no commit reachable from HEAD changed it"},
		{"git not installed", untouched, t.TempDir(), "install git"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path != "" {
				t.Setenv("PATH", tc.path)
			}
			_, err := GitInputs(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("GitInputs(%s) = %v, want an error saying %q", tc.dir, err, tc.want)
			}
		})
	}
}

// TestGitInputsReadsTheRightCommits: names are the commits' hashes
// abbreviated to 12, whatever the directory is called (pathspec magic and
// glob characters are taken literally) or however it is reached (a
// symbolic link); the checkout's top works too; a commit that deleted the
// directory is a version that does not load; and the caller's GIT_*
// variables cannot point git at another repository.
func TestGitInputsReadsTheRightCommits(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 5, d, 12, 0, 0, 0, time.UTC) }
	v1, err := schema.ParseSDL("v1.graphql", "type Query { a: Int }")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := schema.ParseSDL("v2.graphql", "type Query { a: Int b: Int }")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ sub, lookalike string }{
		{"snapshots/api", "snapshots/ap"},
		{"snapshots/*[ab] x", "snapshots/a x"}, // as a glob, the first matches the second
		{":(top)-x", "-x"},                     // as pathspec magic, the first names the second
		{".", ""},
	} {
		sub := tc.sub
		t.Run(sub, func(t *testing.T) {
			top := t.TempDir()
			repo := newFixtureRepo(t, top)
			snapDir := filepath.Join(top, sub)
			var hashes []string
			for i, s := range []*schema.Schema{v1, v2} {
				writeSnapshotFiles(t, snapDir, s, snapshot.Meta{Source: fmt.Sprint(i)})
				hashes = append(hashes, repo.commitAll(fmt.Sprint("version ", i), day(i+1)))
			}
			if tc.lookalike != "" {
				writeFile(t, filepath.Join(top, tc.lookalike, snapshot.SDLFile), "type Query { z: Int }")
				repo.commitAll("a lookalike", day(3))
			}
			deleted := ""
			if sub != "." {
				if err := os.RemoveAll(snapDir); err != nil {
					t.Fatal(err)
				}
				deleted = repo.commitAll("removed", day(4))
				if err := os.MkdirAll(snapDir, 0o755); err != nil { // GitInputs needs the directory
					t.Fatal(err)
				}
			}
			other := t.TempDir()
			newFixtureRepo(t, other)
			t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
			t.Setenv("GIT_WORK_TREE", other)
			t.Setenv("GIT_CONFIG_PARAMETERS", "'core.abbrev'='4'")
			link := filepath.Join(t.TempDir(), "link")
			if err := os.Symlink(top, link); err != nil {
				t.Fatal(err)
			}

			inputs, err := GitInputs(filepath.Join(link, sub))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for i, in := range inputs {
				names = append(names, in.Name)
				s, err := in.Load()
				switch {
				case i < 2 && err != nil:
					t.Errorf("%s: %v", in.Name, err)
				case i < 2 && s.PrintSDL() != []*schema.Schema{v1, v2}[i].PrintSDL():
					t.Errorf("%s: loaded\n%s", in.Name, s.PrintSDL())
				case i == 2 && (err == nil || !strings.Contains(err.Error(), "directory not found")):
					t.Errorf("%s, which deleted the directory, loads with %v; want directory not found", in.Name, err)
				}
			}
			want := []string{hashes[0][:12], hashes[1][:12]}
			if deleted != "" {
				want = append(want, deleted[:12])
			}
			if !cmp.Equal(names, want) {
				t.Errorf("versions %v, want %v", names, want)
			}
		})
	}
}

// writeSnapshotFiles writes a snapshot's files into dir, leaving the rest
// of dir alone (snapshot.Write replaces the whole directory, which at a
// checkout's top would take .git with it).
func writeSnapshotFiles(t *testing.T, dir string, s *schema.Schema, meta snapshot.Meta) {
	t.Helper()
	scratch := filepath.Join(t.TempDir(), "snapshot")
	if err := snapshot.Write(scratch, s, meta); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{snapshot.MetaFile, snapshot.JSONFile, snapshot.SDLFile} {
		data, err := os.ReadFile(filepath.Join(scratch, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(data))
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
