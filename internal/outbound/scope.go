package outbound

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Credential is a set of request headers — a token, an API key, any value
// that grants access — that may be sent to one origin only. The Transport
// adds them to requests for that origin and removes them from every other
// request, so that a redirect to another host, port or scheme never
// carries them along, whoever set them.
type Credential struct {
	// Origin is scheme://host:port, as Origin returns it.
	Origin string
	Header http.Header
}

// ScopeTo returns a Credential for the origin of rawURL.
func ScopeTo(rawURL string, header http.Header) (Credential, error) {
	u, err := ParseHTTPURL(rawURL)
	if err != nil {
		return Credential{}, err
	}
	return Credential{Origin: Origin(u), Header: header}, nil
}

type credentialKey struct{}

// WithCredential returns a context whose requests through a Transport carry
// c's headers when, and only when, they go to c's origin. It is how one
// Transport serves several services, each with its own secret.
func WithCredential(ctx context.Context, c Credential) context.Context {
	prev, _ := ctx.Value(credentialKey{}).([]Credential)
	return context.WithValue(ctx, credentialKey{}, append(prev[:len(prev):len(prev)], c))
}

// Origin is a URL's scheme, host and port, lowercased and with the
// scheme's default port made explicit: two URLs with the same origin may
// share a credential; any difference, even http against https, and they
// may not.
func Origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + ":" + port
}

// scope returns req's headers with every credential's headers removed and
// those of the credentials for req's origin put back.
func (t *Transport) scope(req *http.Request) http.Header {
	creds := append(t.Credentials[:len(t.Credentials):len(t.Credentials)], credentialsOf(req.Context())...)
	if len(creds) == 0 {
		return req.Header
	}
	h := req.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	for _, c := range creds {
		for name := range c.Header {
			h.Del(name)
		}
	}
	origin := Origin(req.URL)
	for _, c := range creds {
		if c.Origin != origin {
			continue
		}
		for name, values := range c.Header {
			for _, v := range values {
				h.Add(name, v)
			}
		}
	}
	return h
}

func credentialsOf(ctx context.Context) []Credential {
	creds, _ := ctx.Value(credentialKey{}).([]Credential)
	return creds
}

// SafeURL is a URL as it may be printed, logged or stored: without user
// information, query string or fragment, any of which may hold a secret.
func SafeURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return safe(u)
}

func safe(u *url.URL) string {
	c := *u
	c.User = nil
	c.RawQuery = ""
	c.ForceQuery = false
	c.Fragment = ""
	c.RawFragment = ""
	return c.String()
}

// URLSecrets returns the parts of a URL that may hold a secret — the user
// information's password and the query values long enough to be keys —
// for a redactor: the net under SafeURL for text that quotes a URL some
// other way. Short values (format=json) are left out: masking them would
// mask common words everywhere and protect nothing.
func URLSecrets(rawURL string) []string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil
	}
	var secrets []string
	if p, ok := u.User.Password(); ok {
		secrets = append(secrets, p)
	}
	for _, values := range u.Query() {
		for _, v := range values {
			if len(v) >= minQuerySecret {
				secrets = append(secrets, v)
			}
		}
	}
	return secrets
}

// minQuerySecret is the shortest query value URLSecrets takes for a key.
const minQuerySecret = 12

// ParseHTTPURL parses an http or https URL with a host. Its error never
// quotes the URL past its path: user information and query strings hold
// secrets (https://user:pass@…, ?api_key=…), and a parse error of
// net/url would repeat the whole text.
func ParseHTTPURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("not a valid URL: %s", parseProblem(err))
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		if u.Scheme == "" {
			return nil, errors.New("not an http(s) URL: " + noScheme)
		}
		return nil, fmt.Errorf("%s is not an http(s) URL", safe(u))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%s is not an http(s) URL: it has no host", safe(u))
	}
	return u, nil
}

// noScheme is what to do about a URL without a scheme, the commonest
// slip: "api.example.com/graphql" for "https://api.example.com/graphql".
const noScheme = "it has no scheme: add https:// in front (https://host/path)"

// parseProblem says what is wrong with an unparsable URL without quoting
// it: net/url's messages include the offending text.
func parseProblem(err error) string {
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	switch {
	case strings.Contains(msg, "escape"):
		return "it has a % not followed by two hex digits"
	case strings.Contains(msg, "control character"):
		return "it contains a control character (a newline?)"
	case strings.Contains(msg, "port"):
		return "its port is not a number"
	case strings.Contains(msg, "missing protocol scheme"), strings.Contains(msg, "colon"):
		return noScheme
	case strings.Contains(msg, "IPv6"), strings.Contains(msg, "bracket"):
		return "its host is not a valid IPv6 address"
	}
	return "it cannot be parsed"
}
