// Package outboundtest holds test doubles for code that waits through
// package outbound: a clock on which every wait passes at once.
package outboundtest

import (
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
)

// Clock is a clockwork fake clock on which every timer fires as soon as it
// is made, moving the time on by its duration, and which records the
// durations asked for. Code that waits for a rate limit of an hour runs in
// no time, and the test reads what it waited. Tests that need to see code
// block use clockwork.FakeClock with BlockUntilContext and Advance instead.
type Clock struct {
	*clockwork.FakeClock

	mu    sync.Mutex
	waits []time.Duration
}

var _ clockwork.Clock = (*Clock)(nil)

// NewClock returns a Clock that starts at now.
func NewClock(now time.Time) *Clock {
	return &Clock{FakeClock: clockwork.NewFakeClockAt(now)}
}

func (c *Clock) record(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
}

// NewTimer returns a timer that has fired: the clock moved on by d.
func (c *Clock) NewTimer(d time.Duration) clockwork.Timer {
	c.record(d)
	t := c.FakeClock.NewTimer(d)
	c.FakeClock.Advance(d)
	return t
}

// After returns a channel that holds the time d from now, which it is.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	return c.NewTimer(d).Chan()
}

// Sleep moves the clock on by d.
func (c *Clock) Sleep(d time.Duration) {
	c.record(d)
	c.FakeClock.Advance(d)
}

// Waits returns the waits asked of the clock, in order.
func (c *Clock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}
