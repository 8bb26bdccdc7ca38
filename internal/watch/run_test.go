package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/introspect"
)

// headerRecorder keeps the token headers of each request and answers as the
// demo API does.
type headerRecorder struct {
	next http.Handler
	mu   sync.Mutex
	auth []string
}

func (h *headerRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.auth = append(h.auth, r.Header.Get("Authorization")+r.Header.Get("Project-Access-Token"))
	h.mu.Unlock()
	h.next.ServeHTTP(w, r)
}

// TestFetcherTokenPolicy: watch run sends a token from the environment to a
// host that is not Railway's only when tokenKind names its kind — the
// introspect command's policy — and, when it withholds one, says so and
// how to send it.
func TestFetcherTokenPolicy(t *testing.T) {
	srv, err := demo.NewServer(demo.Schema(demo.V1), demo.Options{BearerToken: apiToken})
	if err != nil {
		t.Fatal(err)
	}
	rec := &headerRecorder{next: srv}
	ts := httptest.NewServer(rec)
	defer ts.Close()
	tests := []struct {
		name, yaml string
		sent       bool
		wantErr    string
	}{
		{"default variable, kind not named", "", false,
			"RAILWAY_API_TOKEN is set but not sent to 127.0.0.1 (not a Railway host); set tokenKind: bearer for API a in the configuration (or pass --token-kind bearer) to send it"},
		{"configured variable, kind not named", "    tokenEnv: DEMO_TOKEN\n", false,
			"DEMO_TOKEN is set but not sent to 127.0.0.1 (not a Railway host); set tokenKind: bearer"},
		{"project variable, kind not named", "    tokenEnv: RAILWAY_TOKEN\n", false,
			"RAILWAY_TOKEN is set but not sent to 127.0.0.1"},
		{"kind named", "    tokenKind: bearer\n", true, ""},
		{"kind named, any case", "    tokenKind: BEARER\n    tokenEnv: DEMO_TOKEN\n", true, ""},
	}
	env := Env{
		Getenv: func(k string) string {
			return map[string]string{"RAILWAY_API_TOKEN": apiToken, "DEMO_TOKEN": apiToken, "RAILWAY_TOKEN": apiToken}[k]
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("cfg.yaml", fmt.Appendf(nil, "apis:\n  - name: a\n    endpoint: %s\n%s", ts.URL+demo.Path, tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			rec.mu.Lock()
			rec.auth = nil
			rec.mu.Unlock()
			_, _, err = IntrospectFetcher(Options{}, env)(context.Background(), cfg.APIs[0])
			rec.mu.Lock()
			defer rec.mu.Unlock()
			for _, got := range rec.auth {
				if strings.Contains(got, apiToken) != tt.sent {
					t.Errorf("token header %q; want the token sent: %v", got, tt.sent)
				}
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var auth *introspect.AuthError
			if !errors.As(err, &auth) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want an AuthError saying %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), apiToken) {
				t.Errorf("the token leaked: %v", err)
			}
		})
	}
}

// TestConfigURLErrorsHoldNoSecret: a configuration whose URL is wrong is
// refused without printing the user information or query it holds.
func TestConfigURLErrorsHoldNoSecret(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"endpoint", "https://user:pw-secret@api.example.com/gr%zz?api_key=key-secret", "apis[0].endpoint: not a valid URL"},
		{"endpoint", "ftp://user:pw-secret@api.example.com/?api_key=key-secret", "apis[0].endpoint: ftp://api.example.com/ is not an http(s) URL"},
		{"collectionEndpoint", "https://user:pw-secret@api.example.com/graphql", "apis[0].collectionEndpoint: https://api.example.com/graphql: want a URL without user information, query or fragment"},
		{"collectionEndpoint", "https://api.example.com/graphql?api_key=key-secret", "want a URL without user information"},
	}
	for _, tt := range tests {
		_, err := ParseConfig("cfg.yaml", fmt.Appendf(nil, "apis:\n  - name: a\n    %s: %q\n", tt.key, tt.value))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s %s: err = %v, want one saying %q without a secret", tt.key, tt.value, err, tt.want)
		}
	}
	_, err := ParseConfig("cfg.yaml", []byte("github:\n  apiURL: \"https://ghe.example.com/api/v3/?token=key-secret\"\napis:\n  - name: a\n"))
	if err == nil || strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "github.apiURL: https://ghe.example.com/api/v3/: want a URL without") {
		t.Errorf("github.apiURL: err = %v", err)
	}
	// An endpoint may carry a query: some APIs take their key there.
	if _, err := ParseConfig("cfg.yaml", []byte("apis:\n  - name: a\n    endpoint: \"https://api.example.com/graphql?api_key=k\"\n")); err != nil {
		t.Errorf("an endpoint with a query: %v", err)
	}
}
