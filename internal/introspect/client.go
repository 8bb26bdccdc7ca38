// Package introspect is the client that fetches a schema from a GraphQL
// endpoint: Railway's tokens and which host may receive them, GraphQL
// responses and their failures, and an introspection query that falls back one capability at a
// time when the server does not know a newer introspection field.
package introspect

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/slurp"
)

// Defaults for the Client's zero fields.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxRetries       = 4
	DefaultMaxWait          = 2 * time.Minute
	DefaultMaxResponseBytes = 64 << 20
)

// Client sends GraphQL requests to one endpoint, through the shared
// outbound layer: its credentials — the token and every extra header — go
// to the endpoint's origin only, never along a redirect elsewhere. Its
// zero fields take the defaults above. A Client is safe for concurrent use
// once its fields are set; it keeps the server's rate-limit state between
// requests.
type Client struct {
	Endpoint    string
	Credentials Credentials
	// Headers are sent with every request. Their values are treated as
	// secrets: they never appear in errors or logs, and go to the
	// endpoint's origin only.
	Headers http.Header
	// HTTPClient is the client below the outbound layer: its Transport,
	// redirect policy and cookie jar are used; nil for the defaults.
	HTTPClient       *http.Client
	Timeout          time.Duration // per attempt
	MaxRetries       int           // retries of transient failures (5xx, resets, timeouts) and of 429s; negative for none
	MaxWait          time.Duration // the longest single wait a rate limit may ask for
	MaxResponseBytes int64
	Clock            clockwork.Clock // nil for the real clock
	Jitter           func() float64  // in [0, 1); tests fix it
	Logger           *slog.Logger
	UserAgent        string

	once sync.Once
	http *http.Client
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

func (c *Client) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// httpClient is the client's HTTP client, made on first use so that the
// rate-limit state of its transport lasts as long as the Client.
func (c *Client) httpClient() *http.Client {
	c.once.Do(func() {
		hc := &http.Client{}
		if c.HTTPClient != nil {
			*hc = *c.HTTPClient
		}
		maxRetries := outbound.RetryCount(c.MaxRetries, DefaultMaxRetries)
		t := &outbound.Transport{
			Next:           hc.Transport,
			Clock:          c.Clock,
			MaxRetries:     maxRetries,
			MaxWait:        cmp.Or(c.MaxWait, DefaultMaxWait),
			AttemptTimeout: cmp.Or(c.Timeout, DefaultTimeout),
			// Every request of this client is a query: sending one twice
			// changes nothing.
			Retry:  func(*http.Request) bool { return true },
			Jitter: c.Jitter,
			Logger: c.logger(),
		}
		if cred, err := outbound.ScopeTo(c.Endpoint, c.credentialHeaders()); err == nil {
			t.Credentials = []outbound.Credential{cred}
		}
		hc.Transport = t
		c.http = hc
	})
	return c.http
}

// credentialHeaders are the token's header and the extra headers, which
// replace any header of the same name.
func (c *Client) credentialHeaders() http.Header {
	h := http.Header{}
	if c.Credentials.Token != "" {
		name, value := c.Credentials.Header()
		h.Set(name, value)
	}
	for name, values := range c.Headers {
		h.Del(name)
		for _, v := range values {
			h.Add(name, v)
		}
	}
	return h
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
	answer, err := c.fetch(ctx, req)
	if err != nil {
		return nil, err
	}
	return c.parse(answer.status, answer.header, answer.body)
}

// answer is an HTTP answer that came back whole and was no failure of
// the server's or of the credentials'.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// fetch sends a request and reads its answer (see Do); parse reads the
// body as a GraphQL response.
func (c *Client) fetch(ctx context.Context, req Request) (*answer, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	u, err := outbound.ParseHTTPURL(c.Endpoint)
	if err != nil {
		return nil, &UsageError{Msg: "invalid endpoint: " + err.Error()}
	}
	endpoint := SafeEndpoint(c.Endpoint)
	ctx, attempts := outbound.CountAttempts(ctx)
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, &UsageError{Msg: "invalid endpoint " + endpoint}
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Accept", "application/graphql-response+json, application/json;q=0.9")
	if c.UserAgent != "" {
		httpReq.Header.Set("User-Agent", c.UserAgent)
	}
	resp, err := c.httpClient().Do(httpReq)
	if err != nil {
		return nil, c.requestError(ctx, endpoint, attempts.Count(), err)
	}
	defer resp.Body.Close()
	limit := cmp.Or(c.MaxResponseBytes, DefaultMaxResponseBytes)
	respBody, err := readBody(resp, limit)
	if err != nil {
		return nil, c.requestError(ctx, endpoint, attempts.Count(), err)
	}
	if int64(len(respBody)) > limit {
		return nil, &TooLargeError{Endpoint: endpoint, Limit: limit}
	}
	switch status := resp.StatusCode; {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return nil, c.authError(status, c.serverMessage(respBody))
	case status >= 500:
		return nil, &HTTPError{Endpoint: endpoint, Status: status, Detail: c.describeBody(resp.Header, respBody), Attempts: attempts.Count()}
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: respBody}, nil
}

// readBody reads up to limit+1 bytes of the body (more than limit means
// too large) into one buffer sized from Content-Length, so that a large
// answer is not copied from buffer to buffer as it grows. The header is
// trusted only up to the limit; a wrong one costs a regrowth or some
// unused capacity, never a wrong body.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	return slurp.Append(nil, resp.Body, int(max(resp.ContentLength, 0)), int(limit+1))
}

// requestError is a request that got no usable answer. The *url.Error of
// net/http is taken off: it repeats the whole URL, query string included.
func (c *Client) requestError(ctx context.Context, endpoint string, attempts int, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var limit *outbound.RateLimitError
	switch {
	case errors.As(err, &limit):
		return &RateLimitError{Endpoint: endpoint, Status: limit.Status, Wait: limit.Wait, MaxWait: limit.MaxWait, Exhausted: limit.Exhausted}
	case ctx.Err() != nil:
		return fmt.Errorf("request to %s: %w", endpoint, ctx.Err())
	}
	return &NetworkError{Endpoint: endpoint, Attempts: max(attempts, 1), Err: err}
}

// parse reads a response body that should be a GraphQL JSON response.
func (c *Client) parse(status int, h http.Header, body []byte) (*Response, error) {
	// 400 and 422 are how GraphQL-over-HTTP servers answer a query they
	// reject, with the reasons as GraphQL errors; any other 4xx is about the
	// request itself (wrong path, wrong method).
	if status >= 300 && status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: c.describeBody(h, body), NotJSON: looksLikeHTML(h, body), Attempts: 1}
	}
	if looksLikeHTML(h, body) {
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: c.describeBody(h, body), NotJSON: true, Attempts: 1}
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
			return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: c.describeBody(h, body), Attempts: 1}
		}
		return nil, &HTTPError{Endpoint: SafeEndpoint(c.Endpoint), Status: status, Detail: `the JSON body has neither "data" nor "errors": not a GraphQL response`, NotJSON: true, Attempts: 1}
	}
	if !resp.HasData() && isAuthFailure(resp.Errors) {
		return nil, c.authError(status, c.redactor().Excerpt(strings.Join(resp.Messages(), "; "), 300))
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
		Withheld:      c.Credentials.Withheld,
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

var htmlTitle = lazyregexp.New(`(?is)<title[^>]*>(.*?)</title>`)

// describeBody says in one line what an unexpected body was: an HTML page
// (with its title, which is how proxies name their errors) or the start of
// the text, secrets masked.
func (c *Client) describeBody(h http.Header, body []byte) string {
	if looksLikeHTML(h, body) {
		if m := htmlTitle.FindSubmatch(body); m != nil {
			return fmt.Sprintf("the server sent an HTML page, not JSON (a proxy's error page?): %q", c.redactor().Excerpt(string(m[1]), 120))
		}
		return "the server sent an HTML page, not JSON (a proxy's error page?)"
	}
	if msg := c.serverMessage(body); msg != "" {
		return msg
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "empty body"
	}
	return fmt.Sprintf("body starts %q", c.redactor().Excerpt(string(body), 120))
}

// serverMessage extracts the error messages of a GraphQL-style error body,
// secrets masked.
func (c *Client) serverMessage(body []byte) string {
	var r Response
	if json.Unmarshal(body, &r) != nil || len(r.Errors) == 0 {
		return ""
	}
	return c.redactor().Excerpt(strings.Join(r.Messages(), "; "), 300)
}

// messages are a response's error messages, secrets masked, for errors
// and logs that cut them short.
func (c *Client) messages(r *Response) []string {
	red := c.redactor()
	msgs := r.Messages()
	for i, m := range msgs {
		msgs[i] = red.String(m)
	}
	return msgs
}
