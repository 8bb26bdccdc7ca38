package watch

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// The pull request's text is rendered here, in one place: its title and
// commit message (Conventional Commits that carry the verdict), its labels
// and its body (the report, then the list of regenerated files).

// pullRequest renders the pull request of an outcome.
func pullRequest(api API, base string, out Outcome, files map[string][]byte) publish.PullRequest {
	var summary diff.Summary
	bump := diff.BumpNone
	if out.Report != nil {
		summary, bump = out.Report.Summary(), out.Report.Bump()
	}
	breaking := summary.Breaking > 0
	labels := slices.Clone(api.Labels)
	if breaking {
		labels = append(labels, publish.LabelBreaking)
	}
	if summary.Dangerous > 0 {
		labels = append(labels, publish.LabelDangerous)
	}
	subject := pullRequestSubject(api, out, summary)
	msgBody := fmt.Sprintf("Breaking: %d, dangerous: %d, safe: %d. Suggested version bump: %s.", summary.Breaking, summary.Dangerous, summary.NonBreaking, bump)
	return publish.PullRequest{
		Branch:        api.Branch,
		Base:          base,
		Files:         files,
		Deleted:       out.Deleted,
		CommitMessage: conventionalCommit(api.Name, breaking, subject, msgBody),
		Title:         conventionalCommit(api.Name, breaking, subject, ""),
		Body:          pullRequestBody(api, out, files),
		Labels:        labels,
		ManagedLabels: []string{publish.LabelBreaking, publish.LabelDangerous},
		Reviewers:     api.Reviewers,
	}
}

func pullRequestSubject(api API, out Outcome, summary diff.Summary) string {
	switch {
	case out.Initial:
		return fmt.Sprintf("first snapshot of the %s API schema", api.Name)
	case !out.Changed:
		return fmt.Sprintf("regenerate the %s API's generated files (no schema change)", api.Name)
	case summary.Total() == 0:
		return fmt.Sprintf("refresh the %s API snapshot (no schema change)", api.Name)
	}
	return fmt.Sprintf("%s API schema: %s", api.Name, countPhrase(summary))
}

// pullRequestBody is the report, cut to fit GitHub's limit, and the list of
// regenerated files.
func pullRequestBody(api API, out Outcome, files map[string][]byte) string {
	var tail strings.Builder
	tail.WriteString("\n\n### Regenerated files\n\n")
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&tail, "- `%s`\n", p)
	}
	for _, p := range out.Deleted {
		fmt.Fprintf(&tail, "- `%s` (removed)\n", p)
	}
	tail.WriteString("\n<sub>Opened by schemawatch. Each run rebuilds this branch from the base branch and the live schema; edits pushed to it are overwritten.</sub>\n")

	var body string
	switch {
	case out.Report != nil:
		body = report.Markdown(out.Report, report.MarkdownOptions{
			MaxLength:  publish.BodyLimit - tail.Len(),
			FullReport: path.Join(api.ReportDir, ReportMarkdown) + " in this pull request",
			Notices:    out.Notices,
		})
	case !out.Changed:
		body = fmt.Sprintf("## The %s API's generated files are out of date\n\nThe schema has not changed since the committed snapshot, but the files generated from it differ from what the base branch holds (missing, edited, or made by an older schemawatch): this pull request regenerates them.\n", api.Name)
	default:
		body = string(files[path.Join(api.ReportDir, ReportMarkdown)])
	}
	return strings.TrimRight(body, "\n") + tail.String()
}

// conventionalCommit returns a Conventional Commits message: "feat(scope):
// summary", with "!" before the colon when the change is breaking, and the
// body after a blank line when there is one.
func conventionalCommit(scope string, breaking bool, summary, body string) string {
	var b strings.Builder
	b.WriteString("feat")
	if scope != "" {
		b.WriteString("(" + scope + ")")
	}
	if breaking {
		b.WriteString("!")
	}
	b.WriteString(": " + strings.Join(strings.Fields(summary), " "))
	if body = strings.TrimSpace(body); body != "" {
		b.WriteString("\n\n" + body)
	}
	return b.String()
}

// countPhrase says "2 breaking, 1 dangerous and 14 safe changes".
func countPhrase(s diff.Summary) string {
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{s.Breaking, "breaking"}, {s.Dangerous, "dangerous"}, {s.NonBreaking, "safe"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	phrase := strings.Join(parts, ", ")
	if i := strings.LastIndex(phrase, ", "); i >= 0 {
		phrase = phrase[:i] + " and " + phrase[i+2:]
	}
	if s.Total() == 1 {
		return phrase + " change"
	}
	return phrase + " changes"
}

// initialReport is the report of a first snapshot, which has nothing to
// compare with.
func initialReport(api API, live *schema.Schema) string {
	roots := 0
	for _, name := range []string{live.QueryType, live.MutationType, live.SubscriptionType} {
		if t := live.Type(name); t != nil {
			roots += len(t.Fields)
		}
	}
	return fmt.Sprintf("## First snapshot of the %s API\n\nThere was no committed snapshot to compare with: this is the first one, %d types and %d root fields. From the next change on, this report lists every change, classified breaking, dangerous or safe.\n",
		api.Name, len(live.Types), roots)
}
