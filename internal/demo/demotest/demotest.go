// Package demotest wraps the demo API's server with what only tests need:
// Railway's second credential (project tokens), its rate limits on a clock
// the test moves, rate limiting on demand, a count of the requests served,
// and a choice of the introspection properties supported. watch demo ships
// the plain demo.Server; the tests of the client run against this one.
package demotest

import (
	"crypto/subtle"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Options configure a Server. The zero value serves without auth and
// without a rate limit, supporting demo.DefaultIntrospection.
type Options struct {
	// BearerToken, when set, is accepted as Authorization: Bearer <token>.
	BearerToken string
	// ProjectToken, when set, is accepted as Project-Access-Token: <token>.
	// With either token set, a request without an accepted one gets 401.
	ProjectToken string
	// RateLimit is how many requests one credential may make per RateWindow
	// (fixed windows, as Railway counts); 0 is no limit. RateWindow
	// defaults to a second.
	RateLimit  int
	RateWindow time.Duration
	// Introspection lists the optional introspection properties the server
	// supports. Nil means demo.DefaultIntrospection, as watch demo serves.
	Introspection *schema.Capabilities
	// Now is the clock of the rate limit; nil is time.Now.
	Now func() time.Time
}

// Server is a demo.Server behind Railway's auth headers and rate limits.
type Server struct {
	opts  Options
	inner *demo.Server

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
	caps := demo.DefaultIntrospection
	if opts.Introspection != nil {
		caps = *opts.Introspection
	}
	// The demo server supports what its schema carries; a shallow copy
	// carrying caps leaves the caller's schema alone.
	served := *s
	served.Capabilities = caps
	inner, err := demo.NewServer(&served, demo.Options{})
	if err != nil {
		return nil, err
	}
	if opts.RateLimit > 0 && opts.RateWindow <= 0 {
		opts.RateWindow = time.Second
	}
	return &Server{opts: opts, inner: inner, windows: map[string]*window{}}, nil
}

// Throttle makes the next n requests fail with 429 Too Many Requests and the
// given Retry-After, whatever the rate limit says.
func (s *Server) Throttle(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle, s.throttleRA = n, retryAfter
}

// Requests counts the requests made to the GraphQL path so far.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// ServeHTTP counts and rate-limits a request, then checks its credential,
// in Railway's order: a request over the limit gets 429 whoever sends it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != demo.Path {
		s.inner.ServeHTTP(w, r) // its 404
		return
	}
	if limited, retryAfter := s.rateLimit(w, r); limited {
		w.Header().Set("Retry-After", strconv.Itoa(int(max(1, (retryAfter+time.Second-1)/time.Second))))
		writeError(w, http.StatusTooManyRequests, "RATE_LIMITED", "Rate limit exceeded, retry later")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="graphql"`)
		writeError(w, http.StatusUnauthorized, "UNAUTHENTICATED", "Not Authorized")
		return
	}
	s.inner.ServeHTTP(w, r)
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
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

// credentialKey identifies who a request counts against.
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
	return s.opts.ProjectToken != "" && equal(strings.TrimSpace(r.Header.Get("Project-Access-Token")), s.opts.ProjectToken)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// writeError answers as the demo server does (and Railway): a GraphQL
// error with a code.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}}})
}
