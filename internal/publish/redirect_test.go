package publish

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestGitHubTokenStaysWithTheAPI: GitHub (or a proxy in front of GitHub
// Enterprise) redirects to another origin — same host, another port; the
// token does not go along. Within the API's origin it still does.
func TestGitHubTokenStaysWithTheAPI(t *testing.T) {
	var mu sync.Mutex
	var elsewhere, home []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere = append(elsewhere, r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		home = append(home, r.Header.Get("Authorization"))
		mu.Unlock()
		// First a move within the API, then away from it.
		if path, moved := strings.CutPrefix(r.URL.Path, "/moved"); moved {
			http.Redirect(w, r, other.URL+path, http.StatusTemporaryRedirect)
			return
		}
		http.Redirect(w, r, "/moved"+r.URL.Path, http.StatusMovedPermanently)
	}))
	defer api.Close()
	g, err := NewGitHub(GitHubConfig{Token: testToken, Repo: "acme/api", BaseURL: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	g.ReadFiles(context.Background(), "main", "snapshots")
	mu.Lock()
	defer mu.Unlock()
	if len(elsewhere) == 0 || len(home) < 2 {
		t.Fatalf("the redirects were not followed: %d requests at home, %d elsewhere", len(home), len(elsewhere))
	}
	for _, auth := range elsewhere {
		if strings.Contains(auth, testToken) {
			t.Errorf("the GitHub token went to another origin: %q", auth)
		}
	}
	for _, auth := range home {
		if auth != "Bearer "+testToken {
			t.Errorf("a request to the API went without the token: %q", auth)
		}
	}
}
