package demo

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Path is where the endpoint serves GraphQL, as Railway does.
const Path = "/graphql/v2"

// DefaultIntrospection is what the demo server supports of the optional
// introspection properties: everything but deprecation of arguments and
// input fields, as a server on an older GraphQL library would, so that
// every demo run exercises the client's capability fallback.
var DefaultIntrospection = schema.Capabilities{
	Descriptions:          true,
	DirectiveIsRepeatable: true,
	SpecifiedByURL:        true,
	InputObjectIsOneOf:    true,
	InputValueDeprecation: false,
}

// Options configure a Server. The zero value serves without auth and
// without a rate limit.
type Options struct {
	// BearerToken, when set, is accepted as Authorization: Bearer <token>.
	BearerToken string
	// ProjectToken, when set, is accepted as Project-Access-Token: <token>.
	// With either token set, a request without an accepted one gets 401.
	ProjectToken string
	// RateLimit is how many requests one credential may make per RateWindow
	// (fixed windows, as Railway counts); 0 is no limit.
	RateLimit  int
	RateWindow time.Duration
	// Introspection lists the optional introspection properties the server
	// supports; a query asking for another fails validation, as it would on
	// a server that does not know the field. Nil means DefaultIntrospection.
	Introspection *schema.Capabilities
	// Now is the server's clock; nil is time.Now.
	Now func() time.Time
	// Logger gets one line per request; nil discards them.
	Logger *slog.Logger
}

// Server is the demo GraphQL endpoint. It answers introspection from its
// schema, every other valid operation with type-correct mock data, and an
// invalid one with GraphQL validation errors; it emulates Railway's two auth
// headers and its rate-limit headers.
type Server struct {
	opts Options
	exec *executor

	mu         sync.Mutex
	windows    map[string]*window
	throttle   int
	throttleRA time.Duration
	requests   int
}

type window struct {
	start time.Time
	count int
}

// NewServer returns a server for s.
func NewServer(s *schema.Schema, opts Options) (*Server, error) {
	caps := DefaultIntrospection
	if opts.Introspection != nil {
		caps = *opts.Introspection
	}
	exec, err := newExecutor(s, caps)
	if err != nil {
		return nil, err
	}
	if opts.RateLimit > 0 && opts.RateWindow <= 0 {
		opts.RateWindow = time.Second
	}
	return &Server{opts: opts, exec: exec, windows: map[string]*window{}}, nil
}

// Throttle makes the next n requests fail with 429 Too Many Requests and the
// given Retry-After, whatever the rate limit says: rate limiting on demand,
// for tests and demos of the client's waiting.
func (s *Server) Throttle(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle, s.throttleRA = n, retryAfter
}

// Requests counts the requests served so far.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

func (s *Server) logger() *slog.Logger {
	if s.opts.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.opts.Logger
}

// maxRequestBytes bounds a request body.
const maxRequestBytes = 1 << 20

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := s.now()
	status := s.serve(w, r)
	// The log line never holds a credential: only which kind was used.
	s.logger().Info("request", "method", r.Method, "path", r.URL.Path, "status", status, "auth", authKind(r), "duration", s.now().Sub(start).String())
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) int {
	if r.URL.Path != Path {
		return writeErrors(w, http.StatusNotFound, nil, "Not Found: only "+Path+" is served")
	}
	limited, retryAfter := s.rateLimit(w, r)
	if limited {
		w.Header().Set("Retry-After", strconv.Itoa(int(max(1, (retryAfter+time.Second-1)/time.Second))))
		return writeErrors(w, http.StatusTooManyRequests, map[string]any{"code": "RATE_LIMITED"}, "Rate limit exceeded, retry later")
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="graphql"`)
		return writeErrors(w, http.StatusUnauthorized, map[string]any{"code": "UNAUTHENTICATED"}, "Not Authorized")
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return writeErrors(w, http.StatusMethodNotAllowed, nil, "use POST with a JSON body")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	if err != nil {
		return writeErrors(w, http.StatusBadRequest, nil, "could not read the request body")
	}
	if len(body) > maxRequestBytes {
		return writeErrors(w, http.StatusRequestEntityTooLarge, nil, "request body too large")
	}
	var req struct {
		Query         string         `json:"query"`
		OperationName string         `json:"operationName"`
		Variables     map[string]any `json:"variables"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return writeErrors(w, http.StatusBadRequest, nil, "the body is not a JSON GraphQL request: "+err.Error())
	}
	if strings.TrimSpace(req.Query) == "" {
		return writeErrors(w, http.StatusBadRequest, nil, `the request has no "query"`)
	}
	result := s.exec.run(req.Query, req.OperationName, req.Variables)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(result)
	return http.StatusOK
}

// rateLimit counts the request in its credential's window and sets the
// X-RateLimit-* headers Railway sends on every response.
func (s *Server) rateLimit(w http.ResponseWriter, r *http.Request) (bool, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	now := s.now()
	if s.throttle > 0 {
		s.throttle--
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(s.throttleRA).Unix(), 10))
		return true, s.throttleRA
	}
	if s.opts.RateLimit <= 0 {
		return false, 0
	}
	key := credentialKey(r)
	start := now.Truncate(s.opts.RateWindow)
	win := s.windows[key]
	if win == nil || !win.start.Equal(start) {
		win = &window{start: start}
		s.windows[key] = win
	}
	win.count++
	reset := start.Add(s.opts.RateWindow)
	w.Header().Set("X-RateLimit-Limit", strconv.Itoa(s.opts.RateLimit))
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(max(0, s.opts.RateLimit-win.count)))
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt((reset.UnixMilli()+999)/1000, 10))
	return win.count > s.opts.RateLimit, reset.Sub(now)
}

// credentialKey identifies who a request counts against; the credential is
// only a map key here, never printed.
func credentialKey(r *http.Request) string {
	if v := r.Header.Get("Authorization"); v != "" {
		return "bearer:" + v
	}
	if v := r.Header.Get("Project-Access-Token"); v != "" {
		return "project:" + v
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return "addr:" + host
}

func (s *Server) authorized(r *http.Request) bool {
	if s.opts.BearerToken == "" && s.opts.ProjectToken == "" {
		return true
	}
	if s.opts.BearerToken != "" {
		if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && equal(strings.TrimSpace(v), s.opts.BearerToken) {
			return true
		}
	}
	if s.opts.ProjectToken != "" && equal(strings.TrimSpace(r.Header.Get("Project-Access-Token")), s.opts.ProjectToken) {
		return true
	}
	return false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func authKind(r *http.Request) string {
	switch {
	case r.Header.Get("Authorization") != "":
		return "bearer"
	case r.Header.Get("Project-Access-Token") != "":
		return "project"
	}
	return "none"
}

func writeErrors(w http.ResponseWriter, status int, ext map[string]any, msg string) int {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	e := map[string]any{"message": msg}
	if ext != nil {
		e["extensions"] = ext
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{e}})
	return status
}

// Endpoint is a Server listening on loopback.
type Endpoint struct {
	// URL is the GraphQL endpoint, http://127.0.0.1:PORT/graphql/v2.
	URL string
	srv *http.Server
}

// Listen serves h on a free loopback port until Close.
func Listen(h http.Handler) (*Endpoint, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo endpoint: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("demo endpoint stopped", "error", err)
		}
	}()
	return &Endpoint{URL: "http://" + ln.Addr().String() + Path, srv: srv}, nil
}

// Close stops the endpoint, waiting up to five seconds for requests in
// flight.
func (e *Endpoint) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return e.srv.Shutdown(ctx)
}
