package report

import (
	"fmt"
	"github.com/schemawatch/schemawatch/internal/mdsafe"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Notices are what a reviewer needs beyond the comparison of two schemas:
// how each removed element had been announced, and the deprecations to
// work through. The caller computes them (the watch cycle, from the old
// schema and the API's history ledger); rendering them stays a pure
// function.
type Notices struct {
	// Removals tells, by the path of a removal change ("Type.field",
	// "Type.field.arg", "Enum.VALUE", "@directive.arg"), how the removed
	// element was deprecated in the old schema.
	Removals map[string]RemovalNotice
	// Deprecations are the elements newly deprecated by the change and
	// the deprecated elements the configured operations still use, oldest
	// first.
	Deprecations []DeprecationNotice
}

// RemovalNotice is the deprecation a removed element had before it went.
type RemovalNotice struct {
	// Deprecated is whether the old schema marked it deprecated.
	Deprecated bool `json:"deprecated"`
	// Reason is its deprecation reason in the old schema (nil: none).
	Reason *string `json:"reason"`
	// Since is when its deprecation started, from the API's history; nil
	// when there is no history, or it was not deprecated.
	Since *string `json:"deprecatedSince"`
	// SinceFirstVersion: the history starts deprecated, so Since is the
	// latest it can have started.
	SinceFirstVersion bool `json:"sinceFirstVersion,omitempty"`
	// NoticeDays is whole days from Since to the removal; nil with Since.
	NoticeDays *int `json:"noticeDays"`
}

// DeprecationNotice is one deprecated element of the new schema.
type DeprecationNotice struct {
	// Coordinate is the element's path, as in changes.
	Coordinate string `json:"coordinate"`
	// New: deprecated by this change.
	New bool `json:"new"`
	// Since, SinceFirstVersion: as in RemovalNotice (nil: unknown).
	Since             *string `json:"since"`
	SinceFirstVersion bool    `json:"sinceFirstVersion,omitempty"`
	Reason            *string `json:"reason"`
	// AnnouncedRemoval is the date the reason announces for the removal,
	// or nil.
	AnnouncedRemoval *string `json:"announcedRemoval"`
	// UsedBy lists the configured operations that use it ([] for none).
	UsedBy []string `json:"usedBy"`
}

// removalNotice renders what a removed element's notice says.
func (n RemovalNotice) phrase() string {
	if !n.Deprecated {
		return "removed without prior deprecation"
	}
	var b strings.Builder
	switch {
	case n.Since == nil:
		b.WriteString("deprecated (date unknown)")
	case n.SinceFirstVersion:
		fmt.Fprintf(&b, "deprecated since %s or earlier", *n.Since)
	default:
		fmt.Fprintf(&b, "deprecated since %s", *n.Since)
	}
	if n.Since != nil && n.NoticeDays != nil {
		more := ""
		if n.SinceFirstVersion {
			more = "at least "
		}
		fmt.Fprintf(&b, " (%s%s' notice)", more, plural(*n.NoticeDays, "day", "days"))
	}
	if n.Reason != nil && strings.TrimSpace(*n.Reason) != "" {
		fmt.Fprintf(&b, ": %s", mdsafe.Text(*n.Reason))
	}
	return b.String()
}

// isRemoval tells the changes a RemovalNotice can be about.
func isRemoval(t diff.ChangeType) bool {
	switch t {
	case diff.FieldRemoved, diff.FieldArgumentRemoved, diff.InputFieldRemoved, diff.EnumValueRemoved, diff.DirectiveArgumentRemoved:
		return true
	}
	return false
}

// deprecations renders the deprecations to work through.
func (m *markdown) deprecations(b *strings.Builder) {
	list := m.opts.Notices.Deprecations
	if len(list) == 0 {
		return
	}
	intro := "The elements this change deprecates."
	if m.r.Impact != nil {
		intro = "Every deprecated element the operations still use, oldest first, then those this change deprecates."
	}
	fmt.Fprintf(b, "### Deprecations to work through (%d)\n\n%s\n\n", len(list), intro)
	for _, d := range list {
		fmt.Fprintf(b, "- %s — ", mdsafe.Code(d.Coordinate))
		switch {
		case d.New:
			b.WriteString("newly deprecated")
		case d.Since == nil:
			b.WriteString("deprecated (date unknown)")
		case d.SinceFirstVersion:
			fmt.Fprintf(b, "deprecated since %s or earlier", *d.Since)
		default:
			fmt.Fprintf(b, "deprecated since %s", *d.Since)
		}
		if d.AnnouncedRemoval != nil {
			fmt.Fprintf(b, ", removal announced for %s", *d.AnnouncedRemoval)
		}
		if d.Reason != nil && strings.TrimSpace(*d.Reason) != "" {
			fmt.Fprintf(b, ": %s", mdsafe.Text(*d.Reason))
		}
		b.WriteString("\n")
		if len(d.UsedBy) > 0 {
			fmt.Fprintf(b, "  - Used by %s\n", codeList(d.UsedBy))
		}
	}
	b.WriteString("\n")
}
