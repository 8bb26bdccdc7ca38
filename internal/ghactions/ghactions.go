// Package ghactions reports the watch cycles' outcomes to GitHub Actions,
// for `watch run --github-actions` (and so for the repository's action.yml):
// step outputs ($GITHUB_OUTPUT), the Markdown report as the job summary
// ($GITHUB_STEP_SUMMARY), and an error annotation on every operation a
// change broke, at its file, line and column.
//
// Everything here is a function of the cycles' outcomes; Write only appends
// what they give to the files GitHub names.
package ghactions

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/watch"
)

// Environment variables GitHub Actions sets for a step.
const (
	EnvOutput  = "GITHUB_OUTPUT"
	EnvSummary = "GITHUB_STEP_SUMMARY"
)

// Run is one API's cycle: its configuration and what the cycle found.
type Run struct {
	API     watch.API
	Outcome watch.Outcome
	// Failed is set when the cycle failed; Outcome holds what it got to.
	Failed bool
}

// Output names, as action.yml declares them.
const (
	OutputVerdict   = "verdict"
	OutputBreaking  = "breaking"
	OutputDangerous = "dangerous"
	OutputSafe      = "safe"
	OutputBump      = "bump"
	OutputPRURL     = "pull-request-url"
	OutputPRNumber  = "pull-request-number"
	OutputReport    = "report-path"
	OutputChanged   = "changed"
)

// Outputs are the step outputs, in a fixed order. They describe the most
// severe API's run (the first one on a tie): an action run watches one API
// in the common case, and with several the outputs answer "is something
// broken, and where is it".
func Outputs(runs []Run) [][2]string {
	if len(runs) == 0 {
		return nil
	}
	top := slices.MinFunc(runs, func(a, b Run) int { return cmp.Compare(rank(a), rank(b)) })
	out := top.Outcome
	s := diff.Summary{}
	bump := diff.BumpNone
	if out.Report != nil {
		s, bump = out.Report.Summary(), out.Report.Bump()
	}
	number := ""
	if out.Published.Number != 0 {
		number = strconv.Itoa(out.Published.Number)
	}
	return [][2]string{
		{OutputVerdict, notify.VerdictOf(out.Report)},
		{OutputBreaking, strconv.Itoa(s.Breaking)},
		{OutputDangerous, strconv.Itoa(s.Dangerous)},
		{OutputSafe, strconv.Itoa(s.NonBreaking)},
		{OutputBump, string(bump)},
		{OutputPRURL, out.Published.URL},
		{OutputPRNumber, number},
		{OutputReport, reportPath(top)},
		{OutputChanged, strconv.FormatBool(out.Changed)},
	}
}

// rank orders runs by their verdict, most severe first.
func rank(r Run) int {
	return slices.Index([]string{notify.VerdictBreaking, notify.VerdictDangerous, notify.VerdictSafe, notify.VerdictNone}, notify.VerdictOf(r.Outcome.Report))
}

// reportPath is the repository-relative path of the Markdown report the
// cycle wrote, or "" when it wrote none.
func reportPath(r Run) string {
	p := path.Join(r.API.ReportDir, watch.ReportMarkdown)
	if slices.Contains(r.Outcome.Files, p) {
		return p
	}
	return ""
}

// FormatOutputs writes outputs in $GITHUB_OUTPUT's syntax: name=value, or
// a heredoc for a value with a line break, its delimiter a line the value
// does not hold.
func FormatOutputs(outputs [][2]string) string {
	var b strings.Builder
	for _, kv := range outputs {
		name, value := kv[0], kv[1]
		if !strings.ContainsAny(value, "\r\n") {
			fmt.Fprintf(&b, "%s=%s\n", name, value)
			continue
		}
		delim := "SCHEMAWATCH_EOF"
		for strings.Contains(value, delim) {
			delim += "_"
		}
		fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", name, delim, value, delim)
	}
	return b.String()
}

// Summary is the job summary: per API, the Markdown report (the pull
// request's body), or one line when there is nothing to compare.
func Summary(runs []Run) string {
	var b strings.Builder
	for i, r := range runs {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		out := r.Outcome
		switch {
		case r.Failed && !out.Changed:
			fmt.Fprintf(&b, "### %s: the cycle failed\n\nSee the step's log.\n", r.API.Name)
			continue
		case !out.Changed:
			fmt.Fprintf(&b, "### %s: no change\n\nThe API's schema is the committed snapshot.\n", r.API.Name)
			continue
		case out.Report == nil:
			fmt.Fprintf(&b, "### %s: first snapshot\n\nThere was no committed snapshot to compare with.\n", r.API.Name)
		default:
			fmt.Fprintf(&b, "### %s\n\n", r.API.Name)
			b.WriteString(report.Markdown(out.Report, report.MarkdownOptions{FullReport: reportJSONPath(r)}))
		}
		if out.Published.URL != "" {
			fmt.Fprintf(&b, "\nPull request: %s\n", out.Published.URL)
		}
	}
	return b.String()
}

func reportJSONPath(r Run) string {
	p := path.Join(r.API.ReportDir, watch.ReportJSON)
	if slices.Contains(r.Outcome.Files, p) {
		return p
	}
	return ""
}
