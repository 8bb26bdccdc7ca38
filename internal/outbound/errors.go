package outbound

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// RateLimitError is a wait the Transport would not sit out: the server
// asked for longer than MaxWait, or still refused after every retry.
type RateLimitError struct {
	URL       string // without user information or query
	Status    int    // the answer's status; 0 when the limit was learnt from an earlier answer
	Kind      string // what RateLimited named the limit, if anything
	Wait      time.Duration
	MaxWait   time.Duration
	Exhausted bool // still limited after every retry
}

func (e *RateLimitError) Error() string {
	what := "the server"
	if e.Status != 0 {
		what = fmt.Sprintf("HTTP %d", e.Status)
	}
	if e.Exhausted {
		return fmt.Sprintf("%s: still rate limited (%s) after every retry", e.URL, what)
	}
	return fmt.Sprintf("%s: %s asks to wait %s, longer than the %s allowed", e.URL, what, FormatWait(e.Wait), e.MaxWait)
}

// FormatWait prints a wait for a message; Forever is "indefinitely".
func FormatWait(d time.Duration) string {
	if d >= Forever/2 {
		return "indefinitely"
	}
	return d.Round(time.Second).String()
}

// Transient reports whether a failed attempt is worth another: timeouts,
// resets, refused or dropped connections. A name that does not resolve is
// not: it will not resolve in a second either.
func Transient(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
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
