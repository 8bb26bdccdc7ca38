package outbound

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// Forever is the wait a header names when it names one too long to
// represent: longer than any MaxWait, so the request fails at once instead
// of the arithmetic overflowing into a negative wait.
const Forever = time.Duration(math.MaxInt64)

// resetSkew is added to a wait until X-RateLimit-Reset: the server's clock
// and ours differ, and a request a second late costs nothing while one a
// second early is refused again.
const resetSkew = time.Second

var (
	digits  = lazyregexp.New(`^[0-9]+$`)
	decimal = lazyregexp.New(`^[0-9]+(\.[0-9]+)?$`)
)

// ParseRetryAfter reads a Retry-After value (RFC 9110 §10.2.3): a number
// of seconds or an HTTP date. A date in the past is a wait of 0. A value
// that is neither — negative, fractional, "+Inf", garbage — is not a wait:
// ok is false and the caller falls back to its own delay. A number of
// seconds too large for a time.Duration is Forever.
func ParseRetryAfter(v string, now time.Time) (wait time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if digits.MatchString(v) {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil || n > uint64(Forever/time.Second) {
			return Forever, true
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// ParseRateLimitReset reads an X-RateLimit-Reset value, which servers give
// as Unix seconds (GitHub, Railway), Unix milliseconds, or seconds from
// now. Anything else — negative, "+Inf", a date past year 9999 — is not a
// reset: ok is false.
func ParseRateLimitReset(v string, now time.Time) (reset time.Time, ok bool) {
	v = strings.TrimSpace(v)
	if !decimal.MatchString(v) {
		return time.Time{}, false
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return time.Time{}, false
	}
	const year9999 = 253402300799 // Unix seconds of 9999-12-31T23:59:59Z
	switch {
	case n > year9999*1000:
		return time.Time{}, false
	case n >= 1e12:
		return time.UnixMilli(int64(n)), true
	case n > year9999:
		return time.Time{}, false
	case n >= 1e9:
		return time.Unix(int64(n), 0), true
	default:
		// Under 1e9 seconds (31 years) the product fits a Duration.
		return now.Add(time.Duration(n * float64(time.Second))), true
	}
}

// RetryDelay is how long a response asks the client to wait before trying
// again: Retry-After when it is given; else, when the budget is spent (or
// not reported), until X-RateLimit-Reset, if that is still to come. ok is
// false when the response names no usable wait; a reset already past is
// not one, so the caller backs off instead of retrying at once.
func RetryDelay(h http.Header, now time.Time) (wait time.Duration, ok bool) {
	if wait, ok := ParseRetryAfter(h.Get("Retry-After"), now); ok {
		return wait, true
	}
	if remaining := strings.TrimSpace(h.Get("X-RateLimit-Remaining")); remaining != "0" && remaining != "" {
		return 0, false
	}
	reset, ok := ParseRateLimitReset(h.Get("X-RateLimit-Reset"), now)
	if !ok || !reset.After(now) {
		return 0, false
	}
	wait = reset.Sub(now)
	if wait > Forever-resetSkew {
		return Forever, true
	}
	return wait + resetSkew, true
}
