package outbound_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"1000000000000", outbound.Forever, true}, // 1e12 s overflows a Duration: main waited a negative time
		{"99999999999999999999999", outbound.Forever, true},
		{"+Inf", 0, false},
		{"Inf", 0, false},
		{"NaN", 0, false},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"0x10", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := outbound.ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestParseRateLimitReset(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		wantOK bool
	}{
		{"1764158400", time.Unix(1764158400, 0), true},
		{"1764158400000", time.UnixMilli(1764158400000), true},
		{"30", now.Add(30 * time.Second), true},
		{"1.5", now.Add(1500 * time.Millisecond), true},
		{"1e300", time.Time{}, false},
		{"99999999999999999999", time.Time{}, false},
		{"+Inf", time.Time{}, false},
		{"-1", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := outbound.ParseRateLimitReset(tt.in, now)
		if !got.Equal(tt.want) || ok != tt.wantOK {
			t.Errorf("ParseRateLimitReset(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	reset := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
		wantOK bool
	}{
		{"Retry-After first", map[string]string{"Retry-After": "3", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(time.Hour)}, 3 * time.Second, true},
		{"reset, a second late for clock skew", map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(time.Minute)}, time.Minute + time.Second, true},
		{"reset without a remaining count", map[string]string{"X-RateLimit-Reset": reset(time.Minute)}, time.Minute + time.Second, true},
		{"reset in the past is no wait", map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(-time.Minute)}, 0, false},
		{"budget left: the reset is not a wait", map[string]string{"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": reset(time.Minute)}, 0, false},
		{"garbage Retry-After falls to the reset", map[string]string{"Retry-After": "-1", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset(time.Minute)}, time.Minute + time.Second, true},
		{"nothing", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got, ok := outbound.RetryDelay(h, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("RetryDelay = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// FuzzRateLimitHeaders: whatever a server sends, a wait is never negative
// and a reset is never read as a wait in the past.
func FuzzRateLimitHeaders(f *testing.F) {
	for _, seed := range []string{"7", "0", "1000000000000", "+Inf", "-1", "NaN", "1.5", "1764158400", "1764158400000", "Wed, 26 Nov 2026 12:01:30 GMT", "1e300", ""} {
		f.Add(seed, seed)
	}
	f.Fuzz(func(t *testing.T, retryAfter, reset string) {
		if wait, ok := outbound.ParseRetryAfter(retryAfter, now); wait < 0 || (!ok && wait != 0) {
			t.Errorf("ParseRetryAfter(%q) = %v, %v", retryAfter, wait, ok)
		}
		if at, ok := outbound.ParseRateLimitReset(reset, now); ok && (at.Year() > 9999 || at.Year() < 1970) {
			t.Errorf("ParseRateLimitReset(%q) = %v", reset, at)
		}
		h := http.Header{"Retry-After": {retryAfter}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {reset}}
		if wait, ok := outbound.RetryDelay(h, now); wait < 0 || (ok && wait == 0 && retryAfter == "") {
			t.Errorf("RetryDelay(%q, %q) = %v, %v", retryAfter, reset, wait, ok)
		}
	})
}
