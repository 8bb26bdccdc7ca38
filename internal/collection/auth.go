package collection

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// AuthKind is how a collection's requests authenticate.
type AuthKind string

// The ways to authenticate.
const (
	// AuthAuto is AuthRailway for Railway's endpoints and AuthBearer for
	// every other.
	AuthAuto AuthKind = ""
	// AuthBearer sends the token variable as Authorization: Bearer.
	AuthBearer AuthKind = "bearer"
	// AuthHeader sends the token variable in the header Auth.Header.
	AuthHeader AuthKind = "header"
	// AuthNone sends no token.
	AuthNone AuthKind = "none"
	// AuthRailway is Railway's two ways: an account or workspace token as
	// a bearer token, or a project token in a Project-Access-Token header
	// that every request has, disabled.
	AuthRailway AuthKind = "railway"
)

// Auth says how requests authenticate.
type Auth struct {
	Kind AuthKind
	// Header names the header of AuthHeader, such as X-Api-Key.
	Header string
}

// headerName is what an HTTP header name may be (RFC 9110 token).
var headerName = lazyregexp.New("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// ParseAuth reads an auth setting: bearer, header:NAME, none or railway;
// empty for AuthAuto.
func ParseAuth(s string) (Auth, error) {
	kind, header, hasHeader := strings.Cut(strings.TrimSpace(s), ":")
	a := Auth{Kind: AuthKind(strings.ToLower(kind))}
	switch a.Kind {
	case AuthAuto, AuthBearer, AuthNone, AuthRailway:
		if hasHeader {
			return Auth{}, fmt.Errorf("auth %q: only header:NAME takes a name", s)
		}
		return a, nil
	case AuthHeader:
		a.Header = header
		return a, a.check()
	}
	return Auth{}, fmt.Errorf("auth %q: want bearer, header:NAME, none or railway", s)
}

// check reports an Auth that cannot be laid out.
func (a Auth) check() error {
	switch a.Kind {
	case AuthAuto, AuthBearer, AuthNone, AuthRailway:
		return nil
	case AuthHeader:
		if a.Header == "" {
			return fmt.Errorf("auth header: name the header, as header:NAME (header:X-Api-Key)")
		}
		if !headerName.MatchString(a.Header) {
			return fmt.Errorf("auth header %q: not a header name", a.Header)
		}
		return nil
	}
	return fmt.Errorf("auth %q: want bearer, header:NAME, none or railway", a.Kind)
}

// resolve turns AuthAuto into the endpoint's way.
func (a Auth) resolve(endpoint string) Auth {
	if a.Kind != AuthAuto {
		return a
	}
	if u, err := url.Parse(endpoint); err == nil && isRailwayHost(u.Hostname()) {
		return Auth{Kind: AuthRailway}
	}
	return Auth{Kind: AuthBearer}
}

// isRailwayHost reports whether host is one of Railway's API hosts.
func isRailwayHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "backboard.railway.com" || host == "backboard.railway.app"
}

// credentialHeaders are headers that carry credentials: Config.Headers may
// not set them, since a collection never holds a secret.
var credentialHeaders = []string{"Authorization", "Cookie", "Proxy-Authorization", "Project-Access-Token", "X-Api-Key", "Api-Key"}

// CarriesCredentials reports whether a header carries credentials, which a
// collection never holds: Config.Headers may not set it.
func CarriesCredentials(name string) bool {
	return slices.Contains(credentialHeaders, http.CanonicalHeaderKey(name))
}

// checkHeaders checks the configured headers: header names, no
// credentials, no header the collection sets itself.
func checkHeaders(headers map[string]string, auth Auth) error {
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		canonical := http.CanonicalHeaderKey(name)
		switch {
		case !headerName.MatchString(name):
			return fmt.Errorf("header %q: not a header name", name)
		case CarriesCredentials(name) || (auth.Kind == AuthHeader && strings.EqualFold(name, auth.Header)):
			return fmt.Errorf("header %s carries credentials, which a collection never holds; leave it out (users set the token variable)", canonical)
		case canonical == "Content-Type":
			return fmt.Errorf("header %s: the collection sets it", canonical)
		}
	}
	return nil
}

// headerVariable names the variable that holds a configured header's
// value: header_X_Api_Version for X-Api-Version.
func headerVariable(name string) string {
	return "header_" + strings.Map(func(r rune) rune {
		if r == '-' || !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return '_'
		}
		return r
	}, name)
}

// configuredHeader is a configured header and its variable.
type configuredHeader struct{ name, variable, value string }

// configuredHeaders returns the configured headers in name order.
func (c Config) configuredHeaders() []configuredHeader {
	var out []configuredHeader
	for _, name := range slices.Sorted(maps.Keys(c.Headers)) {
		out = append(out, configuredHeader{name, headerVariable(name), c.Headers[name]})
	}
	return out
}
