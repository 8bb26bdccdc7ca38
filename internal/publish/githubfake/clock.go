package githubfake

import (
	"time"

	"github.com/schemawatch/schemawatch/internal/outbound/outboundtest"
)

// Clock is the clock shared by the fake server (which dates commits and
// computes rate-limit reset times from it) and the client under test
// (which waits on it): a clockwork fake clock on which every wait passes
// at once, recorded, so that a test of a one-hour rate-limit wait takes no
// time at all.
type Clock = outboundtest.Clock

// NewClock returns a clock that starts at now.
func NewClock(now time.Time) *Clock { return outboundtest.NewClock(now) }
