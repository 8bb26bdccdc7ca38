package introspect

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/redact"
)

// The errors below are what the client returns; each reads as one line that
// says what happened and what to do. None carries a secret: endpoints are
// printed through SafeEndpoint, headers by name only.

// AuthError is a 401 or 403, or a GraphQL error that says the request was
// not authorized.
type AuthError struct {
	Endpoint      string
	Status        int
	Header        string    // the header the token went in
	Kind          TokenKind // the kind of token sent, if any
	Source        string    // where the token came from: an environment variable or --token
	TokenSent     bool
	Withheld      string // why a token that is set was not sent, and how to send it
	ServerMessage string
}

func (e *AuthError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s rejected the request (%s)", e.Endpoint, statusText(e.Status))
	if e.ServerMessage != "" {
		fmt.Fprintf(&b, ": %q", e.ServerMessage)
	}
	if !e.TokenSent {
		if e.Withheld != "" {
			fmt.Fprintf(&b, "; no token was sent: %s", e.Withheld)
			return b.String()
		}
		if e.Source != "" {
			fmt.Fprintf(&b, "; no token was sent: set %s (its token goes in the %s header)", e.Source, e.Header)
			return b.String()
		}
		fmt.Fprintf(&b, "; no token was sent: set %s to an account or workspace token (sent as Authorization: Bearer), or %s to a project token (sent as Project-Access-Token)", EnvAPIToken, EnvProjectToken)
		return b.String()
	}
	kind := "bearer token"
	if e.Kind == Project {
		kind = "project token"
	}
	fmt.Fprintf(&b, "; the %s sent in the %s header", kind, e.Header)
	if e.Source != "" {
		fmt.Fprintf(&b, " (from %s)", e.Source)
	}
	if e.Status == http.StatusForbidden {
		b.WriteString(" was accepted but may not make this request")
	} else {
		b.WriteString(" was not accepted")
	}
	if e.Kind == Project {
		fmt.Fprintf(&b, ": check %s holds a valid project token, or set %s to an account or workspace token and use --token-kind bearer", EnvProjectToken, EnvAPIToken)
	} else {
		fmt.Fprintf(&b, ": check %s holds a valid account or workspace token, or set %s to a project token and use --token-kind project", EnvAPIToken, EnvProjectToken)
	}
	return b.String()
}

// RateLimitError is a wait the client would not sit out: a rate limit, or
// a server error whose Retry-After asks for longer than --max-wait.
type RateLimitError struct {
	Endpoint  string
	Status    int // 0 when an earlier answer said the budget was spent
	Wait      time.Duration
	MaxWait   time.Duration
	Exhausted bool // still limited after every retry
}

func (e *RateLimitError) Error() string {
	if e.Exhausted {
		return fmt.Sprintf("%s kept answering %s after every retry; try again later", e.Endpoint, statusText(e.Status))
	}
	what := "is rate limiting this token: the server"
	if e.Status >= 500 {
		what = fmt.Sprintf("answered %s and", statusText(e.Status))
	}
	return fmt.Sprintf("%s %s asks to wait %s, more than --max-wait %s; run again later or raise --max-wait",
		e.Endpoint, what, outbound.FormatWait(e.Wait), e.MaxWait)
}

// NetworkError is a request that got no HTTP response, after retries.
type NetworkError struct {
	Endpoint string
	Attempts int
	Err      error
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("could not reach %s after %d attempt(s): %v", e.Endpoint, e.Attempts, e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// HTTPError is a response that is not a usable GraphQL response: a 5xx after
// retries, another unexpected status, an HTML page, a body that is not JSON.
type HTTPError struct {
	Endpoint string
	Status   int
	Detail   string
	NotJSON  bool
	Attempts int
}

func (e *HTTPError) Error() string {
	after := ""
	if e.Attempts > 1 {
		after = fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	return fmt.Sprintf("%s answered %s%s: %s", e.Endpoint, statusText(e.Status), after, e.Detail)
}

// TooLargeError is a response over the size cap.
type TooLargeError struct {
	Endpoint string
	Limit    int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s sent a response larger than %d MiB; refusing to read it (is this a GraphQL endpoint?)", e.Endpoint, e.Limit>>20)
}

// UsageError is a request that cannot be made as configured.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// GraphQLErrors is a GraphQL response that carries errors and no data.
type GraphQLErrors struct {
	Endpoint string
	What     string // what was asked, e.g. "introspection"
	Messages []string
}

func (e *GraphQLErrors) Error() string {
	return fmt.Sprintf("%s: %s failed: %s", e.Endpoint, e.What, redact.Excerpt(strings.Join(e.Messages, "; "), 500))
}

// IntrospectionDisabledError is a server that refuses introspection.
type IntrospectionDisabledError struct {
	Endpoint string
	Message  string
}

func (e *IntrospectionDisabledError) Error() string {
	return fmt.Sprintf("%s does not allow introspection (%q); use a token that may introspect, or load a saved schema with --from FILE", e.Endpoint, e.Message)
}

func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return fmt.Sprintf("HTTP %d %s", status, t)
	}
	return fmt.Sprintf("HTTP %d", status)
}
