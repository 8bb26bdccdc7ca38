// Package outbound is the one HTTP layer for every request schemawatch
// makes to another host — introspecting an API, publishing to GitHub,
// and whatever comes next: an http.RoundTripper that retries what is worth
// retrying, honours the server's rate limits (Retry-After,
// X-RateLimit-Remaining and X-RateLimit-Reset) on an injected clock, bounds
// every wait, and scopes each credential to the one origin it belongs to,
// so that a redirect elsewhere never carries a secret along.
package outbound

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jonboulle/clockwork"
)

// Backoff bounds: the first retry waits about backoffBase, each next one
// twice as long, none more than backoffCap.
const (
	backoffBase = 500 * time.Millisecond
	backoffCap  = 30 * time.Second
)

// RetryCount reads a retry setting as every command takes it: 0 means the
// default, a negative count means none.
func RetryCount(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	}
	return n
}

// Transport is an http.RoundTripper that wraps Next. Its zero fields mean:
// http.DefaultTransport, the real clock, no retries, no wait allowed, no
// attempt timeout, no log. A Transport is safe for concurrent use.
//
// What is repeated: a rate-limited answer (429, or whatever RateLimited
// says) always, since the server did not carry the request out; a 5xx
// answer, a connection failure or an attempt timeout only when Retry says
// the request may be repeated. Either way only while the body can be sent
// again (GetBody), at most MaxRetries times per request.
type Transport struct {
	Next  http.RoundTripper
	Clock clockwork.Clock
	// MaxRetries is how often one request is repeated, all causes together.
	MaxRetries int
	// MaxWait is the longest single wait a server may ask for; a request
	// whose server asks for more fails at once with a *RateLimitError.
	MaxWait time.Duration
	// AttemptTimeout bounds each attempt, reading the body included.
	AttemptTimeout time.Duration
	// Retry reports whether a request that failed with a 5xx answer, a
	// connection failure or a timeout may be sent again — whether it is
	// idempotent. Nil: never.
	Retry func(*http.Request) bool
	// RateLimited reports whether a response is the server saying "slow
	// down", and what kind of limit, for messages. Nil: 429 alone, kind "".
	RateLimited func(*http.Response) (limited bool, kind string)
	// RateLimitFallback is the wait for a rate-limited answer that names
	// none; zero for exponential backoff.
	RateLimitFallback time.Duration
	// Credentials are scoped to their origins for every request; requests
	// may add more with WithCredential.
	Credentials []Credential
	// Jitter returns a number in [0, 1) that spreads backoff waits; nil is
	// math/rand. Tests fix it.
	Jitter func() float64
	Logger *slog.Logger

	mu        sync.Mutex
	notBefore map[string]time.Time // per origin: the rate limit is spent until then
}

// RoundTrip sends req, repeating it as described on Transport.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	header := t.scope(req)
	origin := Origin(req.URL)
	counter, _ := ctx.Value(attemptsKey{}).(*Attempts)
	for retry := 0; ; retry++ {
		if err := t.waitForReset(ctx, req, origin); err != nil {
			return nil, err
		}
		if retry > 0 && req.Body != nil && req.Body != http.NoBody {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(ctx)
			req.Body = body
		}
		if counter != nil {
			counter.n.Add(1)
		}
		resp, err := t.attempt(req, header)
		var next *retryPlan
		if err != nil {
			if next, err = t.afterFailure(ctx, req, retry, err); err != nil {
				return nil, err
			}
		} else if next, resp, err = t.afterAnswer(req, resp, retry, origin); next == nil {
			return resp, err
		}
		if err := t.pause(ctx, req, next.wait, next.why, append(next.attrs, slog.Int("retry", retry+1))...); err != nil {
			return nil, err
		}
	}
}

// retryPlan is the wait before another attempt, and why, for the log.
type retryPlan struct {
	wait  time.Duration
	why   string
	attrs []slog.Attr
}

// afterFailure plans another attempt after one that got no answer, or
// returns the error when there is to be none.
func (t *Transport) afterFailure(ctx context.Context, req *http.Request, retry int, err error) (*retryPlan, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if retry >= t.MaxRetries || !t.repeatable(req) || !Transient(err) {
		return nil, err
	}
	return &retryPlan{wait: t.backoff(retry + 1), why: "request failed, retrying", attrs: []slog.Attr{slog.String("error", err.Error())}}, nil
}

// afterAnswer plans another attempt after an answer that asks for one, or
// returns what the caller gets: the answer, or the error of a wait too
// long or of retries spent.
func (t *Transport) afterAnswer(req *http.Request, resp *http.Response, retry int, origin string) (*retryPlan, *http.Response, error) {
	limited, kind := t.rateLimited(resp)
	serverError := resp.StatusCode >= 500 && t.repeatable(req)
	if !limited && !serverError {
		t.noteReset(origin, resp.Header)
		return nil, resp, nil
	}
	wait, told := RetryDelay(resp.Header, t.clock().Now())
	limit := &RateLimitError{URL: safe(req.URL), Status: resp.StatusCode, Kind: kind, Wait: wait, MaxWait: t.MaxWait}
	switch {
	case told && wait > t.MaxWait:
		discard(resp)
		return nil, nil, limit
	case retry >= t.MaxRetries || !rewindable(req):
		if !limited {
			return nil, resp, nil // the caller reports the server error
		}
		discard(resp)
		limit.Exhausted = true
		return nil, nil, limit
	case !told && limited && t.RateLimitFallback > 0:
		wait = t.RateLimitFallback
	case !told || !limited:
		// A server error is backed off from even when it names a shorter
		// wait: it is not a quota that resets.
		wait = max(wait, t.backoff(retry+1))
	}
	discard(resp)
	why := "server error, retrying"
	if limited {
		why = "rate limited; waiting as the server asks"
	}
	return &retryPlan{wait: wait, why: why, attrs: []slog.Attr{slog.Int("status", resp.StatusCode), slog.String("limit", kind)}}, nil, nil
}

// attempt makes one attempt, bounded by AttemptTimeout until its body is
// closed.
func (t *Transport) attempt(req *http.Request, header http.Header) (*http.Response, error) {
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if t.AttemptTimeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.AttemptTimeout)
	}
	out := req.Clone(ctx)
	out.Header = header
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	resp, err := next.RoundTrip(out)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// repeatable reports whether a failed attempt of req may be made again.
func (t *Transport) repeatable(req *http.Request) bool {
	return t.Retry != nil && t.Retry(req) && rewindable(req)
}

// rewindable reports whether req's body can be sent again.
func rewindable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

func (t *Transport) rateLimited(resp *http.Response) (bool, string) {
	if t.RateLimited != nil {
		return t.RateLimited(resp)
	}
	return resp.StatusCode == http.StatusTooManyRequests, ""
}

func (t *Transport) clock() clockwork.Clock {
	if t.Clock == nil {
		return clockwork.NewRealClock()
	}
	return t.Clock
}

func (t *Transport) log() *slog.Logger {
	if t.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return t.Logger
}

// backoff is exponential backoff with "equal jitter": half the delay fixed,
// half random, so retries spread out but never come back at once.
func (t *Transport) backoff(retry int) time.Duration {
	d := backoffCap
	if retry <= 16 {
		d = min(backoffBase<<(retry-1), backoffCap)
	}
	jitter := rand.Float64
	if t.Jitter != nil {
		jitter = t.Jitter
	}
	return d/2 + time.Duration(jitter()*float64(d/2))
}

// pause logs why and waits d on the clock, or until ctx is done.
func (t *Transport) pause(ctx context.Context, req *http.Request, d time.Duration, why string, attrs ...slog.Attr) error {
	args := []any{slog.String("method", req.Method), slog.String("url", safe(req.URL)), slog.String("wait", d.String())}
	for _, a := range attrs {
		args = append(args, a)
	}
	t.log().Warn(why, args...)
	return Sleep(ctx, t.clock(), d)
}

// Sleep waits d on clock, or until ctx is done: clockwork's Sleep cannot
// be interrupted.
func Sleep(ctx context.Context, clock clockwork.Clock, d time.Duration) error {
	timer := clock.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.Chan():
		return nil
	}
}

// noteReset remembers when a server says the budget is spent, so that the
// next request to it waits for the reset instead of being refused.
func (t *Transport) noteReset(origin string, h http.Header) {
	if h.Get("X-RateLimit-Remaining") != "0" {
		return
	}
	now := t.clock().Now()
	reset, ok := ParseRateLimitReset(h.Get("X-RateLimit-Reset"), now)
	if !ok || !reset.After(now) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.notBefore == nil {
		t.notBefore = map[string]time.Time{}
	}
	t.notBefore[origin] = reset
}

func (t *Transport) waitForReset(ctx context.Context, req *http.Request, origin string) error {
	t.mu.Lock()
	reset := t.notBefore[origin]
	t.mu.Unlock()
	wait := reset.Sub(t.clock().Now())
	if wait <= 0 {
		return nil
	}
	if wait > t.MaxWait {
		return &RateLimitError{URL: safe(req.URL), Wait: wait, MaxWait: t.MaxWait}
	}
	if err := t.pause(ctx, req, wait, "rate limit spent; waiting for the reset"); err != nil {
		return err
	}
	t.mu.Lock()
	if t.notBefore[origin].Equal(reset) {
		delete(t.notBefore, origin)
	}
	t.mu.Unlock()
	return nil
}

// discard reads what is left of a response that will not be used, so that
// its connection can serve the next attempt.
func discard(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// Attempts counts the attempts a Transport makes for the requests of a
// context, for messages such as "after 3 attempts".
type Attempts struct{ n atomic.Int64 }

type attemptsKey struct{}

// CountAttempts returns a context in which a Transport counts its attempts
// into the returned counter.
func CountAttempts(ctx context.Context) (context.Context, *Attempts) {
	a := &Attempts{}
	return context.WithValue(ctx, attemptsKey{}, a), a
}

// Count returns the number of attempts so far.
func (a *Attempts) Count() int { return int(a.n.Load()) }
