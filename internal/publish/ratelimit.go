package publish

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

// GitHub's rate limits are waited out below go-github, in the outbound
// layer, so that every call the publisher makes is covered without a retry
// loop around each. That works on the HTTP exchange rather than on
// go-github's errors because go-github remembers a limit it has seen and
// refuses further calls by the wall clock until the reset; waiting below
// it, on the injected clock, go-github only ever sees the answer after the
// wait. A rate-limited request was not carried out, so repeating it — even
// a POST — cannot do anything twice. What this file adds is GitHub's
// reading of its answers: which 403s are limits, and which limit.

// The kinds of limit githubRateLimit names.
const (
	primaryLimit   = "primary"
	secondaryLimit = "secondary"
)

// secondaryFallback is the wait for a limit that names none: "at least
// one minute", as GitHub's documentation says.
const secondaryFallback = time.Minute

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
		kind, outbound.FormatWait(e.Wait), e.MaxWait)
}

// asRateLimitError turns the outbound layer's refusal to wait into GitHub's
// terms.
func asRateLimitError(err error) (*RateLimitError, bool) {
	var limit *outbound.RateLimitError
	if !errors.As(err, &limit) {
		return nil, false
	}
	return &RateLimitError{Secondary: limit.Kind == secondaryLimit, Wait: limit.Wait, MaxWait: limit.MaxWait, Exhausted: limit.Exhausted}, true
}

// githubRateLimit reports whether resp is GitHub saying "slow down", and
// which limit. Whether a 403 is a rate limit is go-github's call (a
// primary limit has X-RateLimit-Remaining 0, a secondary one points at the
// secondary-limits documentation); 429 always is. The wait follows
// GitHub's documented order, which is the outbound layer's: Retry-After if
// present; else, when the remaining budget is 0, until X-RateLimit-Reset;
// else secondaryFallback.
func githubRateLimit(resp *http.Response) (limited bool, kind string) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return false, ""
	}
	// CheckResponse reads the body and puts it back.
	err := github.CheckResponse(resp)
	var primaryErr *github.RateLimitError
	var secondaryErr *github.AbuseRateLimitError
	if resp.StatusCode == http.StatusForbidden && !errors.As(err, &primaryErr) && !errors.As(err, &secondaryErr) {
		return false, ""
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		return true, primaryLimit
	}
	return true, secondaryLimit
}
