package publish

import (
	"context"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
)

func TestReadFiles(t *testing.T) {
	h := newHarness(t, githubfake.Options{})
	files, err := h.pub.ReadFiles(context.Background(), "main", "snapshots/demo", "demoapi/")
	if err != nil {
		t.Fatal(err)
	}
	want := generated("v1")
	if len(files) != 2 || string(files["snapshots/demo/schema.graphql"]) != string(want["snapshots/demo/schema.graphql"]) ||
		string(files["demoapi/types.go"]) != string(want["demoapi/types.go"]) {
		t.Errorf("files = %q", files)
	}
	// The default branch when base is empty; nothing for a directory base lacks.
	files, err = h.pub.ReadFiles(context.Background(), "", "nowhere")
	if err != nil || len(files) != 0 {
		t.Errorf("files = %q, err = %v", files, err)
	}
	h.expectWrites()
	if _, err := h.pub.ReadFiles(context.Background(), "no-such-branch", "snapshots"); err == nil || !strings.Contains(err.Error(), `base branch "no-such-branch" does not exist`) {
		t.Errorf("a missing base: %v", err)
	}
}

// TestWithdraw: a run that finds the schema back at the base closes the
// open pull request and deletes the branch; with neither, it writes nothing.
func TestWithdraw(t *testing.T) {
	h := newHarness(t, githubfake.Options{})
	res, err := h.pub.Withdraw(context.Background(), PullRequest{Branch: testBranch, Base: "main"})
	if err != nil || res.Action != NothingToPublish {
		t.Fatalf("nothing open: %+v, %v", res, err)
	}
	h.expectWrites()

	opened := h.mustPublish(proposal("v2", true))
	h.writes()
	res, err = h.pub.Withdraw(context.Background(), PullRequest{Branch: testBranch, Base: "main"})
	if err != nil || res.Action != Closed || res.Number != opened.Number {
		t.Fatalf("withdraw: %+v, %v", res, err)
	}
	if len(h.fake.OpenPulls()) != 0 {
		t.Error("the pull request is still open")
	}
	if _, ok := h.fake.Branch(testBranch); ok {
		t.Error("the branch still exists")
	}
	if c := h.fake.Comments(opened.Number); len(c) != 1 || !strings.Contains(c[0], "back to what the base branch holds") {
		t.Errorf("comments %q", c)
	}
	h.assertNoToken("logs", h.logs.String())
}
