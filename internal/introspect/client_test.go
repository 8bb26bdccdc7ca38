package introspect_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/outbound/outboundtest"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

const secret = "s3cr3t-railway-token-do-not-print"

// newFakeClock returns a clock on which every wait passes at once and is
// recorded.
func newFakeClock() *outboundtest.Clock {
	return outboundtest.NewClock(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
}

// scripted serves one handler per request, in order; the last one repeats.
type scripted struct {
	mu       sync.Mutex
	handlers []http.HandlerFunc
	calls    int
	seen     []http.Header
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	h := s.handlers[min(s.calls, len(s.handlers)-1)]
	s.calls++
	s.seen = append(s.seen, r.Header.Clone())
	s.mu.Unlock()
	h(w, r)
}

func (s *scripted) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func serve(t *testing.T, handlers ...http.HandlerFunc) (*httptest.Server, *scripted) {
	t.Helper()
	s := &scripted{handlers: handlers}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv, s
}

func status(code int, headers map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

const okBody = `{"data": {"ok": true}}`

func newClient(t *testing.T, url string, clock *outboundtest.Clock, logs io.Writer) *introspect.Client {
	t.Helper()
	if logs == nil {
		logs = io.Discard
	}
	return &introspect.Client{
		Endpoint:    url,
		Credentials: introspect.Credentials{Token: secret, Kind: introspect.Bearer, Source: introspect.EnvAPIToken},
		Clock:       clock,
		Jitter:      func() float64 { return 0 },
		Logger:      slog.New(slog.NewTextHandler(logs, nil)),
	}
}

// assertClean fails when an error is not one line or holds the secret.
func assertClean(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, secret) {
			t.Errorf("the token leaked into %q", s)
		}
	}
}

func TestAuthFailures(t *testing.T) {
	tests := []struct {
		name    string
		creds   introspect.Credentials
		handler http.HandlerFunc
		want    []string
	}{
		{"no token sent", introspect.Credentials{},
			status(401, nil, `{"errors":[{"message":"Not Authorized"}]}`),
			[]string{"HTTP 401", "no token was sent", "RAILWAY_API_TOKEN", "RAILWAY_TOKEN", "Authorization: Bearer", "Project-Access-Token"}},
		{"bearer token refused", introspect.Credentials{Token: secret, Kind: introspect.Bearer, Source: "RAILWAY_API_TOKEN"},
			status(401, nil, `{"errors":[{"message":"Not Authorized"}]}`),
			[]string{"HTTP 401", "bearer token sent in the Authorization header (from RAILWAY_API_TOKEN) was not accepted", "check RAILWAY_API_TOKEN"}},
		{"project token forbidden", introspect.Credentials{Token: secret, Kind: introspect.Project, Source: "RAILWAY_TOKEN"},
			status(403, nil, `forbidden`),
			[]string{"HTTP 403", "project token sent in the Project-Access-Token header (from RAILWAY_TOKEN) was accepted but may not", "check RAILWAY_TOKEN"}},
		{"GraphQL-level refusal on 200", introspect.Credentials{Token: secret, Kind: introspect.Bearer, Source: "--token"},
			status(200, nil, `{"data": null, "errors":[{"message":"Not Authorized","extensions":{"code":"UNAUTHENTICATED"}}]}`),
			[]string{"HTTP 200", "Authorization header (from --token)", "Not Authorized"}},
		{"server echoes the token", introspect.Credentials{Token: secret, Kind: introspect.Bearer},
			func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(401)
				fmt.Fprintf(w, `{"errors":[{"message":"bad token %s"}]}`, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
			},
			[]string{"HTTP 401", "bad token [REDACTED]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := serve(t, tt.handler)
			c := newClient(t, srv.URL, newFakeClock(), nil)
			c.Credentials = tt.creds
			_, err := c.Introspect(context.Background())
			var auth *introspect.AuthError
			if !errors.As(err, &auth) {
				t.Fatalf("err = %v, want an AuthError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			assertClean(t, err.Error())
			if calls.count() != 1 {
				t.Errorf("%d requests, want 1: an auth failure is not retried", calls.count())
			}
		})
	}
}

func TestRateLimits(t *testing.T) {
	clock := newFakeClock()
	reset := clock.Now().Add(30 * time.Second).Unix()
	tests := []struct {
		name      string
		handlers  []http.HandlerFunc
		maxWait   time.Duration
		wantErr   string
		wantWaits []time.Duration
		wantCalls int
	}{
		{"429 with Retry-After seconds is waited out",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": "7"}, ""), status(429, map[string]string{"Retry-After": "3"}, ""), status(200, nil, okBody)},
			0, "", []time.Duration{7 * time.Second, 3 * time.Second}, 3},
		{"429 with an HTTP date",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": clock.Now().Add(90 * time.Second).Format(http.TimeFormat)}, ""), status(200, nil, okBody)},
			0, "", []time.Duration{90 * time.Second}, 2},
		{"429 with only X-RateLimit-Reset",
			[]http.HandlerFunc{status(429, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(reset)}, ""), status(200, nil, okBody)},
			0, "", []time.Duration{31 * time.Second}, 2}, // a second more for clock skew
		{"a wait longer than --max-wait fails at once",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": "3600"}, "")},
			2 * time.Minute, "asks to wait 1h0m0s, more than --max-wait 2m0s", nil, 1},
		// Each of these misbehaved before the outbound layer: an overflow
		// to a negative wait and five immediate retries; a reset in the
		// past retried at once; a 503 asking for an hour waited --max-wait
		// before every retry.
		{"Retry-After too large for a Duration fails at once",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": "1000000000000"}, "")},
			0, "asks to wait indefinitely, more than --max-wait", nil, 1},
		{"Retry-After +Inf is no wait: backoff",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": "+Inf"}, ""), status(200, nil, okBody)},
			0, "", []time.Duration{250 * time.Millisecond}, 2},
		{"a reset in the past is backed off, not retried at once",
			[]http.HandlerFunc{status(429, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(clock.Now().Add(-time.Hour).Unix())}, ""), status(200, nil, okBody)},
			0, "", []time.Duration{250 * time.Millisecond}, 2},
		{"503 with a far Retry-After fails at once, as a 429 does",
			[]http.HandlerFunc{status(503, map[string]string{"Retry-After": "3600"}, "")},
			2 * time.Minute, "answered HTTP 503 Service Unavailable and asks to wait 1h0m0s, more than --max-wait 2m0s", nil, 1},
		{"still limited after every retry",
			[]http.HandlerFunc{status(429, map[string]string{"Retry-After": "1"}, "")},
			0, "kept answering HTTP 429 Too Many Requests", []time.Duration{time.Second, time.Second, time.Second, time.Second}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv, calls := serve(t, tt.handlers...)
			c := newClient(t, srv.URL, clock, nil)
			c.MaxWait = tt.maxWait
			_, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Do: %v", err)
			}
			if tt.wantErr != "" {
				var rl *introspect.RateLimitError
				if !errors.As(err, &rl) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a RateLimitError saying %q", err, tt.wantErr)
				}
			}
			if got := clock.Waits(); fmt.Sprint(got) != fmt.Sprint(tt.wantWaits) {
				t.Errorf("waits = %v, want %v", got, tt.wantWaits)
			}
			if calls.count() != tt.wantCalls {
				t.Errorf("%d requests, want %d", calls.count(), tt.wantCalls)
			}
		})
	}
}

// TestRemainingZeroDelaysTheNextRequest: a server that says the limit is
// spent is not asked again before its reset.
func TestRemainingZeroDelaysTheNextRequest(t *testing.T) {
	clock := newFakeClock()
	reset := clock.Now().Add(42 * time.Second).Unix()
	srv, calls := serve(t,
		status(200, map[string]string{"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(reset)}, okBody),
		status(200, map[string]string{"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99"}, okBody))
	c := newClient(t, srv.URL, clock, nil)
	for range 2 {
		if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Waits(); fmt.Sprint(got) != "[42s]" {
		t.Errorf("waits = %v, want [42s] before the second request", got)
	}
	if calls.count() != 2 {
		t.Errorf("%d requests, want 2", calls.count())
	}
}

// TestDemoServerRateLimit runs the client against the demo endpoint's
// emulation of Railway's limits, on the same fake clock.
func TestDemoServerRateLimit(t *testing.T) {
	clock := newFakeClock()
	srv, err := demotest.NewServer(demo.Schema(demo.V1), demotest.Options{BearerToken: secret, RateLimit: 2, RateWindow: time.Minute, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := newClient(t, ts.URL+demo.Path, clock, nil)
	for i := range 5 {
		if _, err := c.Do(context.Background(), introspect.Request{Query: "{ me { name } }"}); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	// Two requests fit a window; the client learns from X-RateLimit-Remaining
	// and waits for the reset instead of being refused.
	if got := srv.Requests(); got != 5 {
		t.Errorf("the server saw %d requests, want 5 (none refused)", got)
	}
	if len(clock.Waits()) != 2 {
		t.Errorf("waits = %v, want one per spent window", clock.Waits())
	}
	// On demand: the next two answers are 429 with Retry-After.
	srv.Throttle(2, 5*time.Second)
	before := len(clock.Waits())
	if _, err := c.Do(context.Background(), introspect.Request{Query: "{ me { name } }"}); err != nil {
		t.Fatal(err)
	}
	if got := clock.Waits()[before:]; len(got) != 2 || got[0] != 5*time.Second {
		t.Errorf("after Throttle: waits = %v, want two of 5s", got)
	}
}

func TestTransientFailuresAreRetried(t *testing.T) {
	reset := func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	tests := []struct {
		name      string
		handlers  []http.HandlerFunc
		retries   int
		wantErr   string
		wantWaits string
		wantCalls int
	}{
		{"5xx then success", []http.HandlerFunc{status(503, nil, "busy"), status(502, nil, "bad gateway"), status(200, nil, okBody)},
			0, "", "[250ms 500ms]", 3},
		{"5xx honours Retry-After", []http.HandlerFunc{status(503, map[string]string{"Retry-After": "9"}, ""), status(200, nil, okBody)},
			0, "", "[9s]", 2},
		{"connection reset then success", []http.HandlerFunc{reset, reset, status(200, nil, okBody)},
			0, "", "[250ms 500ms]", 3},
		{"5xx every time", []http.HandlerFunc{status(500, nil, `{"errors":[{"message":"internal"}]}`)},
			2, "answered HTTP 500 Internal Server Error after 3 attempts: internal", "[250ms 500ms]", 3},
		{"resets every time", []http.HandlerFunc{reset},
			1, "could not reach", "[250ms]", 2},
		{"no retries asked for", []http.HandlerFunc{status(503, nil, "")},
			-1, "HTTP 503", "[]", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv, calls := serve(t, tt.handlers...)
			c := newClient(t, srv.URL, clock, nil)
			c.MaxRetries = tt.retries
			_, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Do: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
			}
			if got := fmt.Sprint(clock.Waits()); got != tt.wantWaits {
				t.Errorf("waits = %s, want %s (exponential backoff)", got, tt.wantWaits)
			}
			if calls.count() != tt.wantCalls {
				t.Errorf("%d requests, want %d", calls.count(), tt.wantCalls)
			}
		})
	}
}

func TestBackoffJitter(t *testing.T) {
	clock := newFakeClock()
	srv, _ := serve(t, status(503, nil, ""), status(503, nil, ""), status(200, nil, okBody))
	c := newClient(t, srv.URL, clock, nil)
	c.Jitter = func() float64 { return 0.999 }
	if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
		t.Fatal(err)
	}
	// Equal jitter: between half and all of 500ms, then of 1s.
	w := clock.Waits()
	if len(w) != 2 || w[0] < 490*time.Millisecond || w[0] >= 500*time.Millisecond || w[1] < 990*time.Millisecond || w[1] >= time.Second {
		t.Errorf("waits = %v, want just under 500ms and 1s", w)
	}
}

// TestTimeoutIsRetried: an attempt that outlives --timeout is abandoned and
// retried. The only real waiting here is the 50ms attempt timeout itself.
func TestTimeoutIsRetried(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	hang := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
	srv, calls := serve(t, hang, status(200, nil, okBody))
	clock := newFakeClock()
	c := newClient(t, srv.URL, clock, nil)
	c.Timeout = 50 * time.Millisecond
	if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if calls.count() != 2 || len(clock.Waits()) != 1 {
		t.Errorf("%d requests and waits %v, want a retry after the timeout", calls.count(), clock.Waits())
	}
}

func TestUnusableResponses(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		limit   int64
		errType any
		want    string
	}{
		{"HTML error page of a proxy", status(200, map[string]string{"Content-Type": "text/html"}, "<html><head><title>Cloudflare: 1020 Access denied</title></head><body>…</body></html>"),
			0, new(*introspect.HTTPError), `sent an HTML page, not JSON (a proxy's error page?): "Cloudflare: 1020 Access denied"`},
		{"HTML without a content type", status(200, nil, "<!doctype html><p>maintenance</p>"),
			0, new(*introspect.HTTPError), "sent an HTML page, not JSON"},
		{"truncated JSON", status(200, nil, `{"data": {"__schema": {"types": [{"kind": "OBJ`),
			0, new(*introspect.HTTPError), "the JSON body ends early after 46 bytes (truncated?)"},
		{"empty body", status(200, nil, ""),
			0, new(*introspect.HTTPError), "the body is empty"},
		{"JSON that is not a GraphQL response", status(200, nil, `{"hello": "world"}`),
			0, new(*introspect.HTTPError), `neither "data" nor "errors"`},
		{"errors and no data", status(200, nil, `{"errors": [{"message": "Something broke"}]}`),
			0, new(*introspect.GraphQLErrors), "introspection failed: Something broke"},
		{"introspection disabled", status(200, nil, `{"errors": [{"message": "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\"."}]}`),
			0, new(*introspect.IntrospectionDisabledError), "does not allow introspection"},
		{"response over the size cap", status(200, nil, `{"data": {"x": "`+strings.Repeat("x", 2000)+`"}}`),
			1000, new(*introspect.TooLargeError), "larger than"},
		{"wrong path", status(404, nil, `{"errors":[{"message":"Not Found"}]}`),
			0, new(*introspect.HTTPError), "HTTP 404 Not Found: Not Found"},
		{"schema referencing an undefined type", status(200, nil, `{"data": {"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "OBJECT", "name": "Query", "description": null, "fields": [{"name": "a", "args": [], "type": {"kind": "OBJECT", "name": "Ghost", "ofType": null}, "isDeprecated": false, "deprecationReason": null}], "interfaces": []}], "directives": []}}}`),
			0, nil, `the introspection result is unusable: invalid schema: Query.a references undefined type "Ghost"`},
		{"partial data with errors", status(200, nil, `{"data": {"__schema": {"queryType": {"name": "Query"}, "types": []}}, "errors": [{"message": "resolver failed"}]}`),
			0, new(*introspect.GraphQLErrors), "partial answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := serve(t, tt.handler)
			c := newClient(t, srv.URL, newFakeClock(), nil)
			c.MaxResponseBytes = tt.limit
			_, err := c.Introspect(context.Background())
			if err == nil {
				t.Fatalf("Introspect succeeded, want an error saying %q", tt.want)
			}
			if tt.errType != nil && !errors.As(err, tt.errType) {
				t.Errorf("err is %T, want %T", err, tt.errType)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			assertClean(t, err.Error())
			if calls.count() != 1 {
				t.Errorf("%d requests, want 1", calls.count())
			}
		})
	}
}

// TestTokenNeverLogged: a server that echoes the token back, retries and
// their log lines: the token appears nowhere.
func TestTokenNeverLogged(t *testing.T) {
	echo := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"errors":[{"message":"token %q rejected"}]}`, r.Header.Get("Authorization"))
		}
	}
	var logs testsupport.Buffer
	srv, _ := serve(t, echo(503), echo(400))
	c := newClient(t, srv.URL, newFakeClock(), &logs)
	c.Headers = http.Header{"X-Api-Key": {"header-secret-value"}}
	_, err := c.Introspect(context.Background())
	if err == nil {
		t.Fatal("want an error")
	}
	assertClean(t, err.Error(), logs.String())
	if strings.Contains(err.Error()+logs.String(), "header-secret-value") {
		t.Error("a header value leaked")
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("the retry was not logged: %q", logs.String())
	}
}

func TestHeadersSent(t *testing.T) {
	tests := []struct {
		creds      introspect.Credentials
		wantHeader string
		wantValue  string
	}{
		{introspect.Credentials{Token: secret, Kind: introspect.Bearer}, "Authorization", "Bearer " + secret},
		{introspect.Credentials{Token: secret, Kind: introspect.Project}, "Project-Access-Token", secret},
	}
	for _, tt := range tests {
		srv, calls := serve(t, status(200, nil, okBody))
		c := newClient(t, srv.URL, newFakeClock(), nil)
		c.Credentials = tt.creds
		c.Headers = http.Header{"X-Extra": {"1"}}
		if _, err := c.Do(context.Background(), introspect.Request{Query: "{ ok }"}); err != nil {
			t.Fatal(err)
		}
		h := calls.seen[0]
		if h.Get(tt.wantHeader) != tt.wantValue || h.Get("X-Extra") != "1" || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("%s token: headers %v", tt.creds.Kind, h)
		}
		if tt.creds.Kind == introspect.Project && h.Get("Authorization") != "" {
			t.Error("a project token must not also go in Authorization")
		}
	}
}

func TestWhoAmI(t *testing.T) {
	srv, err := demotest.NewServer(demo.Schema(demo.V2), demotest.Options{BearerToken: "account-" + secret, ProjectToken: "project-" + secret})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tests := []struct {
		creds introspect.Credentials
		want  string
	}{
		{introspect.Credentials{Token: "account-" + secret, Kind: introspect.Bearer}, "account token of demo-user <demo@example.com>"},
		{introspect.Credentials{Token: "project-" + secret, Kind: introspect.Project}, "project token for project project-0001, environment environment-0001"},
	}
	for _, tt := range tests {
		c := newClient(t, ts.URL+demo.Path, newFakeClock(), nil)
		c.Credentials = tt.creds
		id, err := c.WhoAmI(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", tt.creds.Kind, err)
		}
		if id.String() != tt.want {
			t.Errorf("%s: %q, want %q", tt.creds.Kind, id, tt.want)
		}
	}
	c := newClient(t, ts.URL+demo.Path, newFakeClock(), nil)
	c.Credentials = introspect.Credentials{}
	if _, err := c.WhoAmI(context.Background()); err == nil || !strings.Contains(err.Error(), "--whoami needs a token") {
		t.Errorf("without a token: %v", err)
	}
}

func TestRequestBody(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("method %s", r.Method)
		}
		json.NewDecoder(r.Body).Decode(&got)
		io.WriteString(w, okBody)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, newFakeClock(), nil)
	if _, err := c.Do(context.Background(), introspect.Request{Query: "query Q($a: Int) { ok }", OperationName: "Q", Variables: map[string]any{"a": 1}}); err != nil {
		t.Fatal(err)
	}
	if got["query"] != "query Q($a: Int) { ok }" || got["operationName"] != "Q" || got["variables"].(map[string]any)["a"] != 1.0 {
		t.Errorf("request body = %v", got)
	}
}
