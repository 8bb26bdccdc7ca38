// Package notify builds the notifications of a schema change: a generic
// webhook's JSON and a Slack incoming webhook's Block Kit message, as pure
// functions of a report, and sends them (Sender) through the shared HTTP
// layer, internal/outbound. Deciding when to send is the watch cycle's.
//
// Everything a schema says is untrusted: names, messages, default values
// and reasons come from the API's server. The Slack payload escapes them so
// that they can neither format nor mention (@channel, <!here>); no payload
// carries anything but the report, the API's name and the pull request's
// address, so no secret can end up in one.
package notify

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Verdicts: the most severe level among a report's changes.
const (
	VerdictBreaking  = "breaking"
	VerdictDangerous = "dangerous"
	VerdictSafe      = "safe"
	VerdictNone      = "none" // no change, or nothing compared (a first snapshot)
)

// VerdictOf is the verdict of a report; nil has none.
func VerdictOf(r *diff.Report) string {
	if r == nil {
		return VerdictNone
	}
	top, ok := diff.Max(r.Changes)
	switch {
	case !ok:
		return VerdictNone
	case top == diff.Breaking:
		return VerdictBreaking
	case top == diff.Dangerous:
		return VerdictDangerous
	}
	return VerdictSafe
}

// Input is what a notification is made of.
type Input struct {
	// API is the watched API's name.
	API string
	// Report is the comparison; nil when there was none (a first snapshot).
	Report *diff.Report
	// Verdict is one of the Verdict constants; empty for VerdictOf(Report).
	Verdict string
	// Bump is the suggested version bump; empty for Report's suggestion.
	Bump diff.Bump
	// PullRequestURL is the pull request's web page; empty when there is
	// none (a dry run).
	PullRequestURL string
}

// normalized fills in the defaults and checks the pull request's address:
// an http(s) URL, its user information (a token someone put there) dropped.
func (in Input) normalized() (Input, error) {
	if in.Verdict == "" {
		in.Verdict = VerdictOf(in.Report)
	}
	switch in.Verdict {
	case VerdictBreaking, VerdictDangerous, VerdictSafe, VerdictNone:
	default:
		return in, fmt.Errorf("notify: verdict %q: want breaking, dangerous, safe or none", in.Verdict)
	}
	if in.Bump == "" {
		in.Bump = diff.BumpNone
		if in.Report != nil {
			in.Bump = in.Report.Bump()
		}
	}
	if in.PullRequestURL != "" {
		u, err := url.Parse(in.PullRequestURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return in, errors.New("notify: the pull request's URL is not an http(s) URL")
		}
		u.User = nil
		in.PullRequestURL = u.String()
	}
	return in, nil
}

// summary counts the report's changes per level.
func (in Input) summary() diff.Summary {
	if in.Report == nil {
		return diff.Summary{}
	}
	return in.Report.Summary()
}

// notable returns the indexes of the breaking changes, then the dangerous
// ones, each in report order.
func notable(r *diff.Report) []int {
	if r == nil {
		return nil
	}
	var out []int
	for _, level := range []diff.Level{diff.Breaking, diff.Dangerous} {
		for i := range r.Changes {
			if r.Changes[i].Criticality.Level == level {
				out = append(out, i)
			}
		}
	}
	return out
}

// affected returns the operations a change concerns; nil when no
// operations were checked.
func affected(r *diff.Report, i int) []diff.AffectedOperation {
	if r.Impact == nil || i >= len(r.Impact.Affected) {
		return nil
	}
	return r.Impact.Affected[i]
}
