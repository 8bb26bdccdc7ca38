package publish

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
)

// Each test here breaks GitHub, or the repository, in one way GitHub or a
// person can, and checks that the run copes or that the next run repairs
// the state — never with a second open pull request.

func TestRateLimitsAreWaitedOut(t *testing.T) {
	tests := []struct {
		name    string
		failure githubfake.Failure
		wait    time.Duration
	}{
		{"primary limit waits until the reset", githubfake.PrimaryRateLimit(githubfake.CreateBlob, 2, 10*time.Minute), 10*time.Minute + time.Second},
		{"secondary limit waits as Retry-After says", githubfake.SecondaryRateLimit(githubfake.CreatePull, 1, 45*time.Second), 45 * time.Second},
		{"429 waits as Retry-After says", githubfake.TooManyRequests(githubfake.GetTree, 1, 5*time.Second), 5 * time.Second},
		{"secondary limit without Retry-After waits a minute", func() githubfake.Failure {
			f := githubfake.SecondaryRateLimit(githubfake.AddLabels, 1, 0)
			f.Header = nil
			return f
		}(), time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, githubfake.Options{})
			h.fake.Fail(tt.failure)
			res := h.mustPublish(proposal("v2", true))
			if res.Action != Created {
				t.Errorf("action = %s, want created", res.Action)
			}
			h.expectPublished(proposal("v2", true))
			if got := h.clock.Waits(); !slices.Equal(got, []time.Duration{tt.wait}) {
				t.Errorf("waits = %v, want %v", got, tt.wait)
			}
			// The limited request was repeated, once.
			statuses := map[int]int{}
			for _, r := range h.fake.Requests() {
				if r.Endpoint == tt.failure.Endpoint {
					statuses[r.Status]++
				}
			}
			if statuses[tt.failure.Status] != 1 {
				t.Errorf("%s answers by status = %v, want one %d", tt.failure.Endpoint, statuses, tt.failure.Status)
			}
			if !strings.Contains(h.logs.String(), "rate limited; waiting as the server asks") {
				t.Errorf("no log line about the wait in:\n%s", h.logs)
			}
		})
	}
}

func TestRateLimitTooLongFailsAndNextRunSucceeds(t *testing.T) {
	h := newHarness(t, githubfake.Options{}, func(c *GitHubConfig) { c.MaxWait = 15 * time.Minute })
	h.fake.Fail(githubfake.PrimaryRateLimit(githubfake.CreateCommit, 1, 50*time.Minute))
	_, err := h.publish(proposal("v2", true))
	var limit *RateLimitError
	if !errors.As(err, &limit) || limit.Secondary || limit.Wait != 50*time.Minute+time.Second {
		t.Fatalf("error = %v, want a primary RateLimitError asking 50m1s", err)
	}
	if !strings.Contains(err.Error(), "run again later") {
		t.Errorf("error %q does not say what to do", err)
	}
	if got := h.clock.Waits(); len(got) != 0 {
		t.Errorf("waited %v, want no wait beyond MaxWait", got)
	}
	h.clock.Advance(time.Hour)
	if res := h.mustPublish(proposal("v2", true)); res.Action != Created {
		t.Errorf("next run: action = %s, want created", res.Action)
	}
	h.expectPublished(proposal("v2", true))
}

func TestRateLimitRetriesAreBounded(t *testing.T) {
	h := newHarness(t, githubfake.Options{}, func(c *GitHubConfig) { c.MaxRetries = 2 })
	f := githubfake.SecondaryRateLimit(githubfake.GetRef, 1, 30*time.Second)
	f.Times = 10
	h.fake.Fail(f)
	_, err := h.publish(proposal("v2", true))
	var limit *RateLimitError
	if !errors.As(err, &limit) || !limit.Exhausted || !limit.Secondary {
		t.Fatalf("error = %v, want an exhausted secondary RateLimitError", err)
	}
	if got := h.clock.Waits(); !slices.Equal(got, []time.Duration{30 * time.Second, 30 * time.Second}) {
		t.Errorf("waits = %v, want two of 30s", got)
	}
}

func TestForbiddenIsNotARateLimit(t *testing.T) {
	h := newHarness(t, githubfake.Options{})
	h.fake.Fail(githubfake.Failure{
		Endpoint: githubfake.CreateRef, Status: http.StatusForbidden, Message: "Resource not accessible by integration",
		DocumentationURL: "https://docs.github.com/rest/git/refs#create-a-reference",
	})
	_, err := h.publish(proposal("v2", true))
	if err == nil || !strings.Contains(err.Error(), "contents: write, pull-requests: write and issues: write on acme/api-clients") {
		t.Fatalf("error = %v, want one that names the permissions the token needs", err)
	}
	if got := h.clock.Waits(); len(got) != 0 {
		t.Errorf("waited %v on a plain 403", got)
	}
}

func TestWrongToken(t *testing.T) {
	h := newHarness(t, githubfake.Options{}, func(c *GitHubConfig) { c.Token = "ghp_notTheRightToken0123456789" })
	_, err := h.publish(proposal("v2", true))
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "check GITHUB_TOKEN") {
		t.Fatalf("error = %v, want a 401 that points at GITHUB_TOKEN", err)
	}
	if strings.Contains(err.Error(), "ghp_notTheRightToken0123456789") {
		t.Errorf("the token appears in the error: %v", err)
	}
}

func TestUnprocessableRightAfterOpeningPullRequest(t *testing.T) {
	t.Run("opened but not listed yet", func(t *testing.T) {
		h := newHarness(t, githubfake.Options{})
		// GitHub opens the pull request but answers 422, and its listing
		// lags: the first look after the 422 does not find it.
		h.fake.SetListLag(1)
		h.fake.Fail(githubfake.Failure{Endpoint: githubfake.CreatePull, Status: http.StatusUnprocessableEntity, Message: "Validation Failed", Apply: true})
		res := h.mustPublish(proposal("v2", true))
		if res.Action != Updated || res.Number != 1 {
			t.Errorf("result = %+v, want pull request #1, found rather than created", res)
		}
		h.expectPublished(proposal("v2", true))
		if got := h.fake.Pulls(); len(got) != 1 {
			t.Errorf("pull requests = %+v, want one ever opened", got)
		}
		if got := h.clock.Waits(); !slices.Equal(got, []time.Duration{2 * time.Second, 4 * time.Second}) {
			t.Errorf("waits = %v, want 2s then 4s", got)
		}
	})
	t.Run("branch not visible yet", func(t *testing.T) {
		h := newHarness(t, githubfake.Options{})
		h.fake.Fail(githubfake.Failure{Endpoint: githubfake.CreatePull, Status: http.StatusUnprocessableEntity, Message: "Validation Failed"})
		res := h.mustPublish(proposal("v2", true))
		if res.Action != Created || res.Number != 1 {
			t.Errorf("result = %+v, want pull request #1 created", res)
		}
		h.expectPublished(proposal("v2", true))
	})
	t.Run("422 every time", func(t *testing.T) {
		h := newHarness(t, githubfake.Options{})
		h.fake.Fail(githubfake.Failure{Endpoint: githubfake.CreatePull, Status: http.StatusUnprocessableEntity, Message: "Validation Failed", Times: createPullAttempts})
		if _, err := h.publish(proposal("v2", true)); err == nil || !strings.Contains(err.Error(), "open the pull request") {
			t.Fatalf("error = %v, want the last 422", err)
		}
		if got := h.fake.Pulls(); len(got) != 0 {
			t.Fatalf("pull requests = %+v, want none", got)
		}
		if res := h.mustPublish(proposal("v2", true)); res.Action != Created || res.Pushed {
			t.Errorf("next run: result = %+v, want the pull request created, nothing pushed", res)
		}
		h.expectPublished(proposal("v2", true))
	})
}

func TestRepairsWhatPeopleDid(t *testing.T) {
	tests := []struct {
		name string
		do   func(h *harness)
		want Result
		// labels are those the pull request ends with besides the
		// proposal's: a label schemawatch does not manage stays.
		labels []string
	}{
		{
			name: "branch deleted by hand",
			do:   func(h *harness) { h.fake.DeleteBranch(testBranch) },
			want: Result{Action: Created, Number: 2, Pushed: true},
		},
		{
			name: "pull request closed by hand",
			do:   func(h *harness) { h.fake.ClosePull(1) },
			want: Result{Action: Created, Number: 2},
		},
		{
			name: "commit pushed to the branch by hand",
			do: func(h *harness) {
				h.fake.Push(testBranch, map[string][]byte{"demoapi/types.go": []byte("package demoapi // edited\n")}, "hand edit")
			},
			want: Result{Action: Updated, Number: 1, Pushed: true},
		},
		{
			name: "labels changed by hand",
			do: func(h *harness) {
				h.fake.RemovePullLabel(1, LabelBreaking)
				h.fake.AddPullLabels(1, "needs-docs")
			},
			// The breaking label is put back: as far as the labels show,
			// the verdict changed.
			want:   Result{Action: Updated, Number: 1, ManagedLabelsChanged: true},
			labels: []string{"needs-docs"},
		},
		{
			name: "base of the pull request changed by hand",
			do: func(h *harness) {
				h.fake.Push("release", map[string][]byte{"RELEASE.md": []byte("1.0\n")}, "release")
				h.fake.SetPullBase(1, "release")
			},
			want: Result{Action: Updated, Number: 1},
		},
		{
			name: "a second pull request from the branch to another base",
			do: func(h *harness) {
				h.fake.Push("release", map[string][]byte{"RELEASE.md": []byte("1.0\n")}, "release")
				h.fake.OpenPull(testBranch, "release", "by hand")
			},
			want: Result{Action: Unchanged, Number: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, githubfake.Options{})
			h.mustPublish(proposal("v2", true))
			tt.do(h)
			res := h.mustPublish(proposal("v2", true))
			tt.want.URL = h.fake.URL + "/acme/api-clients/pull/" + strconv.Itoa(tt.want.Number)
			expectResult(t, res, tt.want)
			pr := proposal("v2", true)
			pr.Labels = append(pr.Labels, tt.labels...)
			if p := h.expectPublished(pr); p.Number != tt.want.Number {
				t.Errorf("the open pull request is #%d, want #%d", p.Number, tt.want.Number)
			}
		})
	}
}

// TestServerErrorMidCycle fails each call a run makes, one at a time, with
// a 502: the run stops with an error, the next run finishes the job, and
// the one after writes nothing — whichever call failed.
func TestServerErrorMidCycle(t *testing.T) {
	type phase struct {
		name      string
		before    []PullRequest // published first, successfully
		run       PullRequest
		endpoints []string
		nth       map[string]int // call to fail, when not the first
	}
	phases := []phase{
		{
			name: "opening",
			run:  proposal("v2", true),
			endpoints: []string{
				githubfake.GetRef, githubfake.GetCommit, githubfake.GetTree, githubfake.ListPulls, githubfake.CreateBlob,
				githubfake.CreateTree, githubfake.CreateCommit, githubfake.CreateRef, githubfake.CreatePull,
				githubfake.CreateLabel, githubfake.AddLabels,
			},
			nth: map[string]int{githubfake.CreateBlob: 2, githubfake.CreateLabel: 2},
		},
		{
			name:   "updating",
			before: []PullRequest{proposal("v2", true)},
			run:    proposal("v3", false),
			endpoints: []string{
				githubfake.GetRef, githubfake.GetCommit, githubfake.GetTree, githubfake.CreateBlob, githubfake.CreateTree,
				githubfake.CreateCommit, githubfake.UpdateRef, githubfake.UpdatePull, githubfake.RemoveLabel,
			},
			// The branch's ref, commit and tree: the second of each.
			nth: map[string]int{githubfake.GetRef: 2, githubfake.GetCommit: 2, githubfake.GetTree: 2},
		},
		{
			name:      "closing",
			before:    []PullRequest{proposal("v2", true)},
			run:       proposal("v1", false),
			endpoints: []string{githubfake.ListPulls, githubfake.CreateComment, githubfake.UpdatePull, githubfake.DeleteRef},
		},
	}
	for _, ph := range phases {
		for _, endpoint := range ph.endpoints {
			t.Run(ph.name+"/"+endpoint, func(t *testing.T) {
				h := newHarness(t, githubfake.Options{})
				for _, pr := range ph.before {
					h.mustPublish(pr)
				}
				h.fake.Fail(githubfake.ServerError(endpoint, ph.nth[endpoint], http.StatusBadGateway))
				if _, err := h.publish(ph.run); err == nil || !strings.Contains(err.Error(), "502") {
					t.Fatalf("error = %v, want the 502", err)
				}
				repair := h.mustPublish(ph.run)
				if ph.name == "closing" {
					if repair.Action != Closed && repair.Action != NothingToPublish {
						t.Errorf("repair: action = %s", repair.Action)
					}
					if open := h.fake.OpenPulls(); len(open) != 0 {
						t.Errorf("open pull requests = %+v, want none", open)
					}
					if _, ok := h.fake.Branch(testBranch); ok {
						t.Error("the branch is still there")
					}
					// A close that failed after its comment repeats the
					// comment rather than lose it.
					if n := len(h.fake.Comments(1)); n < 1 || n > 2 {
						t.Errorf("%d closing comments", n)
					}
				} else {
					if repair.Action == Unchanged {
						t.Errorf("repair: action = %s, want something done", repair.Action)
					}
					p := h.expectPublished(ph.run)
					if !slices.Equal(p.Reviewers, []string{"alice"}) {
						t.Errorf("reviewers = %q, want alice", p.Reviewers)
					}
					if got := h.fake.Pulls(); len(got) != 1 {
						t.Errorf("pull requests = %+v, want one ever opened", got)
					}
				}
				h.fake.TakeRequests()
				again := h.mustPublish(ph.run)
				if again.Action != Unchanged && again.Action != NothingToPublish {
					t.Errorf("third run: action = %s, want nothing done", again.Action)
				}
				for _, w := range h.writes() {
					if w != githubfake.CreateTree {
						t.Errorf("third run wrote %s", w)
					}
				}
			})
		}
	}
}

// TestHalfFinishedRun is a run that moved the branch and died before the
// pull request: the next run finds the branch already right and must still
// open the pull request.
func TestHalfFinishedRun(t *testing.T) {
	h := newHarness(t, githubfake.Options{})
	h.fake.Fail(githubfake.ServerError(githubfake.CreatePull, 1, http.StatusInternalServerError))
	if _, err := h.publish(proposal("v2", true)); err == nil {
		t.Fatal("want the 500")
	}
	if _, ok := h.fake.Branch(testBranch); !ok || len(h.fake.Pulls()) != 0 {
		t.Fatalf("want the branch pushed and no pull request; pulls: %+v", h.fake.Pulls())
	}
	h.fake.TakeRequests()
	res := h.mustPublish(proposal("v2", true))
	if res.Action != Created || res.Pushed {
		t.Errorf("result = %+v, want created without a push", res)
	}
	h.expectPublished(proposal("v2", true))
	h.expectWrites(githubfake.CreateTree, githubfake.CreatePull, githubfake.CreateLabel, githubfake.CreateLabel,
		githubfake.AddLabels, githubfake.RequestReviewers)
}
