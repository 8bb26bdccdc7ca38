package introspect

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/schemawatch/schemawatch/internal/outbound"
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
	// Withheld, when Token is empty, says which token was set but not
	// sent, and how to send it.
	Withheld string
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

// CredentialOptions is what the user said about the token to send.
type CredentialOptions struct {
	// Endpoint is where the token would go.
	Endpoint string
	// Token is a token given explicitly (--token); empty to read the
	// environment.
	Token string
	// Kind is the token kind as the user named it (--token-kind,
	// tokenKind); empty when not named. Naming it is what allows a token
	// from the environment to go to a host that is not Railway's.
	Kind string
	// EnvVar is the variable that holds the token (watch's tokenEnv);
	// empty for Railway's: RAILWAY_API_TOKEN, else RAILWAY_TOKEN.
	EnvVar string
	// Advice says how to name a kind, for the message about a withheld
	// token; nil for "pass --token-kind KIND".
	Advice func(TokenKind) string
}

// ResolveCredentials picks the token to send and how, by one policy for
// every command:
//
//   - An explicit token (--token) is sent as the named kind, bearer when
//     none is named.
//   - Otherwise the environment: EnvVar, or the variable of the named kind,
//     or RAILWAY_API_TOKEN (bearer), else RAILWAY_TOKEN (project).
//   - A token from the environment goes only to Railway's hosts unless a
//     kind was named: pointing an endpoint at another API must not hand it
//     a Railway token.
//   - No token ever goes to a Railway host over plain http://.
//
// A token withheld by this policy is not an error: Credentials.Withheld
// says which and how to send it, for the message if the server then
// refuses the request.
func ResolveCredentials(o CredentialOptions, getenv func(string) string) (Credentials, error) {
	var named TokenKind
	if o.Kind != "" {
		k, err := ParseTokenKind(o.Kind)
		if err != nil {
			return Credentials{}, err
		}
		named = k
	}
	u, err := outbound.ParseHTTPURL(o.Endpoint)
	if err != nil {
		return Credentials{}, &UsageError{Msg: "endpoint: " + err.Error()}
	}
	host := u.Hostname()
	railway := isRailwayHost(host)

	creds := Credentials{Kind: cmp.Or(named, Bearer), Source: "--token", Token: strings.TrimSpace(o.Token)}
	if creds.Token == "" {
		creds = fromEnvironment(o.EnvVar, named, getenv)
	}
	switch {
	case creds.Token == "":
		return creds, nil
	case railway && u.Scheme != "https":
		creds.Token = ""
		creds.Withheld = fmt.Sprintf("%s is set but not sent to %s over plain http://: Railway's API is served over https://, use that", creds.Source, host)
	case named == "" && !railway && creds.Source != "--token":
		creds.Token = ""
		advice := o.Advice
		if advice == nil {
			advice = func(k TokenKind) string { return "pass --token-kind " + string(k) }
		}
		creds.Withheld = fmt.Sprintf("%s is set but not sent to %s (not a Railway host); %s to send it", creds.Source, host, advice(creds.Kind))
	}
	return creds, nil
}

// fromEnvironment reads the token the options point at.
func fromEnvironment(envVar string, named TokenKind, getenv func(string) string) Credentials {
	switch {
	case envVar != "":
		return Credentials{Token: strings.TrimSpace(getenv(envVar)), Kind: cmp.Or(named, Bearer), Source: envVar}
	case named != "":
		return Credentials{Token: strings.TrimSpace(getenv(named.EnvVar())), Kind: named, Source: named.EnvVar()}
	}
	if tok := strings.TrimSpace(getenv(EnvAPIToken)); tok != "" {
		return Credentials{Token: tok, Kind: Bearer, Source: EnvAPIToken}
	}
	if tok := strings.TrimSpace(getenv(EnvProjectToken)); tok != "" {
		return Credentials{Token: tok, Kind: Project, Source: EnvProjectToken}
	}
	return Credentials{}
}

// isRailwayHost reports whether host is one of Railway's API hosts.
func isRailwayHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "backboard.railway.com" || host == "backboard.railway.app"
}

// SafeEndpoint is the endpoint as it may be printed or stored: without user
// information, query string or fragment, any of which may hold a secret.
func SafeEndpoint(endpoint string) string {
	return outbound.SafeURL(endpoint)
}
