package watch

import (
	"context"
	"fmt"
	"maps"
	"path"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"

	"github.com/schemawatch/schemawatch/internal/history"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// The history step keeps the API's history (history.LedgerFile and the
// files made from it, docs/history.md) current in the API's history
// directory, one version per changed schema, incrementally: the committed
// ledger and the committed snapshot are all it reads.
//
// The version is dated by the cycle's clock, the UTC day, and named by that
// day. When there is no ledger yet:
//   - a first snapshot (nothing committed) starts the history with it: the
//     day it was first seen is the day it was taken;
//   - a committed snapshot without a ledger keeps the history off until it
//     is backfilled with `watch history SNAPSHOTDIR -o HISTORYDIR`: the
//     cycle cannot know when the committed snapshot was taken, and dating
//     it today would make every deprecation in it look new.

// historyStep is what the history step made: the files to commit and the
// ledger ending at this version (nil when there is no history).
type historyStep struct {
	files  map[string][]byte // repository-relative paths
	ledger *history.Ledger
}

// historyFileNames are the files of a history directory.
var historyFileNames = []string{history.LedgerFile, history.DeprecationsFile, history.ChangelogFile, history.TimelineFile}

// historyFiles are the committed history files of api, by file name.
func historyFiles(api API, committed map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for _, name := range historyFileNames {
		if data, ok := committed[path.Join(api.HistoryDir, name)]; ok {
			out[name] = data
		}
	}
	return out
}

// history runs the history step of a cycle that found live differing from
// the committed snapshot prev.
func (c *Cycle) history(ctx context.Context, api API, committed map[string][]byte, prev, live *schema.Schema) (historyStep, error) {
	step, err := updateHistory(api, committed, prev, live, c.versionDay(ctx, api, live))
	if err != nil {
		return step, fmt.Errorf("%s: %w", path.Join(api.HistoryDir, history.LedgerFile), err)
	}
	if step.ledger == nil && prev != nil && api.HistoryDir != "-" {
		c.log().Info("no history yet: backfill it with watch history to date deprecations and removals", "api", api.Name, "dir", api.HistoryDir)
	}
	return step, nil
}

// updateHistory takes live, which differs from the committed snapshot prev
// (nil on a first snapshot), into the committed history, dated day.
func updateHistory(api API, committed map[string][]byte, prev, live *schema.Schema, day string) (historyStep, error) {
	var step historyStep
	if api.HistoryDir == "-" {
		return step, nil
	}
	files := historyFiles(api, committed)
	data, ok := files[history.LedgerFile]
	if !ok && prev != nil {
		return step, nil // not backfilled yet
	}
	if ok {
		l, err := history.ParseLedger(data)
		if err != nil {
			return step, err
		}
		// A clock behind the last run must not make dates go backwards.
		if n := len(l.Versions); n > 0 && l.Versions[n-1].Date > day {
			day = l.Versions[n-1].Date
		}
	} else {
		files = nil
	}
	next, err := history.Update(files, api.Name, day, day, prev, live)
	if err != nil && ok {
		// A run killed after writing the history and before the snapshot
		// (written last) left a ledger that already ends at live: keep it.
		if kept, errKept := history.Update(files, api.Name, day, day, live, live); errKept == nil {
			next, err = kept, nil
		}
	}
	if err != nil {
		return step, err
	}
	if step.ledger, err = history.ParseLedger(next[history.LedgerFile]); err != nil {
		return step, err
	}
	step.files = prefixed(api.HistoryDir, next)
	return step, nil
}

// group is the history files as an output of the cycle: the directory is
// the history's own, replaced whole, so that a kill leaves the old files or
// the new ones, never a mix.
func (s historyStep) group(api API) []outputGroup {
	if len(s.files) == 0 {
		return nil
	}
	return []outputGroup{{dir: api.HistoryDir, files: maps.Clone(s.files), wholeDir: true}}
}

// branchReader is a Committed that can read the API's pull request branch
// too. A dry run's has none: it writes into the checkout it reads, so its
// next run finds nothing pending.
type branchReader interface {
	ReadBranch(ctx context.Context, branch string, dirs ...string) (map[string][]byte, error)
}

// versionDay is the day of live as a new version: today, or, when the
// API's pull request already holds live and a history ending at it (a
// change awaiting review since an earlier day), that version's day, so
// that a rerun on a later day pushes nothing. Failing to read the branch
// (there is none, most often) dates it today.
func (c *Cycle) versionDay(ctx context.Context, api API, live *schema.Schema) string {
	day := c.today()
	br, ok := c.Committed.(branchReader)
	if !ok || api.HistoryDir == "-" {
		return day
	}
	files, err := br.ReadBranch(ctx, api.Branch, api.SnapshotDir, api.HistoryDir)
	if err != nil {
		return day
	}
	pending, err := committedSnapshot(api.SnapshotDir, files)
	if err != nil || pending == nil || !snapshot.Equal(pending, live) {
		return day
	}
	l, err := history.ParseLedger(files[path.Join(api.HistoryDir, history.LedgerFile)])
	if err != nil || len(l.Versions) == 0 {
		return day
	}
	return min(day, l.Versions[len(l.Versions)-1].Date)
}

// today is the cycle's day, UTC.
func (c *Cycle) today() string {
	clock := c.Clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	return clock.Now().UTC().Format(time.DateOnly)
}

// notices are the facts the pull request gives beyond the comparison,
// from the old schema and the history (before this version for removals'
// notice, after it for the deprecations' runs).
func (c *Cycle) notices(r *diff.Report, prev, live *schema.Schema, ops []*diff.Operation, hist historyStep) (report.Notices, error) {
	deps, err := deprecationNotices(prev, live, ops, hist.ledger)
	if err != nil {
		return report.Notices{}, err
	}
	return report.Notices{Removals: removalNotices(r, prev, hist.ledger), Deprecations: deps}, nil
}
