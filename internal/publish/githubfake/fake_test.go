package githubfake

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// The fake must name objects exactly as git does, or a client comparing
// tree SHAs against it would be tested against a lie. The expected names
// come from git itself (git hash-object, git write-tree, git commit-tree).
func TestObjectNamesMatchGit(t *testing.T) {
	o := newObjects()
	if got, want := o.putBlob([]byte("hello\n")), "ce013625030ba8dba906f756967f9e9ca394464a"; got != want {
		t.Errorf("blob: got %s, want %s", got, want)
	}
	if got, want := o.buildTree(nil), "4b825dc642cb6eb9a060e54bf8d69288fbee4904"; got != want {
		t.Errorf("empty tree: got %s, want %s", got, want)
	}
	// "a-b" < "a.txt" < "a/" in git's order, although "a" < "a-b" as names.
	files := map[string]file{}
	for path, content := range map[string]string{"hello.txt": "hello\n", "a.txt": "y", "a-b": "z", "a/b/c.txt": "x"} {
		files[path] = file{mode: modeFile, sha: o.putBlob([]byte(content))}
	}
	tree := o.buildTree(files)
	if want := "18900887291e9cbd85e50d308a87cb9e0f747417"; tree != want {
		t.Errorf("tree: got %s, want %s", tree, want)
	}
	c := o.putCommit(commit{tree: tree, message: "msg\n", author: signature{name: "A", email: "a@x", date: time.Unix(1700000000, 0)}})
	if want := "929df7fde2dfe09a867d21e1c7045e14cdf4403b"; c.sha != want {
		t.Errorf("commit: got %s, want %s", c.sha, want)
	}
	if got := o.files(tree); len(got) != 4 || got["a/b/c.txt"].sha != files["a/b/c.txt"].sha {
		t.Errorf("files(tree) = %v, want the four files back", got)
	}
}

func newClient(t *testing.T, s *Server, token string) *github.Client {
	t.Helper()
	c, err := github.NewClient(nil).WithAuthToken(token).WithEnterpriseURLs(s.URL, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func statusOf(err error) int {
	var resp *github.ErrorResponse
	if errors.As(err, &resp) {
		return resp.Response.StatusCode
	}
	return 0
}

func TestAuthentication(t *testing.T) {
	s := New(Options{Token: "right-token"})
	defer s.Close()
	ctx := context.Background()
	if _, _, err := newClient(t, s, "wrong-token").Repositories.Get(ctx, s.Owner(), s.Repo()); statusOf(err) != http.StatusUnauthorized {
		t.Errorf("wrong token: got %v, want 401", err)
	}
	repo, _, err := newClient(t, s, "right-token").Repositories.Get(ctx, s.Owner(), s.Repo())
	if err != nil || repo.GetDefaultBranch() != "main" {
		t.Errorf("right token: got %v, %v; want the repository with default branch main", repo, err)
	}
	for _, r := range s.Requests() {
		if r.Body != "" || r.Path != "/repos/acme/api-clients" {
			t.Errorf("recorded %+v, want the path and no body", r)
		}
	}
}

func TestFailuresCountCalls(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	c := newClient(t, s, "any")
	s.Fail(Failure{Endpoint: GetRef, Nth: 2, Times: 2, Status: http.StatusBadGateway})
	var got []int
	for range 4 {
		_, resp, _ := c.Git.GetRef(context.Background(), s.Owner(), s.Repo(), "heads/main")
		got = append(got, resp.StatusCode)
	}
	want := []int{200, 502, 502, 200}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", got, want)
		}
	}
}

func TestAppliedFailureCarriesTheRequestOut(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	c := newClient(t, s, "any")
	ctx := context.Background()
	s.Push("topic", map[string][]byte{"x.txt": []byte("x")}, "topic")
	s.Fail(Failure{Endpoint: CreatePull, Status: http.StatusUnprocessableEntity, Message: "Validation Failed", Apply: true})
	_, _, err := c.PullRequests.Create(ctx, s.Owner(), s.Repo(), &github.NewPullRequest{Title: new("t"), Head: new("topic"), Base: new("main")})
	if statusOf(err) != http.StatusUnprocessableEntity {
		t.Fatalf("got %v, want the injected 422", err)
	}
	if open := s.OpenPulls(); len(open) != 1 || open[0].Head != "topic" {
		t.Fatalf("open pulls = %+v, want the one the failed call opened", open)
	}
	// GitHub's own rule: one open pull request per head and base.
	_, _, err = c.PullRequests.Create(ctx, s.Owner(), s.Repo(), &github.NewPullRequest{Title: new("t"), Head: new("topic"), Base: new("main")})
	var resp *github.ErrorResponse
	if !errors.As(err, &resp) || len(resp.Errors) != 1 || resp.Errors[0].Message != "A pull request already exists for acme:topic." {
		t.Fatalf("second create: got %v, want GitHub's 'already exists'", err)
	}
}

func TestDeletingTheHeadBranchClosesThePull(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	s.Push("topic", map[string][]byte{"x.txt": []byte("x")}, "topic")
	n := s.OpenPull("topic", "main", "t")
	s.DeleteBranch("topic")
	if p := s.Pulls()[n-1]; p.State != "closed" || p.HeadSHA != "" {
		t.Fatalf("pull = %+v, want closed with its branch gone", p)
	}
}
