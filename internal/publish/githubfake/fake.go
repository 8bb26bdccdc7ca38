// Package githubfake is a fake GitHub REST API for tests: an httptest
// server that holds real state for one repository — git objects named as
// git names them, refs, pull requests, labels, comments and review
// requests — behind exactly the endpoints schemawatch's publisher uses, with
// responses shaped like GitHub's so that go-github decodes them.
//
// Tests point go-github at Server.URL as a GitHub Enterprise base URL (the
// fake serves both "/repos/…" and "/api/v3/repos/…"), drive the repository
// by hand as a person would (Push, DeleteBranch, ClosePull, MergePull), make
// GitHub fail on purpose (Fail, with rate-limit and server-error helpers),
// and inspect the result (OpenPulls, BranchFiles, Comments, Labels,
// Requests). It records every request's method, path and body, never its
// headers, so that a test can assert a token travelled in the Authorization
// header only.
package githubfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The endpoints the fake serves, named as GitHub's REST documentation names
// them; use them in Failure.Endpoint and Calls.
const (
	GetRepository    = "GET /repos/{owner}/{repo}"
	GetRef           = "GET /repos/{owner}/{repo}/git/ref/{ref...}"
	CreateRef        = "POST /repos/{owner}/{repo}/git/refs"
	UpdateRef        = "PATCH /repos/{owner}/{repo}/git/refs/{ref...}"
	DeleteRef        = "DELETE /repos/{owner}/{repo}/git/refs/{ref...}"
	GetCommit        = "GET /repos/{owner}/{repo}/git/commits/{sha}"
	CreateCommit     = "POST /repos/{owner}/{repo}/git/commits"
	GetTree          = "GET /repos/{owner}/{repo}/git/trees/{sha}"
	CreateTree       = "POST /repos/{owner}/{repo}/git/trees"
	CreateBlob       = "POST /repos/{owner}/{repo}/git/blobs"
	GetBlob          = "GET /repos/{owner}/{repo}/git/blobs/{sha}"
	ListPulls        = "GET /repos/{owner}/{repo}/pulls"
	CreatePull       = "POST /repos/{owner}/{repo}/pulls"
	UpdatePull       = "PATCH /repos/{owner}/{repo}/pulls/{number}"
	RequestReviewers = "POST /repos/{owner}/{repo}/pulls/{number}/requested_reviewers"
	CreateLabel      = "POST /repos/{owner}/{repo}/labels"
	AddLabels        = "POST /repos/{owner}/{repo}/issues/{number}/labels"
	RemoveLabel      = "DELETE /repos/{owner}/{repo}/issues/{number}/labels/{name}"
	CreateComment    = "POST /repos/{owner}/{repo}/issues/{number}/comments"
)

// Options configure a fake repository. Zero fields take the defaults noted.
type Options struct {
	Owner, Repo   string // default "acme", "api-clients"
	DefaultBranch string // default "main"; created with a README
	// Token is the token requests must carry as "Authorization: Bearer"
	// (or "token"); empty accepts any request.
	Token string
	// Login is the user the token belongs to: the author of commits and
	// pull requests, who cannot be asked to review them. Default
	// "schemawatch-bot".
	Login string
	// Collaborators may be asked for reviews; Teams are the team slugs that
	// may.
	Collaborators []string
	Teams         []string
	// Clock dates commits and rate-limit resets; default a clock fixed at
	// 2025-01-01T00:00:00Z.
	Clock *Clock
}

// Server is a fake GitHub holding one repository.
type Server struct {
	// URL is the server's root, e.g. http://127.0.0.1:1234. go-github's
	// WithEnterpriseURLs(URL, URL) makes it the API base URL + "/api/v3/".
	URL string

	opts  Options
	clock *Clock
	http  *httptest.Server
	mux   *http.ServeMux

	mu        sync.Mutex
	objects   *objects
	refs      map[string]string // "heads/main" → commit SHA
	pulls     []*pull           // pulls[i].number == i+1
	labels    []*label          // the repository's labels
	comments  map[int][]string  // issue number → comment bodies
	failures  []*pendingFailure
	listLag   int
	treeLimit int
	requests  []Request
}

// Request is one request the fake received: what a test may assert on.
// Headers are deliberately not recorded.
type Request struct {
	Method   string
	Path     string // with the query, without the /api/v3 prefix
	Endpoint string // one of the endpoint constants; "" for an unknown path
	Body     string
	Status   int
}

// IsWrite reports whether the request asked GitHub to change something.
func (r Request) IsWrite() bool { return r.Method != http.MethodGet }

func (r Request) String() string { return r.Method + " " + r.Path + " → " + strconv.Itoa(r.Status) }

type pull struct {
	number          int
	title, body     string
	head, base      string // branch names
	state           string // "open" or "closed"
	merged          bool
	labels          []string
	reviewers       []string
	teams           []string
	created         time.Time
	updated         time.Time
	hiddenFromLists int // list calls still to come that leave it out
}

type label struct {
	id                       int64
	name, color, description string
}

// New starts a fake GitHub; Close it when done.
func New(opts Options) *Server {
	if opts.Owner == "" {
		opts.Owner = "acme"
	}
	if opts.Repo == "" {
		opts.Repo = "api-clients"
	}
	if opts.DefaultBranch == "" {
		opts.DefaultBranch = "main"
	}
	if opts.Login == "" {
		opts.Login = "schemawatch-bot"
	}
	s := &Server{
		opts:     opts,
		clock:    opts.Clock,
		objects:  newObjects(),
		refs:     map[string]string{},
		comments: map[int][]string{},
		mux:      http.NewServeMux(),
	}
	if s.clock == nil {
		s.clock = NewClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	s.routes()
	s.Push(opts.DefaultBranch, map[string][]byte{"README.md": []byte("# " + opts.Repo + "\n")}, "Initial commit")
	s.http = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.http.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.http.Close() }

// Owner and Repo name the fake repository.
func (s *Server) Owner() string { return s.opts.Owner }

// Repo is the repository's name.
func (s *Server) Repo() string { return s.opts.Repo }

// FullName is "owner/repo".
func (s *Server) FullName() string { return s.opts.Owner + "/" + s.opts.Repo }

type handler func(r *http.Request, body []byte) (status int, response any)

func (s *Server) routes() {
	for endpoint, h := range map[string]handler{
		GetRepository:    s.getRepository,
		GetRef:           s.getRef,
		CreateRef:        s.createRef,
		UpdateRef:        s.updateRef,
		DeleteRef:        s.deleteRef,
		GetCommit:        s.getCommit,
		CreateCommit:     s.createCommit,
		GetTree:          s.getTree,
		CreateTree:       s.createTree,
		CreateBlob:       s.createBlob,
		GetBlob:          s.getBlob,
		ListPulls:        s.listPulls,
		CreatePull:       s.createPull,
		UpdatePull:       s.updatePull,
		RequestReviewers: s.requestReviewers,
		CreateLabel:      s.createLabel,
		AddLabels:        s.addLabels,
		RemoveLabel:      s.removeLabel,
		CreateComment:    s.createComment,
	} {
		s.mux.HandleFunc(endpoint, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, endpoint, h) })
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.serve(w, r, "", func(*http.Request, []byte) (int, any) { return notFound() })
	})
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// GitHub Enterprise Server serves the API under /api/v3.
	if rest, ok := strings.CutPrefix(r.URL.Path, "/api/v3/"); ok {
		r.URL.Path = "/" + rest
		r.URL.RawPath = ""
		if raw, ok := strings.CutPrefix(r.URL.EscapedPath(), "/api/v3/"); ok {
			r.URL.RawPath = "/" + raw
		}
	}
	s.mux.ServeHTTP(w, r)
}

// serve runs one request under the lock: authentication, then an injected
// failure if one is due, then the endpoint.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, endpoint string, h handler) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()

	header := w.Header()
	header.Set("Content-Type", "application/json; charset=utf-8")
	header.Set("X-GitHub-Media-Type", "github.v3; format=json")
	header.Set("X-RateLimit-Limit", "5000")
	header.Set("X-RateLimit-Remaining", "4999")
	header.Set("X-RateLimit-Reset", strconv.FormatInt(s.clock.Now().Add(time.Hour).Unix(), 10))
	header.Set("X-RateLimit-Resource", "core")

	var status int
	var response any
	switch {
	case !s.authorized(r):
		status, response = http.StatusUnauthorized, errorBody("Bad credentials", "https://docs.github.com/rest")
	case r.PathValue("owner") != "" && (r.PathValue("owner") != s.opts.Owner || r.PathValue("repo") != s.opts.Repo):
		status, response = notFound()
	default:
		if f := s.dueFailure(endpoint); f != nil {
			if f.Apply {
				h(r, body)
			}
			status, response = f.respond(header, s.clock.Now())
		} else {
			status, response = h(r, body)
		}
	}
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.RequestURI(), Endpoint: endpoint, Body: string(body), Status: status})
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(response)
}

func (s *Server) authorized(r *http.Request) bool {
	if s.opts.Token == "" {
		return true
	}
	auth := r.Header.Get("Authorization")
	return auth == "Bearer "+s.opts.Token || auth == "token "+s.opts.Token
}

// errorBody is the body of GitHub's error answers.
func errorBody(message, docs string) map[string]any {
	return map[string]any{"message": message, "documentation_url": docs}
}

func notFound() (int, any) {
	return http.StatusNotFound, map[string]any{"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}
}

// validationFailed is GitHub's 422 with one error entry.
func validationFailed(resource, field, code, message string) (int, any) {
	e := map[string]string{"resource": resource, "code": code}
	if field != "" {
		e["field"] = field
	}
	if message != "" {
		e["message"] = message
	}
	return http.StatusUnprocessableEntity, map[string]any{
		"message":           "Validation Failed",
		"errors":            []any{e},
		"documentation_url": "https://docs.github.com/rest",
		"status":            "422",
	}
}

func unprocessable(message, docs string) (int, any) {
	return http.StatusUnprocessableEntity, errorBody(message, docs)
}

func decode(body []byte, v any) (int, any, bool) {
	if err := json.Unmarshal(body, v); err != nil {
		return http.StatusBadRequest, errorBody("Problems parsing JSON", "https://docs.github.com/rest"), false
	}
	return 0, nil, true
}

func (s *Server) apiURL(format string, args ...any) string {
	return s.URL + "/api/v3/repos/" + s.FullName() + "/" + fmt.Sprintf(format, args...)
}

func (s *Server) htmlURL(format string, args ...any) string {
	return s.URL + "/" + s.FullName() + "/" + fmt.Sprintf(format, args...)
}

// Inspection and hand-driven changes. Each takes the lock, so a test may
// call them between (or, for the clock-driven cases, during) runs.

// Pull is a pull request as a test sees it.
type Pull struct {
	Number        int
	Title, Body   string
	Head, Base    string
	State         string
	Merged        bool
	Labels        []string
	Reviewers     []string
	TeamReviewers []string
	HeadSHA       string // the head branch's commit; "" once the branch is gone
}

// Pulls returns every pull request, oldest first.
func (s *Server) Pulls() []Pull {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Pull, 0, len(s.pulls))
	for _, p := range s.pulls {
		out = append(out, Pull{
			Number: p.number, Title: p.title, Body: p.body, Head: p.head, Base: p.base, State: p.state, Merged: p.merged,
			Labels: slices.Clone(p.labels), Reviewers: slices.Clone(p.reviewers), TeamReviewers: slices.Clone(p.teams),
			HeadSHA: s.refs["heads/"+p.head],
		})
	}
	return out
}

// OpenPulls returns the open pull requests, oldest first.
func (s *Server) OpenPulls() []Pull {
	var open []Pull
	for _, p := range s.Pulls() {
		if p.State == "open" {
			open = append(open, p)
		}
	}
	return open
}

// Commit is a commit as a test sees it.
type Commit struct {
	SHA     string
	Tree    string
	Parents []string
	Message string
}

// Branch returns the commit a branch points at.
func (s *Server) Branch(name string) (Commit, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.objects.commits[s.refs["heads/"+name]]
	if !ok {
		return Commit{}, false
	}
	return Commit{SHA: c.sha, Tree: c.tree, Parents: slices.Clone(c.parents), Message: c.message}, true
}

// BranchFiles returns the files of a branch's head commit (path → content),
// or nil when there is no such branch.
func (s *Server) BranchFiles(name string) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.objects.commits[s.refs["heads/"+name]]
	if !ok {
		return nil
	}
	out := map[string]string{}
	for path, f := range s.objects.files(c.tree) {
		out[path] = string(s.objects.blobs[f.sha])
	}
	return out
}

// Comments returns the bodies of the comments on an issue or pull request.
func (s *Server) Comments(number int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.comments[number])
}

// Label is a repository label as a test sees it.
type Label struct {
	Name, Color, Description string
}

// Labels returns the repository's labels in the order they were created.
func (s *Server) Labels() []Label {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Label, 0, len(s.labels))
	for _, l := range s.labels {
		out = append(out, Label{Name: l.name, Color: l.color, Description: l.description})
	}
	return out
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// TakeRequests returns the requests received so far and forgets them, so
// that a test can look at one run at a time.
func (s *Server) TakeRequests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.requests
	s.requests = nil
	return out
}

// Calls returns how many requests an endpoint has received.
func (s *Server) Calls(endpoint string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Endpoint == endpoint {
			n++
		}
	}
	return n
}

// Push commits files on top of a branch's head (or as a root commit when
// the branch does not exist yet) and moves the branch, as a person pushing
// would. A nil content deletes the path. It returns the commit's SHA.
func (s *Server) Push(branch string, files map[string][]byte, message string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	tree := map[string]file{}
	var parents []string
	if head, ok := s.refs["heads/"+branch]; ok {
		tree = s.objects.files(s.objects.commits[head].tree)
		parents = []string{head}
	}
	for path, content := range files {
		if content == nil {
			delete(tree, path)
			continue
		}
		tree[path] = file{mode: modeFile, sha: s.objects.putBlob(content)}
	}
	c := s.objects.putCommit(commit{tree: s.objects.buildTree(tree), parents: parents, message: message, author: s.signature()})
	s.refs["heads/"+branch] = c.sha
	return c.sha
}

// DeleteBranch deletes a branch by hand. As on GitHub, the open pull
// requests from it are closed.
func (s *Server) DeleteBranch(branch string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleteBranch(branch)
}

func (s *Server) deleteBranch(branch string) {
	delete(s.refs, "heads/"+branch)
	for _, p := range s.pulls {
		if p.head == branch && p.state == "open" {
			p.state = "closed"
			p.updated = s.clock.Now()
		}
	}
}

// ClosePull closes a pull request by hand.
func (s *Server) ClosePull(number int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.pull(number); p != nil {
		p.state = "closed"
	}
}

// MergePull merges an open pull request with a merge commit on its base,
// leaving the head branch in place (as GitHub does unless the repository
// deletes merged branches).
func (s *Server) MergePull(number int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pull(number)
	if p == nil || p.state != "open" {
		panic(fmt.Sprintf("githubfake: MergePull(%d): no open pull request", number))
	}
	head := s.objects.commits[s.refs["heads/"+p.head]]
	c := s.objects.putCommit(commit{
		tree:    head.tree,
		parents: []string{s.refs["heads/"+p.base], head.sha},
		message: fmt.Sprintf("Merge pull request #%d from %s/%s", p.number, s.opts.Owner, p.head),
		author:  s.signature(),
	})
	s.refs["heads/"+p.base] = c.sha
	p.state, p.merged = "closed", true
}

// OpenPull opens a pull request by hand, bypassing the API's checks (GitHub
// refuses a second open pull request for the same head and base; a person
// can still open one from the same head to another base). It returns its
// number.
func (s *Server) OpenPull(head, base, title string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addPull(head, base, title, "", s.opts.Login).number
}

// SetListLag makes the pull requests created from now on missing from the
// next n list calls each, as GitHub's search-backed listing lags behind a
// write.
func (s *Server) SetListLag(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listLag = n
}

// SetTreeLimit makes recursive tree listings stop after n entries and say
// they were truncated, as GitHub's do for very large trees; 0 for no limit.
func (s *Server) SetTreeLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.treeLimit = n
}

func (s *Server) signature() signature {
	return signature{name: s.opts.Login, email: s.opts.Login + "@users.noreply.github.com", date: s.clock.Now()}
}

// AddPullLabels labels a pull request by hand; labels the repository does
// not have are created grey, as GitHub does.
func (s *Server) AddPullLabels(number int, names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.labelPull(s.pull(number), names)
}

// RemovePullLabel takes a label off a pull request by hand.
func (s *Server) RemovePullLabel(number int, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pull(number)
	p.labels = slices.DeleteFunc(p.labels, func(l string) bool { return strings.EqualFold(l, name) })
}

// SetPullBase changes a pull request's base branch by hand.
func (s *Server) SetPullBase(number int, base string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pull(number).base = base
}
