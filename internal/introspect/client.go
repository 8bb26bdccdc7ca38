// Package introspect is the HTTP client that fetches a schema from a
// GraphQL endpoint: Railway's auth headers, its rate limits, retries with
// backoff, and an introspection query that falls back one capability at a
// time when the server does not know a newer introspection field.
package introspect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schemawatch/schemawatch/internal/redact"
)

// Defaults for the Client's zero fields.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxRetries       = 4
	DefaultMaxWait          = 2 * time.Minute
	DefaultMaxResponseBytes = 64 << 20
	backoffBase             = 500 * time.Millisecond
	backoffCap              = 30 * time.Second
)

// Clock is the client's view of time, so that tests of waits never sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Client sends GraphQL requests to one endpoint. Its zero fields take the
// defaults above; a Client is not safe for concurrent use (it keeps the
// server's rate-limit state between requests).
type Client struct {
	Endpoint    string
	Credentials Credentials
	// Headers are sent with every request. Their values are treated as
	// secrets: they never appear in errors or logs.
	Headers          http.Header
	HTTPClient       *http.Client
	Timeout          time.Duration // per attempt
	MaxRetries       int           // retries of transient failures (5xx, resets, timeouts) and of 429s; negative for none
	MaxWait          time.Duration // the longest single wait a rate limit may ask for
	MaxResponseBytes int64
	Clock            Clock
	Jitter           func() float64 // in [0, 1); tests fix it
	Logger           *slog.Logger
	UserAgent        string

	notBefore time.Time // set when the server says the rate limit is spent
}

// Request is a GraphQL request.
type Request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
}

// Response is a GraphQL response that came back as JSON.
type Response struct {
	Data   json.RawMessage `json:"data"`
	Errors []GraphQLError  `json:"errors"`
	// Body is the raw response body.
	Body []byte `json:"-"`
}

// HasData reports whether the response carries a non-null data object.
func (r *Response) HasData() bool {
	return len(r.Data) > 0 && string(r.Data) != "null"
}

// GraphQLError is one entry of a response's errors.
type GraphQLError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Messages returns the error messages.
func (r *Response) Messages() []string {
	msgs := make([]string, 0, len(r.Errors))
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	return msgs
}

func (c *Client) clock() Clock {
	if c.Clock == nil {
		return SystemClock{}
	}
	return c.Clock
}

func (c *Client) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// redactor masks the token and every extra header value.
func (c *Client) redactor() *redact.Redactor {
	r := redact.New(c.Credentials.Token)
	for _, vs := range c.Headers {
		r.Add(vs...)
	}
	return r
}

// Do sends a request and returns the server's JSON response, retrying what
// is worth retrying: 5xx answers, connection failures and timeouts with
// exponential backoff and jitter, 429 answers after the wait the server asks
// for. A response that is not JSON, an authentication failure and every
// other failure are returned as errors that say what to do; none of them
// contains a secret.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	resp, err := c.do(ctx, req)
	return resp, c.redactor().Error(err)
}

func (c *Client) do(ctx context.Context, req Request) (*Response, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	maxRetries := c.MaxRetries
	switch {
	case maxRetries == 0:
		maxRetries = DefaultMaxRetries
	case maxRetries < 0:
		maxRetries = 0
	}
	retries := 0
	for {
		if err := c.waitForRateLimit(ctx); err != nil {
			return nil, err
		}
		status, header, respBody, err := c.send(ctx, body)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("request to %s: %w", SafeEndpoint(c.Endpoint), ctx.Err())
			}
			if retries < maxRetries && transient(err) {
				retries++
				if err := c.backoff(ctx, retries, 0, "request failed", err); err != nil {
					return nil, err
				}
				continue
			}
			return nil, &NetworkError{Endpoint: SafeEndpoint(c.Endpoint), Attempts: retries + 1, Err: err}
		}
		c.noteRateLimit(header)

		switch {
		case status == http.StatusTooManyRequests:
			wait, told := c.retryAfter(header)
			if !told {
				wait = backoffDelay(retries+1, c.jitter())
			}
			if wait > orDefault(c.MaxWait, DefaultMaxWait) {
				return nil, &RateLimitError{Endpoint: SafeEndpoint(c.Endpoint), Wait: wait, MaxWait: orDefault(c.MaxWait, DefaultMaxWait)}
			}
			if retries >= maxRetries {
				return nil, &RateLimitError{Endpoint: SafeEndpoint(c.Endpoint), Wait: wait, MaxWait: orDefault(c.MaxWait, DefaultMaxWait), Exhausted: true}
			}
			retries++
			c.logger().Warn("rate limited, waiting as the server asks", "status", status, "wait", wait.String(), "retry", retries)
			if err := c.clock().Sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return nil, c.authError(status, serverMessage(respBody))
		case status >= 500:
			if retries < maxRetries {
				retries++
				wait, told := c.retryAfter(header)
				if !told {
					wait = 0
				}
				if err := c.backoff(ctx, retries, wait, "server error", fmt.Errorf("HTTP %d", status)); err != nil {
					return nil, err
				}
				continue
			}
			return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: describeBody(header, respBody), Attempts: retries + 1}
		}
		return c.parse(status, header, respBody)
	}
}

// send makes one attempt, bounded by the per-attempt timeout and by the
// response size cap.
func (c *Client) send(ctx context.Context, body []byte) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, orDefault(c.Timeout, DefaultTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, &UsageError{Msg: fmt.Sprintf("invalid endpoint %q: %v", SafeEndpoint(c.Endpoint), err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json;q=0.9")
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	if c.Credentials.Token != "" {
		name, value := c.Credentials.Header()
		req.Header.Set(name, value)
	}
	for name, values := range c.Headers {
		req.Header.Del(name)
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	limit := orDefault(c.MaxResponseBytes, DefaultMaxResponseBytes)
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return 0, nil, nil, err
	}
	if int64(len(data)) > limit {
		return 0, nil, nil, &TooLargeError{Endpoint: SafeEndpoint(c.Endpoint), Limit: limit}
	}
	return resp.StatusCode, resp.Header, data, nil
}

// transient reports whether a failed attempt is worth another: timeouts,
// resets, refused or dropped connections. A response over the size cap and
// an unusable endpoint are not.
func transient(err error) bool {
	var tooLarge *TooLargeError
	var usage *UsageError
	if errors.As(err, &tooLarge) || errors.As(err, &usage) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		// A name that does not exist will not exist in a second either.
		return !dnsErr.IsNotFound
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr)
}

func (c *Client) jitter() float64 {
	if c.Jitter != nil {
		return c.Jitter()
	}
	return rand.Float64()
}

// backoffDelay is exponential backoff with "equal jitter": half the delay
// fixed, half random, so retries spread out but never come back at once.
func backoffDelay(retry int, jitter float64) time.Duration {
	d := backoffBase << (retry - 1)
	if d > backoffCap || d <= 0 {
		d = backoffCap
	}
	return d/2 + time.Duration(jitter*float64(d/2))
}

func (c *Client) backoff(ctx context.Context, retry int, atLeast time.Duration, what string, cause error) error {
	wait := max(backoffDelay(retry, c.jitter()), atLeast)
	if maxWait := orDefault(c.MaxWait, DefaultMaxWait); wait > maxWait {
		wait = maxWait
	}
	c.logger().Warn(what+", retrying", "error", cause.Error(), "wait", wait.String(), "retry", retry)
	return c.clock().Sleep(ctx, wait)
}

// noteRateLimit remembers when the server says the limit is spent, so that
// the next request waits for the reset instead of hammering the server.
func (c *Client) noteRateLimit(h http.Header) {
	if strings.TrimSpace(h.Get("X-RateLimit-Remaining")) != "0" {
		return
	}
	if reset, ok := c.resetTime(h.Get("X-RateLimit-Reset")); ok {
		c.notBefore = reset
	}
}

func (c *Client) waitForRateLimit(ctx context.Context) error {
	wait := c.notBefore.Sub(c.clock().Now())
	if wait <= 0 {
		return nil
	}
	if maxWait := orDefault(c.MaxWait, DefaultMaxWait); wait > maxWait {
		return &RateLimitError{Endpoint: SafeEndpoint(c.Endpoint), Wait: wait, MaxWait: maxWait}
	}
	c.logger().Warn("rate limit spent, waiting for the reset", "wait", wait.String())
	if err := c.clock().Sleep(ctx, wait); err != nil {
		return err
	}
	c.notBefore = time.Time{}
	return nil
}

// retryAfter reads Retry-After (seconds or an HTTP date), falling back to
// X-RateLimit-Reset.
func (c *Client) retryAfter(h http.Header) (time.Duration, bool) {
	now := c.clock().Now()
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
			return time.Duration(secs * float64(time.Second)), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	if reset, ok := c.resetTime(h.Get("X-RateLimit-Reset")); ok {
		return max(reset.Sub(now), 0), true
	}
	return 0, false
}

// resetTime reads X-RateLimit-Reset, which servers give as Unix seconds
// (Railway), Unix milliseconds, or seconds from now.
func (c *Client) resetTime(v string) (time.Time, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	switch {
	case n > 1e12:
		return time.UnixMilli(int64(n)), true
	case n > 1e9:
		return time.Unix(int64(n), 0), true
	default:
		return c.clock().Now().Add(time.Duration(n * float64(time.Second))), true
	}
}

// parse reads a response body that should be a GraphQL JSON response.
func (c *Client) parse(status int, h http.Header, body []byte) (*Response, error) {
	// 400 and 422 are how GraphQL-over-HTTP servers answer a query they
	// reject, with the reasons as GraphQL errors; any other 4xx is about the
	// request itself (wrong path, wrong method).
	if status >= 300 && status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: describeBody(h, body), NotJSON: looksLikeHTML(h, body), Attempts: 1}
	}
	if looksLikeHTML(h, body) {
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: describeBody(h, body), NotJSON: true, Attempts: 1}
	}
	var resp Response
	if err := json.Unmarshal(body, &resp); err != nil {
		detail := "the body is not valid JSON"
		var syn *json.SyntaxError
		if errors.As(err, &syn) || err.Error() == "unexpected end of JSON input" {
			if len(bytes.TrimSpace(body)) == 0 {
				detail = "the body is empty"
			} else if syn == nil || syn.Offset >= int64(len(body)) {
				detail = fmt.Sprintf("the JSON body ends early after %d bytes (truncated?)", len(body))
			} else {
				detail = fmt.Sprintf("the body is not valid JSON (byte %d: %v)", syn.Offset, err)
			}
		}
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: detail, NotJSON: true, Attempts: 1}
	}
	resp.Body = body
	if !resp.HasData() && len(resp.Errors) == 0 {
		if status >= 400 {
			return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: describeBody(h, body), Attempts: 1}
		}
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: `the JSON body has neither "data" nor "errors": not a GraphQL response`, NotJSON: true, Attempts: 1}
	}
	if !resp.HasData() && isAuthFailure(resp.Errors) {
		return nil, c.authError(status, strings.Join(resp.Messages(), "; "))
	}
	return &resp, nil
}

// isAuthFailure recognises an authentication failure reported as a GraphQL
// error, as Railway reports it for a bad token on a 200 response.
func isAuthFailure(errs []GraphQLError) bool {
	for _, e := range errs {
		if code, _ := e.Extensions["code"].(string); code == "UNAUTHENTICATED" || code == "FORBIDDEN" {
			return true
		}
		if strings.EqualFold(strings.TrimSpace(e.Message), "Not Authorized") {
			return true
		}
	}
	return false
}

func (c *Client) authError(status int, serverMsg string) error {
	header, _ := c.Credentials.Header()
	return &AuthError{
		Endpoint:      SafeEndpoint(c.Endpoint),
		Status:        status,
		Header:        header,
		Kind:          c.Credentials.Kind,
		Source:        c.Credentials.Source,
		TokenSent:     c.Credentials.Token != "",
		ServerMessage: serverMsg,
	}
}

func looksLikeHTML(h http.Header, body []byte) bool {
	ct := strings.ToLower(h.Get("Content-Type"))
	if strings.Contains(ct, "text/html") {
		return true
	}
	trimmed := bytes.TrimSpace(body)
	return len(trimmed) > 0 && trimmed[0] == '<'
}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// describeBody says in one line what an unexpected body was: an HTML page
// (with its title, which is how proxies name their errors) or the start of
// the text.
func describeBody(h http.Header, body []byte) string {
	if looksLikeHTML(h, body) {
		if m := htmlTitle.FindSubmatch(body); m != nil {
			return fmt.Sprintf("the server sent an HTML page, not JSON (a proxy's error page?): %q", oneLine(string(m[1]), 120))
		}
		return "the server sent an HTML page, not JSON (a proxy's error page?)"
	}
	if msg := serverMessage(body); msg != "" {
		return msg
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "empty body"
	}
	return fmt.Sprintf("body starts %q", oneLine(string(body), 120))
}

// serverMessage extracts the error messages of a GraphQL-style error body.
func serverMessage(body []byte) string {
	var r Response
	if json.Unmarshal(body, &r) != nil || len(r.Errors) == 0 {
		return ""
	}
	return oneLine(strings.Join(r.Messages(), "; "), 300)
}

func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > limit {
		s = s[:limit] + "…"
	}
	return s
}
