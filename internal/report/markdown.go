package report

import (
	"fmt"
	"github.com/schemawatch/schemawatch/internal/mdsafe"
	"slices"
	"sort"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// GitHubBodyLimit is the most characters GitHub accepts in a pull-request
// body.
const GitHubBodyLimit = 65536

// MarkdownOptions steer Markdown.
type MarkdownOptions struct {
	// MaxLength bounds the output in bytes (never fewer than characters);
	// 0 means GitHubBodyLimit. When the report does not fit, the safe list
	// is cut first, then the dangerous and the breaking ones, each cut said
	// where it happens.
	MaxLength int
	// FullReport is a link or path to the complete report (the JSON file),
	// named where a list is cut.
	FullReport string
	// Notices are the facts beyond the comparison: how removed elements
	// were announced, the deprecations to work through.
	Notices Notices
}

// Markdown renders the report as a pull-request body for the person who
// reviews it: a headline verdict with counts; the operations checked, which
// break and why; the breaking changes, each removal with the notice it had;
// the deprecations to work through; then the dangerous and safe changes
// (the safe ones folded in <details>). A reason shared by several changes
// of a group is said once, at the group's head.
func Markdown(r *diff.Report, opts MarkdownOptions) string {
	limit := opts.MaxLength
	if limit <= 0 {
		limit = GitHubBodyLimit
	}
	m := markdown{r: r, opts: opts, groups: groups(r)}
	m.shared = sharedReasons(r, m.groups)
	for i := range m.groups {
		m.lines[i] = make([]string, len(m.groups[i].items))
		for j, it := range m.groups[i].items {
			m.lines[i][j] = m.item(it)
		}
		m.keep[i] = len(m.lines[i])
	}
	out := m.render()
	// Cut the least severe list first, as little as needed: find the
	// largest number of its items that fits. Only the list's items and its
	// cut note change with the number kept, so the length of each
	// candidate is the full body's less the items dropped, plus the note:
	// the body is rendered again once per list cut, not once per guess.
	for level := len(m.groups) - 1; level >= 0 && len(out) > limit; level-- {
		lines := m.lines[level]
		dropped := make([]int, len(lines)+1) // dropped[n]: the length of lines[n:]
		for n := len(lines) - 1; n >= 0; n-- {
			dropped[n] = dropped[n+1] + len(lines[n])
		}
		full := len(out)
		n := sort.Search(len(lines)+1, func(n int) bool {
			m.keep[level] = n
			return full-dropped[n]+m.cutNoteLen(level) > limit
		})
		m.keep[level] = max(n-1, 0)
		out = m.render()
	}
	if len(out) > limit {
		// Even the headline and notes do not fit (a tiny limit): cut hard.
		out = out[:limit]
	}
	return out
}

type markdown struct {
	r      *diff.Report
	opts   MarkdownOptions
	groups []group
	lines  [3][]string     // rendered items per level
	keep   [3]int          // how many items of each level to show
	shared map[string]bool // reasons said once at their group's head
	// reasons holds each reason rendered as Markdown text (reasonText).
	reasons map[string]string
}

// sharedReasons finds the reasons given for more than one change of a
// group.
func sharedReasons(r *diff.Report, groups []group) map[string]bool {
	shared := map[string]bool{}
	for _, g := range groups {
		seen := map[string]bool{}
		for _, it := range g.items {
			reason := r.Changes[it.index].Criticality.Reason
			if reason == "" || g.level == diff.NonBreaking {
				continue
			}
			if seen[reason] {
				shared[reason] = true
			}
			seen[reason] = true
		}
	}
	return shared
}

// groupReasons says once each reason shared by changes of g, with the
// change types it is given for.
func (m *markdown) groupReasons(b *strings.Builder, g group) {
	var order []string
	types := map[string][]string{}
	for _, it := range g.items {
		c := m.r.Changes[it.index]
		reason := c.Criticality.Reason
		if !m.shared[reason] {
			continue
		}
		if _, ok := types[reason]; !ok {
			order = append(order, reason)
		}
		if t := string(c.Type); !slices.Contains(types[reason], t) {
			types[reason] = append(types[reason], t)
		}
	}
	if len(order) == 0 {
		return
	}
	b.WriteString("Why:\n\n")
	for _, reason := range order {
		fmt.Fprintf(b, "- %s: %s\n", codeList(types[reason]), m.reasonText(reason))
	}
	b.WriteString("\n")
}

func (m *markdown) render() string {
	var b strings.Builder
	// The items are most of the body: grow once for them, not a dozen times.
	size := 4096
	for i := range m.lines {
		for _, l := range m.lines[i][:m.keep[i]] {
			size += len(l)
		}
	}
	b.Grow(size)
	s := m.r.Summary()
	icon := map[string]string{"Breaking changes": "❌", "Dangerous changes": "⚠️", "Safe changes only": "✅", "No changes": "✅"}[verdict(s)]
	fmt.Fprintf(&b, "## %s %s\n\n", icon, verdict(s))
	fmt.Fprintf(&b, "**%s** · suggested version bump: **%s**\n\n", counts(s), m.r.Bump())
	if m.r.Old != "" || m.r.New != "" {
		fmt.Fprintf(&b, "Comparing %s → %s.", mdsafe.Code(m.r.Old), mdsafe.Code(m.r.New))
		if len(m.r.Rules) > 0 {
			fmt.Fprintf(&b, " Rules: %s.", strings.Join(m.r.Rules, ", "))
		}
		b.WriteString("\n\n")
	}
	m.operations(&b)
	for i, g := range m.groups {
		if g.level == diff.Dangerous {
			m.deprecations(&b)
		}
		if g.total == 0 {
			continue
		}
		lines := m.lines[i][:m.keep[i]]
		if g.level == diff.NonBreaking {
			fmt.Fprintf(&b, "### Safe changes (%d)\n\n<details>\n<summary>%s</summary>\n\n", g.total, plural(g.total, "safe change", "safe changes"))
			writeLines(&b, lines)
			m.cutNote(&b, g, i)
			b.WriteString("\n</details>\n\n")
			continue
		}
		fmt.Fprintf(&b, "### %s changes (%d)\n\n", levelTitle(g.level), g.total)
		m.groupReasons(&b, g)
		writeLines(&b, lines)
		m.cutNote(&b, g, i)
		b.WriteString("\n")
	}
	return b.String()
}

func writeLines(b *strings.Builder, lines []string) {
	for _, l := range lines {
		b.WriteString(l)
	}
}

// cutNoteLen is the length of the cut note of a level's list.
func (m *markdown) cutNoteLen(level int) int {
	var b strings.Builder
	m.cutNote(&b, m.groups[level], level)
	return b.Len()
}

// cutNote says that a list was cut, and where the rest is.
func (m *markdown) cutNote(b *strings.Builder, g group, level int) {
	left := len(m.lines[level]) - m.keep[level]
	if left == 0 {
		return
	}
	fmt.Fprintf(b, "\n_… and %s not shown here (GitHub limits a pull-request body to %d characters)", plural(left, "more "+strings.ToLower(levelTitle(g.level))+" change", "more "+strings.ToLower(levelTitle(g.level))+" changes"), GitHubBodyLimit)
	if m.opts.FullReport != "" {
		fmt.Fprintf(b, "; the full report is %s", link(m.opts.FullReport))
	}
	b.WriteString("._\n")
}

// item renders one change: identifier, path, message; for breaking and
// dangerous changes, why, and the operations concerned.
func (m *markdown) item(it item) string {
	c := &m.r.Changes[it.index]
	var b strings.Builder
	b.Grow(64 + len(c.Type) + 2*len(c.Path) + 2*len(c.Message))
	b.WriteString("- `")
	b.WriteString(string(c.Type))
	b.WriteString("`")
	if c.Path != "" {
		b.WriteString(" ")
		b.WriteString(mdsafe.Code(c.Path))
	}
	b.WriteString(" — ")
	b.WriteString(mdsafe.Text(c.Message))
	if it.folded > 0 {
		b.WriteString(" (and " + plural(it.folded, "change", "changes") + " inside)")
	}
	b.WriteString("\n")
	if c.Criticality.Level != diff.NonBreaking && c.Criticality.Reason != "" && !m.shared[c.Criticality.Reason] {
		b.WriteString("  - " + m.reasonText(c.Criticality.Reason) + "\n")
	}
	if n, ok := m.opts.Notices.Removals[c.Path]; ok && isRemoval(c.Type) {
		fmt.Fprintf(&b, "  - %s\n", n.phrase())
	}
	broken, concerned := operationsOf(m.r, it.index)
	if len(broken) > 0 {
		fmt.Fprintf(&b, "  - **Breaks** %s\n", codeList(broken))
	}
	if len(concerned) > 0 {
		fmt.Fprintf(&b, "  - Used by %s\n", codeList(concerned))
	}
	if m.r.Impact != nil && c.Criticality.Level == diff.Breaking && len(broken)+len(concerned) == 0 {
		b.WriteString("  - No operation checked uses it.\n")
	}
	return b.String()
}

// reasonText renders a reason as Markdown text. A report gives a few
// reasons to hundreds of changes: each is rendered once.
func (m *markdown) reasonText(reason string) string {
	text, ok := m.reasons[reason]
	if !ok {
		text = mdsafe.Text(reason)
		if m.reasons == nil {
			m.reasons = map[string]string{}
		}
		m.reasons[reason] = text
	}
	return text
}

// operations renders the outcome of checking operations.
func (m *markdown) operations(b *strings.Builder) {
	im := m.r.Impact
	if im == nil {
		return
	}
	broken := im.Count(diff.StatusBroken)
	fmt.Fprintf(b, "### Your operations\n\n%s checked: %d valid before and after, **%d broken**, %d already invalid against the old schema.\n\n",
		plural(len(im.Operations), "operation", "operations"), im.Count(diff.StatusValid), broken, im.Count(diff.StatusInvalid))
	for _, res := range im.Operations {
		if res.Status != diff.StatusBroken {
			continue
		}
		fmt.Fprintf(b, "- %s (%s)\n", mdsafe.Code(res.Operation.ID), res.Operation.Kind+" "+res.Operation.Name)
		for _, e := range res.Errors {
			fmt.Fprintf(b, "  - %d:%d %s\n", e.Line, e.Column, mdsafe.Text(e.Message))
		}
	}
	if broken > 0 {
		b.WriteString("\n")
	}
	if s := m.r.Summary(); s.Breaking > 0 {
		unused := m.r.Unused()
		fmt.Fprintf(b, "Breaking changes that touch none of these operations: %d of %d.\n\n", len(unused), s.Breaking)
	}
}

func codeList(ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = mdsafe.Code(id)
	}
	return strings.Join(parts, ", ")
}

// link renders a URL as a link and a path as code.
func link(target string) string {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return "<" + target + ">"
	}
	return mdsafe.Code(target)
}
