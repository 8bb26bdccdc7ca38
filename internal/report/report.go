// Package report renders a diff.Report for people and machines: JSON (a
// stable document, see docs/report-json.md), Markdown for pull-request
// bodies, and aligned text for terminals. Every renderer is a pure function
// of the report: the same report gives byte-identical output.
package report

import (
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// item is one line of a human report: a change, with the contents of an
// added element folded under it.
type item struct {
	index  int // in Report.Changes
	folded int // contents of an added element counted under this one
}

// group is the items of one level.
type group struct {
	level diff.Level
	items []item
	total int // changes of this level, folded ones included
}

// groups sorts a report's changes into levels, folding the contents of
// added elements (meta.inAddedParent) under the added element: a new type
// with thirty fields is one line, not thirty-one (docs/breaking-changes.md §1.2).
func groups(r *diff.Report) []group {
	owner := map[string]int{} // path of an added element → its change
	for i, c := range r.Changes {
		if !c.Meta.InAddedParent && c.Type.IsAddition() {
			owner[c.Path] = i
		}
	}
	folded := make([]int, len(r.Changes))
	isFolded := make([]bool, len(r.Changes))
	for i, c := range r.Changes {
		if !c.Meta.InAddedParent {
			continue
		}
		path := strings.TrimSuffix(c.Path, ".@deprecated")
		for path != "" {
			if o, ok := owner[path]; ok && o != i && r.Changes[o].Criticality.Level == c.Criticality.Level {
				folded[o]++
				isFolded[i] = true
				break
			}
			cut := strings.LastIndexByte(path, '.')
			if cut < 0 {
				break
			}
			path = path[:cut]
		}
	}
	out := make([]group, len(diff.Levels))
	for i, l := range diff.Levels {
		out[i].level = l
	}
	for i, c := range r.Changes {
		g := &out[c.Criticality.Level.Rank()]
		g.total++
		if !isFolded[i] {
			g.items = append(g.items, item{index: i, folded: folded[i]})
		}
	}
	return out
}

// verdict is the one-line judgement of a report.
func verdict(s diff.Summary) string {
	switch {
	case s.Breaking > 0:
		return "Breaking changes"
	case s.Dangerous > 0:
		return "Dangerous changes"
	case s.NonBreaking > 0:
		return "Safe changes only"
	}
	return "No changes"
}

// counts prints "3 breaking, 2 dangerous, 10 safe".
func counts(s diff.Summary) string {
	return plural(s.Breaking, "breaking", "breaking") + ", " + plural(s.Dangerous, "dangerous", "dangerous") + ", " + plural(s.NonBreaking, "safe", "safe")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// levelTitle names a level in headings.
func levelTitle(l diff.Level) string { return l.Title() }

// operationsOf returns the IDs of the operations a change concerns, broken
// ones first, and whether any is broken.
func operationsOf(r *diff.Report, i int) (broken, concerned []string) {
	if r.Impact == nil {
		return nil, nil
	}
	for _, a := range r.Impact.Affected[i] {
		if a.Broken {
			broken = append(broken, a.ID)
		} else {
			concerned = append(concerned, a.ID)
		}
	}
	return broken, concerned
}
