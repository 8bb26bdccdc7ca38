package githubfake

import (
	"net/http"
	"strconv"
	"time"
)

// Failure makes the fake answer some calls of one endpoint with an error
// instead of serving them.
type Failure struct {
	Endpoint string // one of the endpoint constants
	// Nth is the call, counted from when Fail was called, that fails first
	// (default 1: the next one); Times is how many calls in a row fail from
	// there (default 1).
	Nth, Times int
	Status     int    // e.g. 502
	Message    string // the "message" of the error body
	// DocumentationURL is the error body's "documentation_url"; go-github
	// tells secondary rate limits apart by it.
	DocumentationURL string
	Header           http.Header // extra response headers, e.g. Retry-After
	// ResetIn answers as GitHub does when the primary rate limit is spent:
	// X-RateLimit-Remaining 0 and X-RateLimit-Reset ResetIn after the
	// clock's now.
	ResetIn time.Duration
	// Apply carries the request out before answering with the failure, as
	// when GitHub did the work but the answer said otherwise (or was lost).
	Apply bool
}

type pendingFailure struct {
	Failure
	wait int // calls to let through before failing
}

// Fail registers a failure.
func (s *Server) Fail(f Failure) {
	if f.Nth < 1 {
		f.Nth = 1
	}
	if f.Times < 1 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &pendingFailure{Failure: f, wait: f.Nth - 1})
}

// dueFailure counts a call of endpoint against the registered failures and
// returns the one that fails it, if any.
func (s *Server) dueFailure(endpoint string) *Failure {
	var due *Failure
	for i := 0; i < len(s.failures); i++ {
		f := s.failures[i]
		if f.Endpoint != endpoint {
			continue
		}
		if f.wait > 0 {
			f.wait--
			continue
		}
		if due == nil {
			failure := f.Failure
			due = &failure
			f.Times--
		}
		if f.Times == 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			i--
		}
	}
	return due
}

func (f *Failure) respond(header http.Header, now time.Time) (int, any) {
	for name, values := range f.Header {
		header[http.CanonicalHeaderKey(name)] = values
	}
	if f.ResetIn > 0 {
		header.Set("X-RateLimit-Remaining", "0")
		header.Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(f.ResetIn).Unix(), 10))
	}
	message := f.Message
	if message == "" {
		message = http.StatusText(f.Status)
	}
	return f.Status, errorBody(message, f.DocumentationURL)
}

// ServerError is a 5xx answer to the Nth call of endpoint.
func ServerError(endpoint string, nth, status int) Failure {
	return Failure{Endpoint: endpoint, Nth: nth, Status: status, Message: "Server Error"}
}

// PrimaryRateLimit is GitHub's answer to the Nth call of endpoint when the
// token's hourly request budget is spent: 403, X-RateLimit-Remaining 0, and
// the reset resetIn from now.
func PrimaryRateLimit(endpoint string, nth int, resetIn time.Duration) Failure {
	return Failure{
		Endpoint: endpoint, Nth: nth, Status: http.StatusForbidden, ResetIn: resetIn,
		Message:          "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
		DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit",
	}
}

// SecondaryRateLimit is GitHub's answer to the Nth call of endpoint when
// the client is going too fast: 403 with Retry-After.
func SecondaryRateLimit(endpoint string, nth int, retryAfter time.Duration) Failure {
	return Failure{
		Endpoint: endpoint, Nth: nth, Status: http.StatusForbidden,
		Header:           http.Header{"Retry-After": {strconv.Itoa(int(retryAfter / time.Second))}},
		Message:          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
		DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
	}
}

// TooManyRequests is a 429 with Retry-After, the other status GitHub
// documents for rate limits.
func TooManyRequests(endpoint string, nth int, retryAfter time.Duration) Failure {
	f := SecondaryRateLimit(endpoint, nth, retryAfter)
	f.Status, f.DocumentationURL = http.StatusTooManyRequests, ""
	return f
}
