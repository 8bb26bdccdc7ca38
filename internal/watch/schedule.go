package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/robfig/cron/v3"
)

// ParseSchedule parses a cron spec: five fields ("0 * * * *") or a
// descriptor ("@hourly", "@every 15m").
func ParseSchedule(spec string) (cron.Schedule, error) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("invalid cron spec %q: %v (want five fields like \"0 * * * *\", or @hourly, @daily, @every 30m)", spec, err)
	}
	return s, nil
}

// DefaultGrace is how long a running cycle may go on after shutdown is
// asked for before it is abandoned.
const DefaultGrace = 2 * time.Minute

// Scheduler runs a job on a cron schedule, never two at once.
//
// robfig/cron parses the spec and computes the times; the loop is ours
// because cron's runner reads the wall clock directly, and the daemon must be
// testable on a fake clock. Its contract is cron's SkipIfStillRunning: a tick
// that comes while the previous run is still going is skipped, not queued.
type Scheduler struct {
	Schedule cron.Schedule
	// Job is one run; its context is cancelled only when a shutdown's grace
	// period runs out.
	Job    func(ctx context.Context) error
	Clock  clockwork.Clock
	Logger *slog.Logger
	// Grace is how long a running job may finish after ctx is done
	// (default DefaultGrace). Abandoning it is safe: every write is atomic
	// and the next run repairs a half-published pull request.
	Grace time.Duration
	// RunAtStart runs the job once as Serve starts, before the first tick:
	// an hourly daemon should not sit idle for up to an hour after a
	// deploy.
	RunAtStart bool
	// Forced, when it closes during the grace period, abandons the running
	// job at once: a second SIGINT or SIGTERM. Nil never closes.
	Forced <-chan struct{}
}

// ErrAbandoned is returned by Serve when a running job was cancelled at
// shutdown, after the grace period or because the stop was forced: its work
// is unfinished, which the exit status must say.
var ErrAbandoned = errors.New("the running cycle was abandoned at shutdown; the next run finishes its work")

// Serve runs the job at every scheduled time until ctx is done, then waits
// for a running job (up to Grace) and returns.
func (s *Scheduler) Serve(ctx context.Context) error {
	clock := s.Clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	log := s.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	grace := s.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	// Jobs outlive ctx by up to the grace period, so they get their own.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()

	var running chan struct{} // closed when the current job ends; nil when idle
	runs := 0
	start := func() {
		runs++
		running = s.launch(jobCtx, clock, log, runs)
	}
	if s.RunAtStart {
		start()
	}
	for {
		next := s.Schedule.Next(clock.Now())
		if next.IsZero() {
			return fmt.Errorf("the schedule has no next time")
		}
		log.Info("next cycle scheduled", "at", next.UTC().Format(time.RFC3339))
		timer := clock.NewTimer(next.Sub(clock.Now()))
		select {
		case <-timer.Chan():
			if running != nil {
				select {
				case <-running:
					running = nil
				default:
					log.Warn("skipping a cycle: the previous one is still running", "at", next.UTC().Format(time.RFC3339))
					continue
				}
			}
			start()
		case <-ctx.Done():
			timer.Stop()
			return s.shutdown(clock, log, grace, running, cancelJobs)
		}
	}
}

// launch runs job number n in its own goroutine and returns a channel
// closed when it ends.
func (s *Scheduler) launch(ctx context.Context, clock clockwork.Clock, log *slog.Logger, n int) chan struct{} {
	done := make(chan struct{})
	go func() {
		start := clock.Now()
		log.Info("cycle started", "cycle", n)
		err := s.Job(ctx)
		// Marked done before the line that announces it, so that whoever
		// reads the line sees an idle scheduler.
		close(done)
		if err != nil {
			log.Error("cycle failed", "cycle", n, "duration", clock.Since(start).String(), "error", err.Error())
			return
		}
		log.Info("cycle finished", "cycle", n, "duration", clock.Since(start).String())
	}()
	return done
}

// shutdown waits for the running job, if any, up to the grace period or a
// forced stop, and cancels it then.
func (s *Scheduler) shutdown(clock clockwork.Clock, log *slog.Logger, grace time.Duration, running chan struct{}, cancelJobs func()) error {
	if running == nil {
		log.Info("shutting down")
		return nil
	}
	graceTimer := clock.NewTimer(grace)
	defer graceTimer.Stop()
	log.Info("shutting down: waiting for the running cycle", "grace", grace.String())
	select {
	case <-running:
		log.Info("shutting down")
		return nil
	case <-graceTimer.Chan():
		log.Warn("abandoning the running cycle: the grace period is over")
	case <-s.Forced:
		log.Warn("abandoning the running cycle: stop forced by a second signal")
	}
	cancelJobs()
	<-running
	log.Info("shutting down")
	return ErrAbandoned
}
