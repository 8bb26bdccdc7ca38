package publish

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

func TestInvalidPullRequests(t *testing.T) {
	valid := func() PullRequest {
		return PullRequest{Branch: "schemawatch/demo", Base: "main", Files: map[string][]byte{"a.txt": []byte("a")}, Title: "t", CommitMessage: "m"}
	}
	tests := []struct {
		name   string
		change func(*PullRequest)
		want   string
	}{
		{"no branch", func(pr *PullRequest) { pr.Branch = "" }, "no branch name"},
		{"branch with ..", func(pr *PullRequest) { pr.Branch = "schemawatch/../x" }, "not a valid branch name"},
		{"branch with a space", func(pr *PullRequest) { pr.Branch = "schema watch" }, "not a valid branch name"},
		{"branch ending .lock", func(pr *PullRequest) { pr.Branch = "x.lock" }, "not a valid branch name"},
		{"branch is base", func(pr *PullRequest) { pr.Branch = "main" }, "is also the base branch"},
		{"bad base", func(pr *PullRequest) { pr.Base = "main:x" }, "base: \"main:x\" is not a valid branch name"},
		{"no files", func(pr *PullRequest) { pr.Files = nil }, "no files to publish"},
		{"absolute path", func(pr *PullRequest) { pr.Files["/etc/passwd"] = nil }, `"/etc/passwd" is not a clean`},
		{"dot-dot path", func(pr *PullRequest) { pr.Files["a/../b"] = nil }, `"a/../b" is not a clean`},
		{"into .git", func(pr *PullRequest) { pr.Deleted = []string{".git/config"} }, `".git/config" is not a clean`},
		{"written and deleted", func(pr *PullRequest) { pr.Deleted = []string{"a.txt"} }, `"a.txt" is both written and deleted`},
		{"no title", func(pr *PullRequest) { pr.Title = " \n" }, "no title"},
		{"no commit message", func(pr *PullRequest) { pr.CommitMessage = "" }, "no message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := valid()
			tt.change(&pr)
			_, err := pr.normalized()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := valid().normalized(); err != nil {
		t.Errorf("valid pull request: %v", err)
	}
}

func TestNormalized(t *testing.T) {
	long := strings.Repeat("- a change to Project ✓\n", 4000) // 26 bytes a line, past BodyLimit
	pr, err := PullRequest{
		Branch: "schemawatch/demo", Files: map[string][]byte{"a.txt": nil},
		Title:         "Demo API:\n" + strings.Repeat("é", 300),
		Body:          long,
		CommitMessage: "m",
		Labels:        []string{"schema-change", "Schema-Change", " ", "breaking-change"},
		Deleted:       []string{"z", "b", "z"},
	}.normalized()
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Body) > BodyLimit || !strings.HasPrefix(pr.Body, long[:1000]) || !strings.Contains(pr.Body, "✓\n\n*The report was cut here") {
		t.Errorf("body: %d bytes ending %q; want at most %d, cut after a whole line, with a note", len(pr.Body), pr.Body[len(pr.Body)-200:], BodyLimit)
	}
	if len(pr.Title) > TitleLimit || !utf8.ValidString(pr.Title) || !strings.HasPrefix(pr.Title, "Demo API: éé") || !strings.HasSuffix(pr.Title, "…") {
		t.Errorf("title = %q (%d bytes), want one line cut to %d bytes on a character boundary", pr.Title, len(pr.Title), TitleLimit)
	}
	if got := strings.Join(pr.Labels, ","); got != "schema-change,breaking-change" {
		t.Errorf("labels = %q", got)
	}
	if got := strings.Join(pr.Deleted, ","); got != "b,z" {
		t.Errorf("deleted = %q", got)
	}
	if pr.CloseComment == "" {
		t.Error("no default close comment")
	}
}

// TestBlobSHA checks the local blob name against git's (git hash-object).
func TestBlobSHA(t *testing.T) {
	for content, want := range map[string]string{
		"":        "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
		"hello\n": "ce013625030ba8dba906f756967f9e9ca394464a",
	} {
		if got := blobSHA([]byte(content)); got != want {
			t.Errorf("blobSHA(%q) = %s, want %s", content, got, want)
		}
	}
}

// TestRateLimitWait: which answers are GitHub's limits, and the wait the
// outbound layer reads from them.
func TestRateLimitWait(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	reset := strconv.FormatInt(now.Add(10*time.Minute).Unix(), 10)
	secondaryDocs := `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`
	tests := []struct {
		name      string
		status    int
		header    map[string]string
		body      string
		wait      time.Duration
		secondary bool
		limited   bool
	}{
		{"success", 200, map[string]string{"X-RateLimit-Remaining": "0"}, `{}`, 0, false, false},
		{"plain 403", 403, nil, `{"message":"Resource not accessible by integration"}`, 0, false, false},
		{"primary", 403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, `{"message":"API rate limit exceeded"}`, 10*time.Minute + time.Second, false, true},
		// A reset already past names no wait: GitHub's "at least a minute".
		{"primary, reset passed", 403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(now.Add(-time.Minute).Unix(), 10)}, `{}`, time.Minute, false, true},
		{"secondary with Retry-After", 403, map[string]string{"Retry-After": "30", "X-RateLimit-Remaining": "4000"}, secondaryDocs, 30 * time.Second, true, true},
		{"secondary without Retry-After", 403, nil, secondaryDocs, time.Minute, true, true},
		{"429 with Retry-After", 429, map[string]string{"Retry-After": "7"}, `{}`, 7 * time.Second, true, true},
		{"429 with a spent budget", 429, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, `{}`, 10*time.Minute + time.Second, false, true},
		{"bare 429", 429, nil, ``, time.Minute, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tt.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(tt.body))}
			for k, v := range tt.header {
				resp.Header.Set(k, v)
			}
			limited, kind := githubRateLimit(resp)
			secondary := kind == secondaryLimit
			wait := time.Duration(0)
			if limited {
				var told bool
				if wait, told = outbound.RetryDelay(resp.Header, now); !told {
					wait = secondaryFallback
				}
			}
			if wait != tt.wait || secondary != tt.secondary || limited != tt.limited {
				t.Errorf("got (%v, secondary %v, limited %v), want (%v, %v, %v)", wait, secondary, limited, tt.wait, tt.secondary, tt.limited)
			}
			// The body is still there for go-github to read.
			if body, _ := io.ReadAll(resp.Body); !bytes.Equal(body, []byte(tt.body)) {
				t.Errorf("body after the check = %q, want %q", body, tt.body)
			}
		})
	}
}

func TestTreeEntries(t *testing.T) {
	same, changed := []byte("same\n"), []byte("changed\n")
	base := map[string]treeFile{
		"same.txt":       {sha: blobSHA(same), mode: modeFile},
		"tool.sh":        {sha: blobSHA(same), mode: modeExec},
		"gone.txt":       {sha: blobSHA(same), mode: modeFile},
		"vendor/modules": {sha: "0123456789012345678901234567890123456789", mode: "160000"},
	}
	pr := PullRequest{
		Files:   map[string][]byte{"same.txt": same, "tool.sh": changed, "new.txt": changed, "vendor/modules": changed},
		Deleted: []string{"gone.txt", "never.txt"},
	}
	show := func(entries []*github.TreeEntry) string {
		var b strings.Builder
		for _, e := range entries {
			sha := "null"
			if e.SHA != nil {
				sha = e.GetSHA()[:7]
			}
			b.WriteString(e.GetPath() + " " + e.GetMode() + " " + sha + "\n")
		}
		return b.String()
	}
	c := blobSHA(changed)[:7]
	complete := "gone.txt 100644 null\nnew.txt 100644 " + c + "\ntool.sh 100755 " + c + "\nvendor/modules 100644 " + c + "\n"
	if got := show(treeEntries(listing{files: base, complete: true}, pr)); got != complete {
		t.Errorf("complete listing:\n%s\nwant\n%s", got, complete)
	}
	// An incomplete listing cannot rule a deletion out: it is sent.
	truncated := "gone.txt 100644 null\nnever.txt 100644 null\nnew.txt 100644 " + c + "\ntool.sh 100755 " + c + "\nvendor/modules 100644 " + c + "\n"
	if got := show(treeEntries(listing{files: base, complete: false}, pr)); got != truncated {
		t.Errorf("truncated listing:\n%s\nwant\n%s", got, truncated)
	}
	if got := treeEntries(listing{files: base, complete: true}, PullRequest{Files: map[string][]byte{"same.txt": same}, Deleted: []string{"never.txt"}}); len(got) != 0 {
		t.Errorf("base holds everything, got entries:\n%s", show(got))
	}
}
