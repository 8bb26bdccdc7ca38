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

// deprecationAt is the deprecation of the element at path p (as
// diff.Change.Path spells it: "T.f", "T.f.a", "T.x" for an input field or
// an enum value, "@d.a") in s, and whether s has it. A notice needs the
// few elements that changes name or that are deprecated, so each is
// looked up where it is rather than every element of both schemas put in a
// map. Of members of one type that share a name (no valid schema has
// them), the enum value wins, then the input field, then the field. Types
// and directives are found by name (a schema's are sorted and unique).
func deprecationAt(s *schema.Schema, p string) (deprecation, bool) {
	parts := strings.Split(p, ".")
	if owner, isDirective := strings.CutPrefix(parts[0], "@"); isDirective {
		if len(parts) != 2 {
			return deprecation{}, false
		}
		d := s.Directive(owner)
		if d == nil {
			return deprecation{}, false
		}
		return inputValueDeprecation(d.Args, parts[1])
	}
	t := s.Type(parts[0])
	if t == nil || len(parts) < 2 || len(parts) > 3 {
		return deprecation{}, false
	}
	if len(parts) == 3 {
		f, ok := lastNamed(t.Fields, parts[1], func(f *schema.Field) string { return f.Name })
		if !ok {
			return deprecation{}, false
		}
		return inputValueDeprecation(f.Args, parts[2])
	}
	name := parts[1]
	if v, ok := lastNamed(t.EnumValues, name, func(v *schema.EnumValue) string { return v.Name }); ok {
		return deprecation{v.IsDeprecated, v.DeprecationReason}, true
	}
	if d, ok := inputValueDeprecation(t.InputFields, name); ok {
		return d, true
	}
	if f, ok := lastNamed(t.Fields, name, func(f *schema.Field) string { return f.Name }); ok {
		return deprecation{f.IsDeprecated, f.DeprecationReason}, true
	}
	return deprecation{}, false
}

func inputValueDeprecation(list []*schema.InputValue, name string) (deprecation, bool) {
	v, ok := lastNamed(list, name, func(v *schema.InputValue) string { return v.Name })
	if !ok {
		return deprecation{}, false
	}
	return deprecation{v.IsDeprecated, v.DeprecationReason}, true
}

// lastNamed returns the last element of list called name.
func lastNamed[T any](list []T, name string, nameOf func(T) string) (T, bool) {
	for i := len(list) - 1; i >= 0; i-- {
		if nameOf(list[i]) == name {
			return list[i], true
		}
	}
	var zero T
	return zero, false
}

// deprecatedPaths lists, sorted, the path of every field, argument, input
// field, enum value and directive argument s deprecates.
func deprecatedPaths(s *schema.Schema) []string {
	var out []string
	args := func(owner string, list []*schema.InputValue) {
		for _, a := range list {
			if a.IsDeprecated {
				out = append(out, owner+"."+a.Name)
			}
		}
	}
	for _, t := range s.Types {
		for _, f := range t.Fields {
			if f.IsDeprecated {
				out = append(out, t.Name+"."+f.Name)
			}
			args(t.Name+"."+f.Name, f.Args)
		}
		args(t.Name, t.InputFields)
		for _, v := range t.EnumValues {
			if v.IsDeprecated {
				out = append(out, t.Name+"."+v.Name)
			}
		}
	}
	for _, d := range s.Directives {
		args("@"+d.Name, d.Args)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	// A member shadowed by another of the same name (see deprecationAt)
	// is not what the path names.
	return slices.DeleteFunc(out, func(p string) bool {
		d, _ := deprecationAt(s, p)
		return !d.deprecated
	})
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
	out := map[string]report.RemovalNotice{}
	for _, c := range r.Changes {
		if !strings.HasSuffix(string(c.Type), "_REMOVED") {
			continue
		}
		d, ok := deprecationAt(old, c.Path)
		if !ok {
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
	paths := deprecatedPaths(live)
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
		before, _ := deprecationAt(old, p)
		now, _ := deprecationAt(live, p)
		d := report.DeprecationNotice{
			Coordinate: coordinate(p), New: !before.deprecated, Reason: now.reason,
			AnnouncedRemoval: history.AnnouncedRemoval(now.reason), UsedBy: []string{},
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
