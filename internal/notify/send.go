package notify

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/redact"
)

// Sending defaults.
const (
	DefaultTimeout    = 10 * time.Second
	DefaultMaxWait    = time.Minute
	DefaultMaxRetries = 3
)

// Sender posts payloads to webhook URLs through the shared HTTP layer
// (internal/outbound): retried, rate-limited, and with the URL's user
// information sent as a credential scoped to the URL's origin. A redirect
// to another origin is not followed: the payload and the credential stay
// with the host the URL names. A Sender is safe for concurrent use.
type Sender struct {
	// HTTPClient is the client below the outbound layer; nil for defaults.
	HTTPClient *http.Client
	Clock      clockwork.Clock
	// Timeout bounds each attempt, MaxWait a rate-limit wait; MaxRetries
	// is how often a failed post is repeated (0: the defaults; negative
	// MaxRetries: none).
	Timeout, MaxWait time.Duration
	MaxRetries       int
	Logger           *slog.Logger
}

// Send posts payload as JSON to rawURL. Its error names neither the URL
// nor any part of it: a webhook URL is a secret (Slack's path is its key),
// so it says only the origin and what went wrong.
func (s *Sender) Send(ctx context.Context, rawURL string, payload []byte) error {
	red := redact.New(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("not an http(s) URL (want https://host/path)")
	}
	red.Add(u.Path, u.RawPath, u.RawQuery, u.EscapedPath())
	if p, ok := u.User.Password(); ok {
		red.Add(p)
	}
	origin := outbound.Origin(u)
	header := http.Header{}
	if u.User != nil {
		// Basic authentication, from the URL's user information, goes to
		// the URL's origin only; the request line never carries it.
		req := &http.Request{Header: http.Header{}}
		pass, _ := u.User.Password()
		req.SetBasicAuth(u.User.Username(), pass)
		header.Set("Authorization", req.Header.Get("Authorization"))
		red.Add(u.User.Username(), header.Get("Authorization"))
		u.User = nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(payload))
	if err != nil {
		return red.Error(fmt.Errorf("post to %s: %w", origin, err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "schemawatch")
	// The layer below logs its retries with the URL's path: Slack's key.
	var log *slog.Logger
	if s.Logger != nil {
		log = slog.New(red.Handler(s.Logger.Handler()))
	}
	resp, err := s.client(outbound.Credential{Origin: origin, Header: header}, log).Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // it quotes the URL
		}
		return red.Error(fmt.Errorf("post to %s: %w", origin, err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		msg := fmt.Sprintf("post to %s: HTTP %d", origin, resp.StatusCode)
		if text := red.Excerpt(string(body), 120); text != "" {
			msg += ": " + text
		}
		return errors.New(msg)
	}
	return nil
}

// errOtherOrigin refuses a redirect away from the webhook's origin.
var errOtherOrigin = errors.New("the webhook redirected to another origin; not followed (the payload and any credential stay with the configured host)")

func (s *Sender) client(cred outbound.Credential, log *slog.Logger) *http.Client {
	hc := &http.Client{}
	if s.HTTPClient != nil {
		*hc = *s.HTTPClient
	}
	retries := outbound.RetryCount(s.MaxRetries, DefaultMaxRetries)
	t := &outbound.Transport{
		Next:           hc.Transport,
		Clock:          s.Clock,
		MaxRetries:     retries,
		MaxWait:        cmp.Or(s.MaxWait, DefaultMaxWait),
		AttemptTimeout: cmp.Or(s.Timeout, DefaultTimeout),
		// A post repeated after a 5xx or a lost connection may reach the
		// channel twice; a notification lost is a breaking change nobody
		// hears of. The duplicate is the lesser harm.
		Retry:  func(*http.Request) bool { return true },
		Logger: log,
	}
	if len(cred.Header) > 0 {
		t.Credentials = []outbound.Credential{cred}
	}
	hc.Transport = t
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if outbound.Origin(req.URL) != cred.Origin {
			return errOtherOrigin
		}
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		return nil
	}
	return hc
}
