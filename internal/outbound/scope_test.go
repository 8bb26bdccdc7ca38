package outbound_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

// recorder answers 200 and keeps the headers of every request.
type recorder struct {
	mu   sync.Mutex
	seen []http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.seen = append(r.seen, req.Header.Clone())
	r.mu.Unlock()
	w.Write([]byte("ok"))
}

func (r *recorder) headers() []http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]http.Header(nil), r.seen...)
}

// redirectTo answers every request with a 307 to target.
func redirectTo(target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	})
}

func TestCredentialsStayWithTheirOrigin(t *testing.T) {
	other := &recorder{}
	otherSrv := httptest.NewServer(other) // same host, another port: another origin
	defer otherSrv.Close()
	own := &recorder{}
	mux := http.NewServeMux()
	mux.Handle("/away", redirectTo(otherSrv.URL+"/landing"))
	mux.Handle("/moved", redirectTo("/graphql"))
	mux.Handle("/graphql", own)
	ownSrv := httptest.NewServer(mux)
	defer ownSrv.Close()

	secrets := http.Header{"Authorization": {"Bearer tok-secret"}, "Project-Access-Token": {"proj-secret"}, "X-Api-Key": {"key-secret"}}
	cred, err := outbound.ScopeTo(ownSrv.URL+"/graphql", secrets)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		tr   *outbound.Transport
		ctx  func(context.Context) context.Context
	}{
		{"credential of the transport", &outbound.Transport{Credentials: []outbound.Credential{cred}}, func(ctx context.Context) context.Context { return ctx }},
		{"credential of the request", &outbound.Transport{}, func(ctx context.Context) context.Context { return outbound.WithCredential(ctx, cred) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := &http.Client{Transport: tt.tr}
			send := func(path string) {
				t.Helper()
				req, _ := http.NewRequestWithContext(tt.ctx(context.Background()), http.MethodPost, ownSrv.URL+path, strings.NewReader("{}"))
				// A caller that sets a credential's header itself is
				// scoped all the same.
				req.Header.Set("X-Api-Key", "key-secret")
				resp, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
			before := len(other.headers())
			send("/away")
			seen := other.headers()
			if len(seen) != before+1 {
				t.Fatalf("the redirect was not followed")
			}
			for name := range secrets {
				if v := seen[len(seen)-1].Get(name); v != "" {
					t.Errorf("a cross-origin redirect carried %s: %q", name, v)
				}
			}
			send("/moved")
			got := own.headers()
			last := got[len(got)-1]
			for name, v := range secrets {
				if last.Get(name) != v[0] {
					t.Errorf("after a same-origin redirect %s = %q, want %q", name, last.Get(name), v[0])
				}
			}
		})
	}
}

func TestOrigin(t *testing.T) {
	same := [][2]string{
		{"https://API.example.com/graphql", "https://api.example.com:443/other"},
		{"http://127.0.0.1/x", "http://127.0.0.1:80/y"},
		{"http://[::1]:8080/", "http://[::1]:8080/z"},
	}
	differ := [][2]string{
		{"https://api.example.com/", "http://api.example.com/"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8081/"},
		{"https://api.example.com/", "https://evil.example.com/"},
		{"https://example.com/", "https://example.com.evil.net/"},
	}
	origin := func(s string) string {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return outbound.Origin(u)
	}
	for _, p := range same {
		if origin(p[0]) != origin(p[1]) {
			t.Errorf("%s and %s: want the same origin, got %s and %s", p[0], p[1], origin(p[0]), origin(p[1]))
		}
	}
	for _, p := range differ {
		if origin(p[0]) == origin(p[1]) {
			t.Errorf("%s and %s: want different origins", p[0], p[1])
		}
	}
}

// TestURLErrorsHoldNoSecret: whatever is wrong with a URL, the error never
// repeats its user information or query string.
func TestURLErrorsHoldNoSecret(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://user:pw-secret@api.example.com/gr%zz?api_key=key-secret", "not a valid URL: it has a % not followed by two hex digits"},
		{"https://api.example.com/graphql?api_key=key-secret\n", "contains a control character"},
		{"https://api.example.com:port-secret/graphql", "its port is not a number"},
		{"ftp://user:pw-secret@api.example.com/x?api_key=key-secret", "ftp://api.example.com/x is not an http(s) URL"},
		{"api.example.com/graphql?api_key=key-secret", "it has no scheme"},
		{"https:///graphql?api_key=key-secret", "it has no host"},
	}
	for _, tt := range tests {
		_, err := outbound.ParseHTTPURL(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseHTTPURL(%q) = %v, want %q", tt.in, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("ParseHTTPURL(%q): %v holds a secret", tt.in, err)
		}
	}
	if got := outbound.SafeURL("https://u:pw-secret@h.example/p?api_key=key-secret#frag"); got != "https://h.example/p" {
		t.Errorf("SafeURL = %q", got)
	}
}

// FuzzParseHTTPURL: no error of the URL check quotes a query string or
// user information.
func FuzzParseHTTPURL(f *testing.F) {
	for _, s := range []string{"https://u:p@h/x?k=v", "https://h/%zz?k=v", "http://h:xx/?k=v", "://?k=v", "https://[::1/?k=v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := outbound.ParseHTTPURL(s + "?api_key=QUERYSECRET")
		if err != nil && strings.Contains(err.Error(), "QUERYSECRET") {
			t.Errorf("%q: %v", s, err)
		}
		_, err = outbound.ParseHTTPURL("https://user:USERSECRET@" + s)
		if err != nil && strings.Contains(err.Error(), "USERSECRET") {
			t.Errorf("%q: %v", s, err)
		}
	})
}

func TestURLSecrets(t *testing.T) {
	got := outbound.URLSecrets("https://user:pw-secret-1@h.example/p?api_key=key-secret-123&format=json")
	if strings.Join(got, ",") != "pw-secret-1,key-secret-123" {
		t.Errorf("URLSecrets = %q", got)
	}
}
