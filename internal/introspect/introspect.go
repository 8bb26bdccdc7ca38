package introspect

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Result is a fetched schema.
type Result struct {
	Schema *schema.Schema
	// Asked is what the accepted introspection query asked for, after any
	// fallback; Schema.Capabilities is what the answer carried.
	Asked schema.Capabilities
	// GaveUp lists the properties given up because the server rejected them.
	GaveUp []string
}

// Introspect fetches the endpoint's schema. It asks for every optional
// introspection property and, when the server rejects the query over one it
// does not know, gives that one up and asks again, one at a time.
func (c *Client) Introspect(ctx context.Context) (*Result, error) {
	res, err := c.introspect(ctx)
	return res, c.redactor().Error(err)
}

func (c *Client) introspect(ctx context.Context) (*Result, error) {
	want := schema.AllCapabilities
	var gaveUp []string
	for {
		answer, err := c.fetch(ctx, Request{Query: Query(want), OperationName: "IntrospectionQuery"})
		if err != nil {
			return nil, err
		}
		if s, ok := c.plainIntrospection(answer); ok {
			return &Result{Schema: s, Asked: want, GaveUp: gaveUp}, nil
		}
		resp, err := c.parse(answer.status, answer.header, answer.body)
		if err != nil {
			return nil, err
		}
		if len(resp.Errors) == 0 {
			s, err := schema.ParseIntrospection(resp.Body)
			if err != nil {
				return nil, fmt.Errorf("%s: the introspection result is unusable: %w", SafeEndpoint(c.Endpoint), err)
			}
			return &Result{Schema: s, Asked: want, GaveUp: gaveUp}, nil
		}
		msgs := c.messages(resp)
		if msg, ok := introspectionDisabled(msgs); ok {
			return nil, &IntrospectionDisabledError{Endpoint: SafeEndpoint(c.Endpoint), Message: msg}
		}
		if resp.HasData() {
			// Partial data would make a snapshot in which whatever failed
			// looks removed; a wrong breaking-change report is worse than none.
			return nil, &GraphQLErrors{Endpoint: SafeEndpoint(c.Endpoint), What: "introspection (partial answer)", Messages: msgs}
		}
		next, dropped, ok := fallback(want, resp.Errors)
		if !ok {
			return nil, &GraphQLErrors{Endpoint: SafeEndpoint(c.Endpoint), What: "introspection", Messages: msgs}
		}
		c.logger().Info("server rejected part of the introspection query, asking again without it",
			"without", dropped, "error", redact.Excerpt(strings.Join(msgs, "; "), 200))
		want = next
		gaveUp = append(gaveUp, dropped)
	}
}

// plainIntrospection reads the answer of a server that knew every part of
// the query: a successful GraphQL response, decoded once, envelope and
// schema together. Any other answer is read as before, as a GraphQL
// response first (parse), for its errors.
func (c *Client) plainIntrospection(a *answer) (*schema.Schema, bool) {
	if a.status >= 300 || looksLikeHTML(a.header, a.body) {
		return nil, false
	}
	s, plain, err := schema.ParseIntrospectionResponse(a.body)
	if err != nil || !plain {
		return nil, false
	}
	return s, true
}

// introspectionDisabled recognises the messages servers use when
// introspection is turned off (Apollo, graphql-js rules, gqlgen, Hasura…).
func introspectionDisabled(msgs []string) (string, bool) {
	for _, m := range msgs {
		l := strings.ToLower(m)
		if strings.Contains(l, "introspection") && (strings.Contains(l, "disabled") || strings.Contains(l, "not allowed") ||
			strings.Contains(l, "not permitted") || strings.Contains(l, "is off") || strings.Contains(l, "forbidden")) {
			return m, true
		}
	}
	return "", false
}

// Identity is what a token is, as the token test queries tell.
type Identity struct {
	Kind TokenKind
	// Account and workspace tokens.
	Name  string
	Email string
	// Project tokens.
	ProjectID     string
	EnvironmentID string
}

func (id Identity) String() string {
	if id.Kind == Project {
		return fmt.Sprintf("project token for project %s, environment %s", id.ProjectID, id.EnvironmentID)
	}
	return fmt.Sprintf("account token of %s <%s>", id.Name, id.Email)
}

// The token test queries Railway's documentation gives for each kind.
const (
	whoamiAccount = `query WhoAmI { me { name email } }`
	whoamiProject = `query WhoAmI { projectToken { projectId environmentId } }`
)

// WhoAmI runs the token test query that fits the token kind.
func (c *Client) WhoAmI(ctx context.Context) (Identity, error) {
	id, err := c.whoami(ctx)
	return id, c.redactor().Error(err)
}

func (c *Client) whoami(ctx context.Context) (Identity, error) {
	if c.Credentials.Token == "" {
		return Identity{}, &UsageError{Msg: fmt.Sprintf("--whoami needs a token: set %s (account or workspace token) or %s (project token), or pass --token", EnvAPIToken, EnvProjectToken)}
	}
	query := whoamiAccount
	if c.Credentials.Kind == Project {
		query = whoamiProject
	}
	resp, err := c.do(ctx, Request{Query: query, OperationName: "WhoAmI"})
	if err != nil {
		return Identity{}, err
	}
	if !resp.HasData() {
		what := "the token test query"
		if c.Credentials.Kind != Project {
			what += " (me { name email }: a workspace token has no user; try --token-kind project for a project token)"
		}
		return Identity{}, &GraphQLErrors{Endpoint: SafeEndpoint(c.Endpoint), What: what, Messages: c.messages(resp)}
	}
	var data struct {
		Me *struct {
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"me"`
		ProjectToken *struct {
			ProjectID     string `json:"projectId"`
			EnvironmentID string `json:"environmentId"`
		} `json:"projectToken"`
	}
	if err := json.Unmarshal(resp.Data, &data); err != nil {
		return Identity{}, fmt.Errorf("%s: unexpected answer to the token test query: %w", SafeEndpoint(c.Endpoint), err)
	}
	switch {
	case data.Me != nil:
		return Identity{Kind: Bearer, Name: data.Me.Name, Email: data.Me.Email}, nil
	case data.ProjectToken != nil:
		return Identity{Kind: Project, ProjectID: data.ProjectToken.ProjectID, EnvironmentID: data.ProjectToken.EnvironmentID}, nil
	}
	return Identity{}, fmt.Errorf("%s: the token test query returned no identity", SafeEndpoint(c.Endpoint))
}
