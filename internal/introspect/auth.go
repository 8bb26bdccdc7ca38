package introspect

import (
	"fmt"
	"net/url"
	"strings"
)

// TokenKind says how a token is sent.
type TokenKind string

// Railway's token kinds (https://docs.railway.com/reference/public-api).
const (
	// Bearer covers account, workspace and OAuth tokens: Authorization: Bearer <token>.
	Bearer TokenKind = "bearer"
	// Project is a project token: Project-Access-Token: <token>.
	Project TokenKind = "project"
)

// The environment variables Railway's own CLI reads.
const (
	EnvAPIToken     = "RAILWAY_API_TOKEN" // account or workspace token (bearer)
	EnvProjectToken = "RAILWAY_TOKEN"     // project token
)

// DefaultEndpoint is Railway's public GraphQL API.
const DefaultEndpoint = "https://backboard.railway.com/graphql/v2"

// ParseTokenKind reads a --token-kind value.
func ParseTokenKind(s string) (TokenKind, error) {
	switch TokenKind(strings.ToLower(s)) {
	case Bearer:
		return Bearer, nil
	case Project:
		return Project, nil
	}
	return "", fmt.Errorf("unknown token kind %q: want bearer (account, workspace or OAuth token) or project", s)
}

// Credentials is a token and how to send it. The zero value sends nothing.
type Credentials struct {
	Token string
	Kind  TokenKind
	// Source says where the token came from, for messages: an environment
	// variable's name or "--token". Never the token itself.
	Source string
}

// Header returns the header name and value that carry the token.
func (c Credentials) Header() (name, value string) {
	if c.Kind == Project {
		return "Project-Access-Token", c.Token
	}
	return "Authorization", "Bearer " + c.Token
}

// EnvVar is the environment variable that holds this kind of token.
func (k TokenKind) EnvVar() string {
	if k == Project {
		return EnvProjectToken
	}
	return EnvAPIToken
}

// ResolveCredentials picks the token to send, from flags first and then
// from Railway's environment variables.
//
//   - flagToken set: it is sent as flagKind (bearer when unset).
//   - otherwise, with flagKind set: the environment variable of that kind.
//   - otherwise RAILWAY_API_TOKEN as bearer, else RAILWAY_TOKEN as project.
//
// A token from the environment is only sent to Railway's own hosts unless a
// kind was asked for explicitly: pointing --endpoint at another API must not
// hand it a Railway token.
func ResolveCredentials(endpoint, flagToken, flagKind string, getenv func(string) string) (Credentials, error) {
	var kind TokenKind
	if flagKind != "" {
		k, err := ParseTokenKind(flagKind)
		if err != nil {
			return Credentials{}, err
		}
		kind = k
	}
	if flagToken != "" {
		if kind == "" {
			kind = Bearer
		}
		return Credentials{Token: strings.TrimSpace(flagToken), Kind: kind, Source: "--token"}, nil
	}
	if kind == "" && !IsRailwayEndpoint(endpoint) {
		return Credentials{}, nil
	}
	if kind != "" {
		if tok := strings.TrimSpace(getenv(kind.EnvVar())); tok != "" {
			return Credentials{Token: tok, Kind: kind, Source: kind.EnvVar()}, nil
		}
		return Credentials{Kind: kind, Source: kind.EnvVar()}, nil
	}
	if tok := strings.TrimSpace(getenv(EnvAPIToken)); tok != "" {
		return Credentials{Token: tok, Kind: Bearer, Source: EnvAPIToken}, nil
	}
	if tok := strings.TrimSpace(getenv(EnvProjectToken)); tok != "" {
		return Credentials{Token: tok, Kind: Project, Source: EnvProjectToken}, nil
	}
	return Credentials{}, nil
}

// IsRailwayEndpoint reports whether the endpoint is one of Railway's API
// hosts.
func IsRailwayEndpoint(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "backboard.railway.com" || host == "backboard.railway.app"
}

// SafeEndpoint is the endpoint as it may be printed or stored: without user
// information, query string or fragment, any of which may hold a secret.
func SafeEndpoint(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "(unparsable endpoint)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}
