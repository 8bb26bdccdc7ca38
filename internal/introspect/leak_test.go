package introspect_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// All but the last of these tests use only what the Client had before the
// outbound layer, so that they also run against the old client (and fail
// there).

const headerSecret = "x-api-key-secret-value"

// TestCrossOriginRedirectCarriesNoCredential: the endpoint redirects to
// another origin (same host, another port); neither the token, in either
// header, nor any extra header value goes along.
func TestCrossOriginRedirectCarriesNoCredential(t *testing.T) {
	for _, kind := range []introspect.TokenKind{introspect.Bearer, introspect.Project} {
		t.Run(string(kind), func(t *testing.T) {
			away, seen := serve(t, status(200, nil, okBody))
			home := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, away.URL+"/graphql", http.StatusTemporaryRedirect)
			}))
			defer home.Close()
			c := &introspect.Client{
				Endpoint:    home.URL + "/graphql",
				Credentials: introspect.Credentials{Token: secret, Kind: kind},
				Headers:     http.Header{"X-Api-Key": {headerSecret}},
				Clock:       newFakeClock(),
			}
			if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
				t.Fatal(err)
			}
			if seen.count() != 1 {
				t.Fatalf("the redirect was not followed")
			}
			for name, values := range seen.seen[0] {
				for _, v := range values {
					if strings.Contains(v, secret) || strings.Contains(v, headerSecret) {
						t.Errorf("the other origin received %s: %s", name, v)
					}
				}
			}
		})
	}
}

// TestSameOriginRedirectKeepsCredentials: a redirect within the origin
// (a moved path) still carries the token and the extra headers.
func TestSameOriginRedirectKeepsCredentials(t *testing.T) {
	var got http.Header
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/graphql", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		io.WriteString(w, okBody)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &introspect.Client{
		Endpoint:    srv.URL + "/old",
		Credentials: introspect.Credentials{Token: secret, Kind: introspect.Project},
		Headers:     http.Header{"X-Api-Key": {headerSecret}},
		Clock:       newFakeClock(),
	}
	if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
		t.Fatal(err)
	}
	if got.Get("Project-Access-Token") != secret || got.Get("X-Api-Key") != headerSecret {
		t.Errorf("after a same-origin redirect: headers %v", got)
	}
}

// TestEchoedTokenPastTheCutIsMasked: a server that echoes the token where
// the 300-character cut of its message falls; no piece of it is printed.
func TestEchoedTokenPastTheCutIsMasked(t *testing.T) {
	for _, at := range []int{280, 290, 299} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(401)
				token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				fmt.Fprintf(w, `{"errors":[{"message":"%s%s is not a valid token"}]}`, strings.Repeat("x", at), token)
			})
			c := &introspect.Client{Endpoint: srv.URL, Credentials: introspect.Credentials{Token: secret, Kind: introspect.Bearer}, Clock: newFakeClock()}
			_, err := c.Introspect(context.Background())
			if err == nil {
				t.Fatal("want an error")
			}
			// The token's first 8 characters are enough to recognise it.
			if strings.Contains(err.Error(), secret[:8]) {
				t.Errorf("a piece of the token survived: %v", err)
			}
		})
	}
}

// TestQuerySecretNeverPrinted: an endpoint that carries its key in the
// query string (?api_key=…) or user information: no error and no log line
// repeats it, whether the server is down, answers with errors that are
// retried, or the endpoint cannot be parsed.
func TestQuerySecretNeverPrinted(t *testing.T) {
	const key = "query-key-secret"
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	flaky, _ := serve(t, status(503, nil, "busy"), status(502, nil, ""), status(200, nil, okBody))
	failing, _ := serve(t, status(500, nil, "no"))
	tests := []struct {
		name, endpoint string
		wantErr        bool
	}{
		{"connection refused", downURL + "/graphql?api_key=" + key, true},
		{"user information, connection refused", strings.Replace(downURL, "http://", "http://user:"+key+"@", 1) + "/graphql", true},
		{"retries logged", flaky.URL + "/graphql?api_key=" + key, false},
		{"server errors", failing.URL + "/graphql?api_key=" + key, true},
		{"unparsable endpoint", "http://127.0.0.1:1/gr%zz?api_key=" + key, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs testsupport.Buffer
			c := &introspect.Client{Endpoint: tt.endpoint, MaxRetries: 2, Jitter: func() float64 { return 0 }, Clock: newFakeClock(),
				Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			_, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", err, tt.wantErr)
			}
			text := logs.String()
			if err != nil {
				text += err.Error()
			}
			if strings.Contains(text, key) {
				t.Errorf("the key was printed:\n%s", text)
			}
			var usage *introspect.UsageError
			if tt.name == "unparsable endpoint" && !errors.As(err, &usage) {
				t.Errorf("err = %v, want a UsageError", err)
			}
		})
	}
}

// dialing returns an HTTP client that connects to addr whatever host a URL
// names: a resolver for tests, so that http://backboard.railway.com can be
// served on a loopback port without a hook in the code under test.
func dialing(addr string) *http.Client {
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
	}}
}

// TestRailwayOverPlainHTTPGetsNoToken: Railway's host named with http://
// (a typo, or a proxy in the path) never receives a token, from the
// environment or from --token, and the refusal says why.
func TestRailwayOverPlainHTTPGetsNoToken(t *testing.T) {
	srv, seen := serve(t, status(401, nil, `{"errors":[{"message":"Not Authorized"}]}`))
	endpoint := "http://backboard.railway.com/graphql/v2"
	getenv := func(k string) string { return map[string]string{introspect.EnvAPIToken: secret}[k] }
	for _, flagToken := range []string{"", secret} {
		creds, err := introspect.ResolveCredentials(introspect.CredentialOptions{Endpoint: endpoint, Token: flagToken}, getenv)
		if err != nil {
			t.Fatal(err)
		}
		c := &introspect.Client{Endpoint: endpoint, Credentials: creds, HTTPClient: dialing(srv.Listener.Addr().String()), Clock: newFakeClock()}
		_, err = c.Introspect(context.Background())
		if err == nil || !strings.Contains(err.Error(), "not sent to backboard.railway.com over plain http://") {
			t.Errorf("err = %v, want one saying the token was not sent over plain http", err)
		}
	}
	for _, h := range seen.seen {
		if h.Get("Authorization") != "" || h.Get("Project-Access-Token") != "" {
			t.Errorf("Railway over plain http received a token: %v", h)
		}
	}
	if seen.count() != 2 {
		t.Errorf("%d requests, want 2", seen.count())
	}
}
