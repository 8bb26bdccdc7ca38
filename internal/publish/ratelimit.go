package publish

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/schemawatch/schemawatch/internal/introspect"
)

// rateLimitTransport waits out GitHub's rate limits below go-github, so
// that every call the publisher makes is covered without a retry loop
// around each. It works on the HTTP exchange rather than on go-github's
// errors because go-github remembers a limit it has seen and refuses
// further calls by the wall clock until the reset; waiting here, on the
// injected clock, go-github only ever sees the answer after the wait. A
// rate-limited request was not carried out, so repeating it — even a POST —
// cannot do anything twice.
type rateLimitTransport struct {
	next       http.RoundTripper
	clock      introspect.Clock
	maxWait    time.Duration
	maxRetries int
	log        *slog.Logger
}

// RateLimitError is a rate limit the publisher would not wait out: the
// wait GitHub asked for was longer than the configured maximum, or GitHub
// kept answering with a limit after every retry.
type RateLimitError struct {
	Secondary bool // the secondary ("abuse") limit, not the hourly budget
	Wait      time.Duration
	MaxWait   time.Duration
	Exhausted bool
}

func (e *RateLimitError) Error() string {
	kind := "primary (hourly)"
	if e.Secondary {
		kind = "secondary"
	}
	if e.Exhausted {
		return fmt.Sprintf("GitHub's %s rate limit still held after every retry; run again later", kind)
	}
	return fmt.Sprintf("GitHub's %s rate limit asks to wait %s, longer than the %s a run waits; run again later",
		kind, e.Wait.Round(time.Second), e.MaxWait)
}

func (t *rateLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for retry := 0; ; retry++ {
		resp, err := t.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		wait, secondary, limited := rateLimitWait(resp, t.clock.Now())
		if !limited {
			return resp, nil
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case wait > t.maxWait:
			return nil, &RateLimitError{Secondary: secondary, Wait: wait, MaxWait: t.maxWait}
		case retry >= t.maxRetries || (req.Body != nil && req.GetBody == nil):
			return nil, &RateLimitError{Secondary: secondary, Wait: wait, MaxWait: t.maxWait, Exhausted: true}
		}
		t.log.Warn("GitHub rate limit; waiting as it asks", "method", req.Method, "path", req.URL.Path,
			"secondary", secondary, "wait", wait.String(), "retry", retry+1)
		if err := t.clock.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
	}
}

// rateLimitWait reports whether resp is GitHub saying "slow down", and how
// long it asks to wait. Whether a 403 is a rate limit is go-github's call
// (a primary limit has X-RateLimit-Remaining 0, a secondary one points at
// the secondary-limits documentation); 429 always is. The wait follows
// GitHub's documented order: Retry-After if present; else, when the
// remaining budget is 0, until X-RateLimit-Reset (plus a second for clock
// skew); else at least a minute.
func rateLimitWait(resp *http.Response, now time.Time) (wait time.Duration, secondary, limited bool) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return 0, false, false
	}
	// CheckResponse reads the body and puts it back.
	err := github.CheckResponse(resp)
	var primaryErr *github.RateLimitError
	var secondaryErr *github.AbuseRateLimitError
	if resp.StatusCode == http.StatusForbidden && !errors.As(err, &primaryErr) && !errors.As(err, &secondaryErr) {
		return 0, false, false
	}
	remaining := resp.Header.Get("X-RateLimit-Remaining")
	secondary = remaining != "0"
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, secondary, true
	}
	if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil && remaining == "0" {
		return max(time.Unix(reset, 0).Sub(now), 0) + time.Second, secondary, true
	}
	return time.Minute, secondary, true
}
