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
	"strings"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Path is where the endpoint serves GraphQL, as Railway does.
const Path = "/graphql/v2"

// DefaultIntrospection is what the demo API supports of the optional
// introspection properties: everything but deprecation of arguments and
// input fields, as a server on an older GraphQL library would, so that
// every demo run exercises the client's capability fallback. Serve
// Schema(v).WithCapabilities(DefaultIntrospection) to serve it so.
var DefaultIntrospection = schema.Capabilities{
	Descriptions:          true,
	DirectiveIsRepeatable: true,
	SpecifiedByURL:        true,
	InputObjectIsOneOf:    true,
	InputValueDeprecation: false,
}

// Options configure a Server. The zero value serves without auth.
type Options struct {
	// BearerToken, when set, is the one credential accepted, as
	// Authorization: Bearer <token>; a request without it gets 401.
	BearerToken string
	// Logger gets one line per request; nil discards them.
	Logger *slog.Logger
}

// Server is the demo GraphQL endpoint. It answers introspection from its
// schema, every other valid operation with type-correct mock data, and an
// invalid one with GraphQL validation errors. (Railway's project tokens and
// rate limits are emulated for tests by package demotest.)
type Server struct {
	opts Options
	exec *executor
}

// clock times the requests for the log.
var clock = clockwork.NewRealClock()

// NewServer returns a server for s. It supports exactly the optional
// introspection properties s carries (s.Capabilities): a query asking for
// another fails validation, as it would on a server that does not know the
// field.
func NewServer(s *schema.Schema, opts Options) (*Server, error) {
	exec, err := newExecutor(s, s.Capabilities)
	if err != nil {
		return nil, err
	}
	return &Server{opts: opts, exec: exec}, nil
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
	start := clock.Now()
	status := s.serve(w, r)
	// The log line never holds a credential: only which kind was used.
	s.logger().Info("request", "method", r.Method, "path", r.URL.Path, "status", status, "auth", authKind(r), "duration", clock.Since(start).String())
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) int {
	if r.URL.Path != Path {
		return writeErrors(w, http.StatusNotFound, nil, "Not Found: only "+Path+" is served")
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

func (s *Server) authorized(r *http.Request) bool {
	if s.opts.BearerToken == "" {
		return true
	}
	v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && equal(strings.TrimSpace(v), s.opts.BearerToken)
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
