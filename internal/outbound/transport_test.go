package outbound_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

// answer is one scripted response.
type answer struct {
	status int
	header map[string]string
}

// script serves its answers in order, the last one repeating, and counts
// the requests.
type script struct {
	mu      sync.Mutex
	answers []answer
	calls   int
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	a := s.answers[min(s.calls, len(s.answers)-1)]
	s.calls++
	s.mu.Unlock()
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(a.status)
	fmt.Fprintf(w, "answer %d", a.status)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

type result struct {
	resp *http.Response
	err  error
}

// exchange is one request in flight on a fake clock: the test sees each
// wait the transport starts (BlockUntilContext) and lets time pass
// (Advance).
type exchange struct {
	t     *testing.T
	clock *clockwork.FakeClock
	done  chan result
	res   *result
}

func start(t *testing.T, tr *outbound.Transport, clock *clockwork.FakeClock, method, url string) *exchange {
	t.Helper()
	tr.Clock = clock
	e := &exchange{t: t, clock: clock, done: make(chan result, 1)}
	req, err := http.NewRequest(method, url, strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if resp != nil {
			resp.Body.Close()
		}
		e.done <- result{resp, err}
	}()
	return e
}

// next reports whether the request is now waiting on the clock (true) or
// has finished (false).
func (e *exchange) next() bool {
	e.t.Helper()
	if e.res != nil {
		return false
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	blocked := make(chan error, 1)
	go func() { blocked <- e.clock.BlockUntilContext(ctx, 1) }()
	select {
	case r := <-e.done:
		e.res = &r
		return false
	case <-blocked:
		return true
	}
}

// wait checks that the request waits exactly d, and lets d pass.
func (e *exchange) wait(d time.Duration) {
	e.t.Helper()
	if !e.next() {
		e.t.Fatalf("finished (%v) instead of waiting %v", e.res.err, d)
	}
	e.clock.Advance(d - time.Nanosecond)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// A waiter that is still there is found at once, even with ctx done.
	if err := e.clock.BlockUntilContext(ctx, 1); err != nil {
		e.t.Fatalf("the wait was shorter than %v", d)
	}
	e.clock.Advance(time.Nanosecond)
}

// finish checks that the request ends without another wait.
func (e *exchange) finish() result {
	e.t.Helper()
	if e.next() {
		e.t.Fatal("waited again instead of finishing")
	}
	return *e.res
}

func TestRetryArithmetic(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	past := strconv.FormatInt(now.Add(-time.Hour).Unix(), 10)
	future := strconv.FormatInt(now.Add(time.Minute).Unix(), 10)
	ok := answer{status: 200}
	limited := func(h map[string]string) answer { return answer{status: 429, header: h} }
	tests := []struct {
		name    string
		answers []answer
		waits   []time.Duration
		status  int    // of the final answer, when it succeeds
		wantErr string // otherwise
		calls   int
	}{
		// Each of these overflowed on main to a negative wait: five
		// immediate retries, then "kept answering 429".
		{"Retry-After too large for a Duration fails fast", []answer{limited(map[string]string{"Retry-After": "1000000000000"})},
			nil, 0, "HTTP 429 asks to wait indefinitely, longer than the 2m0s allowed", 1},
		{"Retry-After +Inf is garbage: backoff", []answer{limited(map[string]string{"Retry-After": "+Inf"}), ok},
			[]time.Duration{250 * time.Millisecond}, 200, "", 2},
		{"negative Retry-After is garbage: backoff", []answer{limited(map[string]string{"Retry-After": "-30"}), ok},
			[]time.Duration{250 * time.Millisecond}, 200, "", 2},
		{"garbage Retry-After: backoff grows", []answer{limited(map[string]string{"Retry-After": "soon"}), limited(map[string]string{"Retry-After": "soon"}), ok},
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond}, 200, "", 3},
		// On main a past reset was a wait of 0: every retry at once.
		{"reset in the past: backoff, not at once", []answer{limited(map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": past}), ok},
			[]time.Duration{250 * time.Millisecond}, 200, "", 2},
		{"reset to come, a second late", []answer{limited(map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": future}), ok},
			[]time.Duration{61 * time.Second}, 200, "", 2},
		// On main a 503 asking for an hour waited --max-wait before every
		// retry where a 429 failed at once.
		{"503 with a far Retry-After fails fast like a 429", []answer{{status: 503, header: map[string]string{"Retry-After": "3600"}}},
			nil, 0, "HTTP 503 asks to wait 1h0m0s, longer than the 2m0s allowed", 1},
		{"503 with a near Retry-After waits it", []answer{{status: 503, header: map[string]string{"Retry-After": "9"}}, ok},
			[]time.Duration{9 * time.Second}, 200, "", 2},
		{"503 every time: the last answer is the caller's", []answer{{status: 503}},
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}, 503, "", 4},
		{"429 every time", []answer{limited(map[string]string{"Retry-After": "1"})},
			[]time.Duration{time.Second, time.Second, time.Second}, 0, "still rate limited (HTTP 429) after every retry", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{answers: tt.answers}
			srv := httptest.NewServer(s)
			defer srv.Close()
			tr := &outbound.Transport{MaxRetries: 3, MaxWait: 2 * time.Minute, Jitter: func() float64 { return 0 },
				Retry: func(*http.Request) bool { return true }}
			e := start(t, tr, clockwork.NewFakeClockAt(now), http.MethodPost, srv.URL+"/graphql")
			for i, d := range tt.waits {
				if e.next() && s.count() != i+1 {
					t.Errorf("before wait %d: %d requests, want %d", i+1, s.count(), i+1)
				}
				e.wait(d)
			}
			res := e.finish()
			switch {
			case tt.wantErr != "":
				var limit *outbound.RateLimitError
				if !errors.As(res.err, &limit) || !strings.Contains(res.err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want a RateLimitError saying %q", res.err, tt.wantErr)
				}
			case res.err != nil:
				t.Errorf("err = %v", res.err)
			case res.resp.StatusCode != tt.status:
				t.Errorf("status %d, want %d", res.resp.StatusCode, tt.status)
			}
			if s.count() != tt.calls {
				t.Errorf("%d requests, want %d", s.count(), tt.calls)
			}
		})
	}
}

// TestServerErrorsOfUnsafeRequestsAreNotRepeated: without Retry, a 5xx
// goes back to the caller after one attempt; a rate limit is still waited
// out, since the server did not carry the request out.
func TestServerErrorsOfUnsafeRequestsAreNotRepeated(t *testing.T) {
	s := &script{answers: []answer{{status: 429, header: map[string]string{"Retry-After": "2"}}, {status: 502}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr := &outbound.Transport{MaxRetries: 3, MaxWait: time.Minute}
	e := start(t, tr, clockwork.NewFakeClock(), http.MethodPost, srv.URL)
	e.wait(2 * time.Second)
	res := e.finish()
	if res.err != nil || res.resp.StatusCode != 502 || s.count() != 2 {
		t.Errorf("got %v, %v after %d requests; want the 502 after 2", res.resp, res.err, s.count())
	}
}

// TestSpentBudgetDelaysTheNextRequest: a success that says the budget is
// spent makes the next request to that origin wait for the reset.
func TestSpentBudgetDelaysTheNextRequest(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	reset := strconv.FormatInt(clock.Now().Add(42*time.Second).Unix(), 10)
	s := &script{answers: []answer{{status: 200, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}}, {status: 200}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	tr := &outbound.Transport{MaxWait: time.Minute}
	if res := start(t, tr, clock, http.MethodGet, srv.URL).finish(); res.err != nil {
		t.Fatal(res.err)
	}
	e := start(t, tr, clock, http.MethodGet, srv.URL)
	e.wait(42 * time.Second)
	if res := e.finish(); res.err != nil || s.count() != 2 {
		t.Errorf("second request: %v, %d requests", res.err, s.count())
	}
}

// TestLogLinesHoldNoQuery: the URL in a retry warning has no query string
// (which may hold an API key) and no user information.
func TestLogLinesHoldNoQuery(t *testing.T) {
	s := &script{answers: []answer{{status: 503}, {status: 429}, {status: 200}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var logs bytes.Buffer
	tr := &outbound.Transport{MaxRetries: 3, MaxWait: time.Minute, Retry: func(*http.Request) bool { return true },
		Jitter: func() float64 { return 0 }, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	u := strings.Replace(srv.URL, "http://", "http://user:pass-secret@", 1) + "/graphql?api_key=key-secret"
	e := start(t, tr, clockwork.NewFakeClock(), http.MethodPost, u)
	e.wait(250 * time.Millisecond)
	e.wait(500 * time.Millisecond)
	if res := e.finish(); res.err != nil {
		t.Fatal(res.err)
	}
	if strings.Contains(logs.String(), "secret") || !strings.Contains(logs.String(), "/graphql") {
		t.Errorf("log lines:\n%s", logs.String())
	}
}
