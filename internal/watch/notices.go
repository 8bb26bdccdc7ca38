package watch

import (
	"cmp"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/history"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// deprecation is an element's deprecation in one schema.
type deprecation struct {
	deprecated bool
	reason     *string
}

// deprecations maps the path (as diff.Change.Path spells it) of every
// field, argument, input field, enum value and directive argument of s to
// its deprecation.
func deprecations(s *schema.Schema) map[string]deprecation {
	out := map[string]deprecation{}
	args := func(owner string, list []*schema.InputValue) {
		for _, a := range list {
			out[owner+"."+a.Name] = deprecation{a.IsDeprecated, a.DeprecationReason}
		}
	}
	for _, t := range s.Types {
		for _, f := range t.Fields {
			out[t.Name+"."+f.Name] = deprecation{f.IsDeprecated, f.DeprecationReason}
			args(t.Name+"."+f.Name, f.Args)
		}
		args(t.Name, t.InputFields)
		for _, v := range t.EnumValues {
			out[t.Name+"."+v.Name] = deprecation{v.IsDeprecated, v.DeprecationReason}
		}
	}
	for _, d := range s.Directives {
		args("@"+d.Name, d.Args)
	}
	return out
}

// coordinate turns a change path into the schema coordinate the history
// uses: "T.f.a" is "T.f(a:)", "@d.a" is "@d(a:)".
func coordinate(p string) string {
	parts := strings.Split(p, ".")
	switch {
	case strings.HasPrefix(p, "@") && len(parts) == 2:
		return parts[0] + "(" + parts[1] + ":)"
	case len(parts) == 3:
		return parts[0] + "." + parts[1] + "(" + parts[2] + ":)"
	}
	return p
}

// removalNotices tells, for each removal in r, the deprecation the element
// had in old, and from the ledger (nil: no history) since when.
func removalNotices(r *diff.Report, old *schema.Schema, ledger *history.Ledger) map[string]report.RemovalNotice {
	before := deprecations(old)
	out := map[string]report.RemovalNotice{}
	for _, c := range r.Changes {
		d, ok := before[c.Path]
		if !ok || !strings.HasSuffix(string(c.Type), "_REMOVED") {
			continue
		}
		n := report.RemovalNotice{Deprecated: d.deprecated, Reason: d.reason}
		if ledger != nil && d.deprecated {
			if rm, ok := ledger.Removed[coordinate(c.Path)]; ok && rm.DeprecatedSince != nil {
				n.Since, n.SinceFirstVersion, n.NoticeDays = rm.DeprecatedSince, rm.SinceFirstVersion, rm.NoticeDays
			}
		}
		out[c.Path] = n
	}
	return out
}

// deprecationNotices lists the elements live deprecates that old did not
// and those ops still use, with their history from the ledger (nil: no
// history), oldest first. Which operations use an element is diff's own
// usage analysis, asked about a removal of each deprecated element (an
// element new in live has no users yet).
func deprecationNotices(old, live *schema.Schema, ops []*diff.Operation, ledger *history.Ledger) ([]report.DeprecationNotice, error) {
	before, now := deprecations(old), deprecations(live)
	var paths []string
	for p, d := range now {
		if d.deprecated {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	used := make([][]diff.AffectedOperation, len(paths))
	if len(ops) > 0 && len(paths) > 0 {
		probes := make([]diff.Change, len(paths))
		for i, p := range paths {
			probes[i] = diff.Change{Type: diff.FieldRemoved, Path: p, Criticality: diff.Criticality{Level: diff.Breaking}}
		}
		// Usage is read against the old schema, which every element
		// deprecated in both has, and which the operations were written
		// for: one the change breaks still uses what it selects.
		im, err := diff.Analyze(old, old, probes, ops)
		if err != nil {
			return nil, err
		}
		used = im.Affected
	}
	var out []report.DeprecationNotice
	for i, p := range paths {
		d := report.DeprecationNotice{
			Coordinate: coordinate(p), New: !before[p].deprecated, Reason: now[p].reason,
			AnnouncedRemoval: history.AnnouncedRemoval(now[p].reason), UsedBy: []string{},
		}
		for _, op := range used[i] {
			d.UsedBy = append(d.UsedBy, op.ID)
		}
		if !d.New && len(d.UsedBy) == 0 {
			continue
		}
		if ledger != nil {
			if dep, ok := ledger.Deprecated[d.Coordinate]; ok {
				since := dep.Since
				d.Since, d.SinceFirstVersion = &since, dep.Index == 0
			}
		}
		out = append(out, d)
	}
	// Oldest first: known dates, then unknown ones, then the new.
	rank := func(d report.DeprecationNotice) int {
		switch {
		case d.New:
			return 2
		case d.Since == nil:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b report.DeprecationNotice) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(deref(a.Since), deref(b.Since)))
	})
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
