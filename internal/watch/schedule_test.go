package watch

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// events is a slog handler that also hands every message to the test, so
// that it can wait for "cycle finished" instead of sleeping.
type events struct {
	slog.Handler
	msgs chan string
}

func (e events) Handle(ctx context.Context, r slog.Record) error {
	e.msgs <- r.Message
	return e.Handler.Handle(ctx, r)
}

// harness runs a Scheduler on a fake clock with a job the test controls.
type harness struct {
	t       *testing.T
	clock   *clockwork.FakeClock
	logs    *testsupport.Buffer
	started chan int      // receives the run number when a job starts
	release chan struct{} // a job returns when it receives from here
	jobCtx  chan context.Context
	cancel  context.CancelFunc
	served  chan error
	msgs    chan string
}

func startScheduler(t *testing.T, spec string, grace time.Duration, options ...func(*Scheduler)) *harness {
	t.Helper()
	sched, err := ParseSchedule(spec)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{
		t:       t,
		clock:   clockwork.NewFakeClockAt(time.Date(2026, 11, 26, 12, 0, 30, 0, time.UTC)),
		logs:    &testsupport.Buffer{},
		started: make(chan int, 10),
		release: make(chan struct{}),
		jobCtx:  make(chan context.Context, 10),
		served:  make(chan error, 1),
		msgs:    make(chan string, 1000),
	}
	runs := 0
	s := &Scheduler{
		Schedule: sched,
		Clock:    h.clock,
		Logger:   slog.New(events{slog.NewTextHandler(h.logs, nil), h.msgs}),
		Grace:    grace,
		Job: func(ctx context.Context) error {
			runs++
			h.started <- runs
			h.jobCtx <- ctx
			select {
			case <-h.release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		},
	}
	for _, o := range options {
		o(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.served <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		close(h.release)
	})
	return h
}

// waitForTimer blocks until the scheduler waits on n timers.
func (h *harness) waitForTimers(n int) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.clock.BlockUntilContext(ctx, n); err != nil {
		h.t.Fatalf("the scheduler never waited on %d timer(s): %v\n%s", n, err, h.logs)
	}
}

// finish lets the running cycle return and waits until the scheduler says
// it is done.
func (h *harness) finish() {
	h.t.Helper()
	h.release <- struct{}{}
	h.waitForLog("cycle finished")
}

// waitForLog waits until the scheduler logs msg.
func (h *harness) waitForLog(msg string) {
	h.t.Helper()
	for {
		select {
		case m := <-h.msgs:
			if m == msg {
				return
			}
		case <-time.After(10 * time.Second):
			h.t.Fatalf("the scheduler never logged %q\n%s", msg, h.logs)
		}
	}
}

func (h *harness) nextStart() int {
	h.t.Helper()
	select {
	case n := <-h.started:
		<-h.jobCtx
		return n
	case <-time.After(10 * time.Second):
		h.t.Fatalf("no cycle started\n%s", h.logs)
		return 0
	}
}

func TestSchedulerRunsOnSchedule(t *testing.T) {
	h := startScheduler(t, "@hourly", 0)
	h.waitForTimers(1)
	h.clock.Advance(59*time.Minute + 30*time.Second) // to 13:00:00
	if n := h.nextStart(); n != 1 {
		t.Fatalf("run %d", n)
	}
	h.finish()
	h.waitForTimers(1)
	h.clock.Advance(time.Hour)
	if n := h.nextStart(); n != 2 {
		t.Fatalf("run %d", n)
	}
	if !strings.Contains(h.logs.String(), `msg="next cycle scheduled" at=2026-11-26T14:00:00Z`) {
		t.Errorf("logs:\n%s", h.logs)
	}
}

// TestSchedulerSkipsOverlaps: a tick while a cycle runs is skipped, not
// queued.
func TestSchedulerSkipsOverlaps(t *testing.T) {
	h := startScheduler(t, "@every 1m", 0)
	h.waitForTimers(1)
	h.clock.Advance(time.Minute)
	h.nextStart()
	h.waitForTimers(1)
	h.clock.Advance(time.Minute) // the first cycle is still running
	h.waitForLog("skipping a cycle: the previous one is still running")
	select {
	case n := <-h.started:
		t.Fatalf("run %d started while run 1 was running", n)
	default:
	}
	h.finish()
	h.waitForTimers(1)
	h.clock.Advance(time.Minute)
	if n := h.nextStart(); n != 2 {
		t.Fatalf("run %d, want 2", n)
	}
}

// TestSchedulerShutdownLetsTheCycleFinish: on shutdown the running cycle
// finishes undisturbed within the grace period.
func TestSchedulerShutdownLetsTheCycleFinish(t *testing.T) {
	h := startScheduler(t, "@every 1m", time.Minute)
	h.waitForTimers(1)
	h.clock.Advance(time.Minute)
	<-h.started
	jobCtx := <-h.jobCtx
	h.cancel()
	h.waitForLog("shutting down: waiting for the running cycle")
	if jobCtx.Err() != nil {
		t.Fatal("the running cycle was cancelled at once")
	}
	h.release <- struct{}{}
	if err := <-h.served; err != nil {
		t.Fatal(err)
	}
}

// TestSchedulerAbandonsAfterGrace: a cycle that outlives the grace period
// is cancelled.
func TestSchedulerAbandonsAfterGrace(t *testing.T) {
	h := startScheduler(t, "@every 1m", 30*time.Second)
	h.waitForTimers(1)
	h.clock.Advance(time.Minute)
	<-h.started
	jobCtx := <-h.jobCtx
	h.cancel()
	h.waitForLog("shutting down: waiting for the running cycle")
	h.clock.Advance(30 * time.Second)
	if err := <-h.served; !errors.Is(err, ErrAbandoned) {
		t.Fatalf("Serve = %v, want ErrAbandoned: an abandoned cycle must not exit 0", err)
	}
	if !errors.Is(jobCtx.Err(), context.Canceled) {
		t.Error("the cycle was not cancelled after the grace period")
	}
	if !strings.Contains(h.logs.String(), "abandoning the running cycle") {
		t.Errorf("logs:\n%s", h.logs)
	}
}

// TestSchedulerSecondSignalForcesStop: a forced stop during the grace
// period abandons the cycle at once, without waiting for the grace period.
func TestSchedulerSecondSignalForcesStop(t *testing.T) {
	forced := make(chan struct{})
	h := startScheduler(t, "@every 1m", time.Hour, func(s *Scheduler) { s.Forced = forced })
	h.waitForTimers(1)
	h.clock.Advance(time.Minute)
	<-h.started
	jobCtx := <-h.jobCtx
	h.cancel()
	h.waitForLog("shutting down: waiting for the running cycle")
	close(forced)
	if err := <-h.served; !errors.Is(err, ErrAbandoned) {
		t.Fatalf("Serve = %v, want ErrAbandoned", err)
	}
	if !errors.Is(jobCtx.Err(), context.Canceled) {
		t.Error("the cycle was not cancelled by the forced stop")
	}
	if !strings.Contains(h.logs.String(), "stop forced by a second signal") {
		t.Errorf("logs:\n%s", h.logs)
	}
}

// TestSchedulerRunsAtStart: a daemon runs a cycle as it starts, then on
// the schedule; without RunAtStart it waits for the first tick.
func TestSchedulerRunsAtStart(t *testing.T) {
	h := startScheduler(t, "@hourly", 0, func(s *Scheduler) { s.RunAtStart = true })
	if n := h.nextStart(); n != 1 {
		t.Fatalf("run %d at start, want 1", n)
	}
	h.finish()
	h.waitForTimers(1)
	h.clock.Advance(59*time.Minute + 30*time.Second)
	if n := h.nextStart(); n != 2 {
		t.Fatalf("run %d at the first tick, want 2", n)
	}

	idle := startScheduler(t, "@hourly", 0)
	idle.waitForTimers(1)
	select {
	case n := <-idle.started:
		t.Fatalf("run %d started before the first tick without RunAtStart", n)
	default:
	}
}

func TestSchedulerIdleShutdown(t *testing.T) {
	h := startScheduler(t, "@daily", 0)
	h.waitForTimers(1)
	h.cancel()
	if err := <-h.served; err != nil {
		t.Fatal(err)
	}
}

func TestParseSchedule(t *testing.T) {
	for _, spec := range []string{"@hourly", "0 * * * *", "*/15 * * * *", "@every 30m", "@daily"} {
		if _, err := ParseSchedule(spec); err != nil {
			t.Errorf("%q: %v", spec, err)
		}
	}
	for _, spec := range []string{"", "hourly", "* * *", "@every banana"} {
		if _, err := ParseSchedule(spec); err == nil || !strings.Contains(err.Error(), "invalid cron spec") {
			t.Errorf("%q: err = %v", spec, err)
		}
	}
}
