package githubfake

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/google/go-github/v60/github"
)

// The git data endpoints: refs, commits, trees and blobs.

const (
	docsRefs    = "https://docs.github.com/rest/git/refs"
	docsCommits = "https://docs.github.com/rest/git/commits"
	docsTrees   = "https://docs.github.com/rest/git/trees"
)

func (s *Server) getRepository(*http.Request, []byte) (int, any) {
	return http.StatusOK, &github.Repository{
		ID:            new(int64(1)),
		Name:          new(s.opts.Repo),
		FullName:      new(s.FullName()),
		Owner:         &github.User{Login: new(s.opts.Owner)},
		DefaultBranch: new(s.opts.DefaultBranch),
		HTMLURL:       new(s.URL + "/" + s.FullName()),
		URL:           new(s.URL + "/api/v3/repos/" + s.FullName()),
	}
}

func (s *Server) refJSON(name string) *github.Reference {
	sha := s.refs[name]
	return &github.Reference{
		Ref:    new("refs/" + name),
		URL:    new(s.apiURL("git/refs/%s", name)),
		Object: &github.GitObject{Type: new("commit"), SHA: new(sha), URL: new(s.apiURL("git/commits/%s", sha))},
	}
}

func (s *Server) getRef(r *http.Request, _ []byte) (int, any) {
	name := r.PathValue("ref")
	if _, ok := s.refs[name]; !ok {
		return notFound()
	}
	return http.StatusOK, s.refJSON(name)
}

func (s *Server) createRef(_ *http.Request, body []byte) (int, any) {
	var req struct {
		Ref string `json:"ref"`
		SHA string `json:"sha"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	name, ok := strings.CutPrefix(req.Ref, "refs/")
	if !ok || strings.Count(req.Ref, "/") < 2 {
		return unprocessable("Reference name must start with 'refs/' and have at least two slashes.", docsRefs+"#create-a-reference")
	}
	if _, exists := s.refs[name]; exists {
		return unprocessable("Reference already exists", docsRefs+"#create-a-reference")
	}
	if _, exists := s.objects.commits[req.SHA]; !exists {
		return unprocessable("Object does not exist", docsRefs+"#create-a-reference")
	}
	s.refs[name] = req.SHA
	return http.StatusCreated, s.refJSON(name)
}

func (s *Server) updateRef(r *http.Request, body []byte) (int, any) {
	var req struct {
		SHA   string `json:"sha"`
		Force bool   `json:"force"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	name := r.PathValue("ref")
	old, exists := s.refs[name]
	switch {
	case !exists:
		return unprocessable("Reference does not exist", docsRefs+"#update-a-reference")
	case s.objects.commits[req.SHA] == nil:
		return unprocessable("Object does not exist", docsRefs+"#update-a-reference")
	case !req.Force && !s.isAncestor(old, req.SHA):
		return unprocessable("Update is not a fast forward", docsRefs+"#update-a-reference")
	}
	s.refs[name] = req.SHA
	return http.StatusOK, s.refJSON(name)
}

func (s *Server) deleteRef(r *http.Request, _ []byte) (int, any) {
	name := r.PathValue("ref")
	if _, exists := s.refs[name]; !exists {
		return unprocessable("Reference does not exist", docsRefs+"#delete-a-reference")
	}
	if branch, ok := strings.CutPrefix(name, "heads/"); ok {
		s.deleteBranch(branch)
	} else {
		delete(s.refs, name)
	}
	return http.StatusNoContent, nil
}

// isAncestor reports whether commit a is b or one of b's ancestors.
func (s *Server) isAncestor(a, b string) bool {
	seen := map[string]bool{}
	queue := []string{b}
	for len(queue) > 0 {
		sha := queue[0]
		queue = queue[1:]
		if sha == a {
			return true
		}
		if c := s.objects.commits[sha]; c != nil && !seen[sha] {
			seen[sha] = true
			queue = append(queue, c.parents...)
		}
	}
	return false
}

func (s *Server) commitJSON(c *commit) *github.Commit {
	author := &github.CommitAuthor{Name: new(c.author.name), Email: new(c.author.email), Date: &github.Timestamp{Time: c.author.date}}
	out := &github.Commit{
		SHA:       new(c.sha),
		URL:       new(s.apiURL("git/commits/%s", c.sha)),
		HTMLURL:   new(s.htmlURL("commit/%s", c.sha)),
		Author:    author,
		Committer: author,
		Message:   new(c.message),
		Tree:      &github.Tree{SHA: new(c.tree)},
		Parents:   []*github.Commit{},
		Verification: &github.SignatureVerification{
			Verified: new(false), Reason: new("unsigned"),
		},
	}
	for _, p := range c.parents {
		out.Parents = append(out.Parents, &github.Commit{SHA: new(p), URL: new(s.apiURL("git/commits/%s", p)), HTMLURL: new(s.htmlURL("commit/%s", p))})
	}
	return out
}

func (s *Server) getCommit(r *http.Request, _ []byte) (int, any) {
	c := s.objects.commits[r.PathValue("sha")]
	if c == nil {
		return notFound()
	}
	return http.StatusOK, s.commitJSON(c)
}

func (s *Server) createCommit(_ *http.Request, body []byte) (int, any) {
	var req struct {
		Message string   `json:"message"`
		Tree    string   `json:"tree"`
		Parents []string `json:"parents"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	if _, ok := s.objects.trees[req.Tree]; !ok {
		return unprocessable("Tree SHA does not exist", docsCommits+"#create-a-commit")
	}
	for _, p := range req.Parents {
		if s.objects.commits[p] == nil {
			return unprocessable("Parent SHA does not exist or is not a commit object", docsCommits+"#create-a-commit")
		}
	}
	c := s.objects.putCommit(commit{tree: req.Tree, parents: req.Parents, message: req.Message, author: s.signature()})
	return http.StatusCreated, s.commitJSON(c)
}

func (s *Server) treeJSON(sha string, recursive bool) *github.Tree {
	out := &github.Tree{SHA: new(sha), Entries: []*github.TreeEntry{}, Truncated: new(false)}
	add := func(path string, e treeEntry) {
		if s.treeLimit > 0 && len(out.Entries) == s.treeLimit {
			out.Truncated = new(true)
			return
		}
		entry := &github.TreeEntry{Path: new(path), Mode: new(e.mode), Type: new(e.kind()), SHA: new(e.sha)}
		switch e.kind() {
		case "blob":
			entry.Size = new(len(s.objects.blobs[e.sha]))
			entry.URL = new(s.apiURL("git/blobs/%s", e.sha))
		case "tree":
			entry.URL = new(s.apiURL("git/trees/%s", e.sha))
		}
		out.Entries = append(out.Entries, entry)
	}
	if recursive {
		s.objects.walk(sha, "", add)
	} else {
		for _, e := range s.objects.trees[sha] {
			add(e.name, e)
		}
	}
	return out
}

func (s *Server) getTree(r *http.Request, _ []byte) (int, any) {
	sha := r.PathValue("sha")
	if _, ok := s.objects.trees[sha]; !ok {
		return notFound()
	}
	return http.StatusOK, s.treeJSON(sha, r.URL.Query().Has("recursive"))
}

func (s *Server) createTree(_ *http.Request, body []byte) (int, any) {
	var req struct {
		BaseTree string `json:"base_tree"`
		Tree     []struct {
			Path    string  `json:"path"`
			Mode    string  `json:"mode"`
			Type    string  `json:"type"`
			SHA     *string `json:"sha"`
			Content *string `json:"content"`
		} `json:"tree"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	files := map[string]file{}
	if req.BaseTree != "" {
		if _, ok := s.objects.trees[req.BaseTree]; !ok {
			return unprocessable("base_tree is not a valid tree oid", docsTrees+"#create-a-tree")
		}
		files = s.objects.files(req.BaseTree)
	}
	for _, e := range req.Tree {
		if !slices.Contains([]string{modeFile, modeExec, modeSymlink}, e.Mode) || e.Type != "blob" {
			// Subtrees and submodules are valid on GitHub; the publisher
			// never sends them, so the fake does not model them.
			return unprocessable("tree.mode and tree.type: the fake supports blobs only", docsTrees+"#create-a-tree")
		}
		if e.Path == "" || strings.HasPrefix(e.Path, "/") || strings.HasSuffix(e.Path, "/") || strings.Contains(e.Path, "//") {
			return unprocessable("tree.path contains a malformed path component", docsTrees+"#create-a-tree")
		}
		switch {
		case e.Content != nil:
			files[e.Path] = file{mode: e.Mode, sha: s.objects.putBlob([]byte(*e.Content))}
		case e.SHA != nil:
			if _, ok := s.objects.blobs[*e.SHA]; !ok {
				return unprocessable("tree.sha "+*e.SHA+" is not a valid blob", docsTrees+"#create-a-tree")
			}
			files[e.Path] = file{mode: e.Mode, sha: *e.SHA}
		default:
			delete(files, e.Path)
		}
	}
	return http.StatusCreated, s.treeJSON(s.objects.buildTree(files), false)
}

func (s *Server) getBlob(r *http.Request, _ []byte) (int, any) {
	sha := r.PathValue("sha")
	content, ok := s.objects.blobs[sha]
	if !ok {
		return notFound()
	}
	return http.StatusOK, &github.Blob{
		SHA:      new(sha),
		Size:     new(len(content)),
		Content:  new(base64.StdEncoding.EncodeToString(content)),
		Encoding: new("base64"),
		URL:      new(s.apiURL("git/blobs/%s", sha)),
	}
}

func (s *Server) createBlob(_ *http.Request, body []byte) (int, any) {
	var req struct {
		Content  *string `json:"content"`
		Encoding string  `json:"encoding"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	if req.Content == nil {
		return validationFailed("Blob", "content", "missing_field", "")
	}
	content := []byte(*req.Content)
	switch req.Encoding {
	case "", "utf-8":
	case "base64":
		decoded, err := base64.StdEncoding.DecodeString(*req.Content)
		if err != nil {
			return validationFailed("Blob", "content", "invalid", "content is not valid Base64")
		}
		content = decoded
	default:
		return validationFailed("Blob", "encoding", "invalid", "encoding must be utf-8 or base64")
	}
	sha := s.objects.putBlob(content)
	return http.StatusCreated, &github.Blob{SHA: new(sha), URL: new(s.apiURL("git/blobs/%s", sha))}
}
