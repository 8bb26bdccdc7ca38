package githubfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"
)

// The pull request and issue endpoints: pulls, review requests, labels and
// comments. A pull request is an issue with the same number.

const (
	docsPulls  = "https://docs.github.com/rest/pulls/pulls"
	docsLabels = "https://docs.github.com/rest/issues/labels"
)

// defaultLabelColor is what GitHub gives a label it creates on the fly when
// an issue is labelled with a name the repository does not have.
const defaultLabelColor = "ededed"

func (s *Server) pull(number int) *pull {
	if number < 1 || number > len(s.pulls) {
		return nil
	}
	return s.pulls[number-1]
}

func (s *Server) pullFromPath(r *http.Request) *pull {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil {
		return nil
	}
	return s.pull(n)
}

func (s *Server) addPull(head, base, title, body, author string) *pull {
	now := s.clock.Now()
	p := &pull{
		number: len(s.pulls) + 1, title: title, body: body, head: head, base: base, state: "open",
		created: now, updated: now, hiddenFromLists: s.listLag,
	}
	s.pulls = append(s.pulls, p)
	return p
}

func (s *Server) branchJSON(branch string) *github.PullRequestBranch {
	return &github.PullRequestBranch{
		Label: new(s.opts.Owner + ":" + branch),
		Ref:   new(branch),
		SHA:   new(s.refs["heads/"+branch]),
		User:  &github.User{Login: new(s.opts.Owner)},
		Repo:  &github.Repository{Name: new(s.opts.Repo), FullName: new(s.FullName())},
	}
}

func (s *Server) pullJSON(p *pull) *github.PullRequest {
	out := &github.PullRequest{
		ID:                 new(int64(1000 + p.number)),
		Number:             new(p.number),
		State:              new(p.state),
		Title:              new(p.title),
		Body:               new(p.body),
		Merged:             new(p.merged),
		User:               &github.User{Login: new(s.opts.Login)},
		URL:                new(s.apiURL("pulls/%d", p.number)),
		HTMLURL:            new(s.htmlURL("pull/%d", p.number)),
		IssueURL:           new(s.apiURL("issues/%d", p.number)),
		CreatedAt:          &github.Timestamp{Time: p.created},
		UpdatedAt:          &github.Timestamp{Time: p.updated},
		Head:               s.branchJSON(p.head),
		Base:               s.branchJSON(p.base),
		Labels:             []*github.Label{},
		RequestedReviewers: []*github.User{},
		RequestedTeams:     []*github.Team{},
	}
	for _, name := range p.labels {
		out.Labels = append(out.Labels, s.labelJSON(s.label(name)))
	}
	for _, login := range p.reviewers {
		out.RequestedReviewers = append(out.RequestedReviewers, &github.User{Login: new(login)})
	}
	for _, slug := range p.teams {
		out.RequestedTeams = append(out.RequestedTeams, &github.Team{Slug: new(slug), Name: new(slug)})
	}
	return out
}

func (s *Server) listPulls(r *http.Request, _ []byte) (int, any) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	head := q.Get("head")
	if owner, branch, ok := strings.Cut(head, ":"); ok {
		if owner != s.opts.Owner {
			return http.StatusOK, []*github.PullRequest{}
		}
		head = branch
	}
	out := []*github.PullRequest{}
	// Newest first, as GitHub sorts by default.
	for _, p := range slices.Backward(s.pulls) {
		if p.hiddenFromLists > 0 {
			p.hiddenFromLists--
			continue
		}
		if (state != "all" && p.state != state) || (head != "" && p.head != head) || (q.Get("base") != "" && p.base != q.Get("base")) {
			continue
		}
		out = append(out, s.pullJSON(p))
	}
	return http.StatusOK, out
}

func (s *Server) createPull(_ *http.Request, body []byte) (int, any) {
	var req github.NewPullRequest
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	head := req.GetHead()
	if owner, branch, ok := strings.Cut(head, ":"); ok && owner == s.opts.Owner {
		head = branch
	}
	base := req.GetBase()
	switch {
	case req.GetTitle() == "":
		return validationFailed("PullRequest", "title", "missing_field", "")
	case s.refs["heads/"+base] == "":
		return validationFailed("PullRequest", "base", "invalid", "")
	case s.refs["heads/"+head] == "":
		return validationFailed("PullRequest", "head", "invalid", "")
	case s.isAncestor(s.refs["heads/"+head], s.refs["heads/"+base]):
		return validationFailed("PullRequest", "", "custom", fmt.Sprintf("No commits between %s and %s", base, head))
	}
	for _, p := range s.pulls {
		if p.state == "open" && p.head == head && p.base == base {
			return validationFailed("PullRequest", "", "custom", fmt.Sprintf("A pull request already exists for %s:%s.", s.opts.Owner, head))
		}
	}
	p := s.addPull(head, base, req.GetTitle(), req.GetBody(), s.opts.Login)
	return http.StatusCreated, s.pullJSON(p)
}

func (s *Server) updatePull(r *http.Request, body []byte) (int, any) {
	p := s.pullFromPath(r)
	if p == nil {
		return notFound()
	}
	var req struct {
		Title *string `json:"title"`
		Body  *string `json:"body"`
		State *string `json:"state"`
		Base  *string `json:"base"`
	}
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	if req.State != nil && *req.State != "open" && *req.State != "closed" {
		return validationFailed("PullRequest", "state", "invalid", "")
	}
	if req.Base != nil {
		if p.state != "open" || (req.State != nil && *req.State == "closed") {
			return validationFailed("PullRequest", "base", "invalid", "Cannot change the base branch of a closed pull request.")
		}
		if s.refs["heads/"+*req.Base] == "" {
			return validationFailed("PullRequest", "base", "invalid", "Proposed base branch '"+*req.Base+"' was not found")
		}
		p.base = *req.Base
	}
	if req.State != nil && *req.State == "open" && p.state != "open" && s.refs["heads/"+p.head] == "" {
		return validationFailed("PullRequest", "state", "invalid", "cannot reopen: the head branch is gone")
	}
	if req.Title != nil {
		p.title = *req.Title
	}
	if req.Body != nil {
		p.body = *req.Body
	}
	if req.State != nil {
		p.state = *req.State
	}
	p.updated = s.clock.Now()
	return http.StatusOK, s.pullJSON(p)
}

func (s *Server) requestReviewers(r *http.Request, body []byte) (int, any) {
	p := s.pullFromPath(r)
	if p == nil {
		return notFound()
	}
	var req github.ReviewersRequest
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	if containsFold(req.Reviewers, s.opts.Login) {
		return unprocessable("Review cannot be requested from pull request author.", docsPulls)
	}
	for _, login := range req.Reviewers {
		if !containsFold(s.opts.Collaborators, login) {
			return s.notCollaborator()
		}
	}
	for _, slug := range req.TeamReviewers {
		if !containsFold(s.opts.Teams, slug) {
			return s.notCollaborator()
		}
	}
	for _, login := range req.Reviewers {
		if !containsFold(p.reviewers, login) {
			p.reviewers = append(p.reviewers, login)
		}
	}
	for _, slug := range req.TeamReviewers {
		if !containsFold(p.teams, slug) {
			p.teams = append(p.teams, slug)
		}
	}
	return http.StatusCreated, s.pullJSON(p)
}

func (s *Server) notCollaborator() (int, any) {
	return unprocessable(fmt.Sprintf("Reviews may only be requested from collaborators. "+
		"One or more of the users or teams you specified is not a collaborator of the %s repository.", s.FullName()), docsPulls)
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// label finds a repository label by name; GitHub compares label names
// without regard to case.
func (s *Server) label(name string) *label {
	for _, l := range s.labels {
		if strings.EqualFold(l.name, name) {
			return l
		}
	}
	return nil
}

func (s *Server) labelJSON(l *label) *github.Label {
	return &github.Label{
		ID: new(l.id), Name: new(l.name), Color: new(l.color), Description: new(l.description),
		URL: new(s.apiURL("labels/%s", l.name)), Default: new(false),
	}
}

func (s *Server) addLabel(name, color, description string) *label {
	l := &label{id: int64(len(s.labels) + 1), name: name, color: color, description: description}
	s.labels = append(s.labels, l)
	return l
}

func (s *Server) createLabel(_ *http.Request, body []byte) (int, any) {
	var req github.Label
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	switch {
	case req.GetName() == "":
		return validationFailed("Label", "name", "missing_field", "")
	case s.label(req.GetName()) != nil:
		return validationFailed("Label", "name", "already_exists", "")
	case len(req.GetColor()) != 6:
		return validationFailed("Label", "color", "invalid", "")
	}
	return http.StatusCreated, s.labelJSON(s.addLabel(req.GetName(), req.GetColor(), req.GetDescription()))
}

func (s *Server) issueLabelsJSON(p *pull) []*github.Label {
	out := []*github.Label{}
	for _, name := range p.labels {
		out = append(out, s.labelJSON(s.label(name)))
	}
	return out
}

func (s *Server) addLabels(r *http.Request, body []byte) (int, any) {
	p := s.pullFromPath(r)
	if p == nil {
		return notFound()
	}
	// GitHub takes either a bare array of names or {"labels": [...]}.
	var names []string
	if err := json.Unmarshal(body, &names); err != nil {
		var wrapped struct {
			Labels []string `json:"labels"`
		}
		if status, resp, ok := decode(body, &wrapped); !ok {
			return status, resp
		}
		names = wrapped.Labels
	}
	s.labelPull(p, names)
	return http.StatusOK, s.issueLabelsJSON(p)
}

// labelPull adds labels to a pull request; names the repository does not
// have become grey labels, as on GitHub.
func (s *Server) labelPull(p *pull, names []string) {
	for _, name := range names {
		l := s.label(name)
		if l == nil {
			l = s.addLabel(name, defaultLabelColor, "")
		}
		if !containsFold(p.labels, l.name) {
			p.labels = append(p.labels, l.name)
		}
	}
}

func (s *Server) removeLabel(r *http.Request, _ []byte) (int, any) {
	p := s.pullFromPath(r)
	if p == nil {
		return notFound()
	}
	name := r.PathValue("name")
	i := slices.IndexFunc(p.labels, func(l string) bool { return strings.EqualFold(l, name) })
	if i < 0 {
		return http.StatusNotFound, errorBody("Label does not exist", docsLabels+"#remove-a-label-from-an-issue")
	}
	p.labels = slices.Delete(p.labels, i, i+1)
	return http.StatusOK, s.issueLabelsJSON(p)
}

func (s *Server) createComment(r *http.Request, body []byte) (int, any) {
	p := s.pullFromPath(r)
	if p == nil {
		return notFound()
	}
	var req github.IssueComment
	if status, resp, ok := decode(body, &req); !ok {
		return status, resp
	}
	if req.GetBody() == "" {
		return validationFailed("IssueComment", "body", "missing_field", "")
	}
	s.comments[p.number] = append(s.comments[p.number], req.GetBody())
	id := int64(len(s.comments[p.number]))*1000 + int64(p.number)
	return http.StatusCreated, &github.IssueComment{
		ID:      new(id),
		Body:    req.Body,
		User:    &github.User{Login: new(s.opts.Login)},
		HTMLURL: new(s.htmlURL("pull/%d#issuecomment-%d", p.number, id)),
		URL:     new(s.apiURL("issues/comments/%d", id)),
	}
}
