package history

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Ledger is the history of one API: what it needs to write deprecations.json,
// CHANGELOG.md and timeline.svg, and to take in the next version without
// reading the earlier ones again. It is stored as ledger.json beside them.
//
// Versions are counted over the versions that loaded and changed something:
// a version equal to the one before it (no change at all) is not a new
// version of the schema, and neither is one that could not be loaded
// (counted in Skipped). Runs of deprecation are over those versions only.
type Ledger struct {
	// Format is the version of ledger.json's layout.
	Format int `json:"format"`
	// Skipped counts the versions that could not be loaded.
	Skipped int `json:"skipped"`
	// Versions holds one entry per version, oldest first.
	Versions []Version `json:"versions"`
	// Deprecated holds every element deprecated in the newest version, by
	// coordinate.
	Deprecated map[string]Deprecation `json:"deprecated"`
	// Removed holds every element present in some version and absent from
	// the newest, by coordinate, those inside a removed element included.
	Removed map[string]Removal `json:"removed"`
}

// ledgerFormat is Ledger.Format as this code writes it.
const ledgerFormat = 1

// Version is what the ledger keeps of one version: enough to draw it and to
// write its CHANGELOG section.
type Version struct {
	Name string `json:"name"`
	Date string `json:"date"`
	// Types and Fields measure the schema (see size).
	Types  int `json:"types"`
	Fields int `json:"fields"`
	// DeprecatedNow counts the elements deprecated in this version.
	DeprecatedNow int `json:"deprecatedNow"`

	// The rest compares the version with the one before; the first
	// version has none of it.
	Breaking  int `json:"breaking,omitempty"`
	Dangerous int `json:"dangerous,omitempty"`
	Safe      int `json:"safe,omitempty"`
	// Changes are the breaking and dangerous changes, in report order.
	Changes []Change `json:"changes,omitempty"`
	// SafeKinds counts the safe changes by type, sorted by type.
	SafeKinds []KindCount `json:"safeKinds,omitempty"`
	// NewlyDeprecated lists the elements whose deprecation starts here
	// (not kept for the first version, where every deprecation starts).
	NewlyDeprecated []DeprecationNote `json:"newlyDeprecated,omitempty"`
	// Removals lists the elements removed here, outermost only, with the
	// notice they had.
	Removals []RemovalNote `json:"removals,omitempty"`
}

// Change is one breaking or dangerous change of a version.
type Change struct {
	Level   diff.Level      `json:"level"`
	Type    diff.ChangeType `json:"type"`
	Path    string          `json:"path,omitempty"`
	Message string          `json:"message"`
}

// KindCount counts the safe changes of one type.
type KindCount struct {
	Type  diff.ChangeType `json:"type"`
	Count int             `json:"count"`
}

// DeprecationNote is one deprecation as the CHANGELOG shows it.
type DeprecationNote struct {
	Coordinate string  `json:"coordinate"`
	Reason     *string `json:"reason"`
}

// RemovalNote is one removal as the CHANGELOG shows it.
type RemovalNote struct {
	Coordinate string `json:"coordinate"`
	Notice
}

// Notice is the deprecation an element had when it was removed.
type Notice struct {
	// DeprecatedSince is nil when the element was not deprecated in its
	// last version: removed without notice.
	DeprecatedSince *string `json:"deprecatedSince"`
	// SinceFirstVersion: the deprecation run starts at the first version,
	// so the true date is earlier and unknown.
	SinceFirstVersion bool `json:"sinceFirstVersion,omitempty"`
	NoticeDays        *int `json:"noticeDays"`
}

// Deprecation is the current run of deprecation of an element.
type Deprecation struct {
	// Since is the date of the run's first version, Index its position in
	// Ledger.Versions (0: the first version, so the true date is unknown).
	Since  string  `json:"since"`
	Index  int     `json:"index"`
	Reason *string `json:"reason"`
}

// Removal is an element absent from the newest version.
type Removal struct {
	// Parent is the coordinate of the element that held it.
	Parent string `json:"parent,omitempty"`
	// LastPresent is the index of the last version that had it; RemovedOn
	// the date of the version after.
	LastPresent int    `json:"lastPresent"`
	RemovedOn   string `json:"removedOn"`
	Notice
}

// outermost reports whether a removal is listed: it is not when the element
// holding it was removed with it.
func (l *Ledger) outermost(r Removal) bool {
	p, ok := l.Removed[r.Parent]
	return r.Parent == "" || !ok || p.LastPresent != r.LastPresent
}

// newLedger returns an empty ledger.
func newLedger() *Ledger {
	return &Ledger{Format: ledgerFormat, Deprecated: map[string]Deprecation{}, Removed: map[string]Removal{}}
}

// loaded is one version read and taken apart, ready for the ledger.
type loaded struct {
	name, date string
	schema     *schema.Schema
	elements   []element
}

func load(name, date string, s *schema.Schema) *loaded {
	return &loaded{name: name, date: date, schema: s, elements: elements(s)}
}

// add takes in the version cur, which follows prev (nil for the first
// version). It reports false, changing nothing, when cur changes nothing.
// An element whose deprecation cur cannot tell (an argument or input field
// of an introspection result without inputValueDeprecation) keeps the state
// it had.
func (l *Ledger) add(prev, cur *loaded) (bool, error) {
	if err := checkDate(cur.date); err != nil {
		return false, fmt.Errorf("%s: %w", cur.name, err)
	}
	if len(l.Versions) > 0 {
		if last := l.Versions[len(l.Versions)-1].Date; cur.date < last {
			return false, fmt.Errorf("%s: dated %s, before the ledger's newest version (%s): versions must come oldest first", cur.name, cur.date, last)
		}
	}
	v := Version{Name: cur.name, Date: cur.date}
	v.Types, v.Fields = size(cur.schema)
	idx := len(l.Versions)
	if prev != nil {
		r, err := diff.Compare(prev.schema, cur.schema, diff.Options{OldName: prev.name, NewName: cur.name})
		if err != nil {
			return false, fmt.Errorf("%s: %w", cur.name, err)
		}
		if len(r.Changes) == 0 {
			return false, nil
		}
		summarise(&v, r.Changes)
	}
	l.compare(prev, cur, idx, &v)
	v.DeprecatedNow = len(l.Deprecated)
	l.Versions = append(l.Versions, v)
	return true, nil
}

// compare walks the elements of prev (none for the first version) and cur
// side by side, both sorted by coordinate: it records removals, ends and
// starts runs of deprecation, and notes them in v.
func (l *Ledger) compare(prev, cur *loaded, idx int, v *Version) {
	knowsInputDeprecation := cur.schema.Capabilities.InputValueDeprecation
	var pe []element
	if prev != nil {
		pe = prev.elements
	}
	ce := cur.elements
	var removedHere []string
	for i, j := 0, 0; i < len(pe) || j < len(ce); {
		switch {
		case j == len(ce) || i < len(pe) && pe[i].coord < ce[j].coord:
			l.removed(pe[i], idx, cur.date)
			removedHere = append(removedHere, pe[i].coord)
			i++
		case i == len(pe) || ce[j].coord < pe[i].coord:
			delete(l.Removed, ce[j].coord)
			if l.present(&ce[j], idx, cur.date, true) && prev != nil {
				v.NewlyDeprecated = append(v.NewlyDeprecated, DeprecationNote{strings.Clone(ce[j].coord), own(ce[j].reason)})
			}
			j++
		default:
			if l.present(&ce[j], idx, cur.date, knowsInputDeprecation || !ce[j].inputValue) {
				v.NewlyDeprecated = append(v.NewlyDeprecated, DeprecationNote{strings.Clone(ce[j].coord), own(ce[j].reason)})
			}
			i++
			j++
		}
	}
	// Outermost only: once every removal of the version is recorded.
	for _, c := range removedHere {
		if r := l.Removed[c]; l.outermost(r) {
			v.Removals = append(v.Removals, RemovalNote{Coordinate: strings.Clone(c), Notice: r.Notice})
		}
	}
}

// present updates the deprecation of an element present in version idx and
// reports whether a run of deprecation starts there. Without known, the
// version cannot tell, and the element keeps its state (e is updated to it,
// for the next version to compare with).
func (l *Ledger) present(e *element, idx int, date string, known bool) bool {
	d, was := l.Deprecated[e.coord]
	if !known {
		e.deprecated = was
		if was {
			e.reason = d.Reason
		}
		return false
	}
	switch {
	case e.deprecated && was:
		// Assigning replaces a string key too: the key is copied as well.
		d.Reason = own(e.reason)
		l.Deprecated[strings.Clone(e.coord)] = d
	case e.deprecated:
		// Coordinates are slices of their version's text (coordWriter):
		// what the ledger keeps is copied, or it would keep every text.
		l.Deprecated[strings.Clone(e.coord)] = Deprecation{Since: date, Index: idx, Reason: own(e.reason)}
		return true
	case was:
		delete(l.Deprecated, e.coord)
	}
	return false
}

// own copies a reason out of the schema it came from: held by the ledger,
// a slice of a version's source text would keep all of it alive.
func own(reason *string) *string {
	if reason == nil {
		return nil
	}
	r := strings.Clone(*reason)
	return &r
}

// removed records an element of version idx-1 that version idx lacks.
func (l *Ledger) removed(e element, idx int, date string) {
	r := Removal{Parent: strings.Clone(e.parent), LastPresent: idx - 1, RemovedOn: date}
	if d, ok := l.Deprecated[e.coord]; ok {
		since := d.Since
		days := daysBetween(d.Since, date)
		r.Notice = Notice{DeprecatedSince: &since, SinceFirstVersion: d.Index == 0, NoticeDays: &days}
		delete(l.Deprecated, e.coord)
	}
	l.Removed[strings.Clone(e.coord)] = r
}

// summarise counts and keeps the changes of a version.
func summarise(v *Version, changes []diff.Change) {
	safe := map[diff.ChangeType]int{}
	for _, c := range changes {
		switch c.Criticality.Level {
		case diff.Breaking:
			v.Breaking++
		case diff.Dangerous:
			v.Dangerous++
		default:
			v.Safe++
			safe[c.Type]++
			continue
		}
		v.Changes = append(v.Changes, Change{Level: c.Criticality.Level, Type: c.Type, Path: c.Path, Message: c.Message})
	}
	for t, n := range safe {
		v.SafeKinds = append(v.SafeKinds, KindCount{Type: t, Count: n})
	}
	slices.SortFunc(v.SafeKinds, func(a, b KindCount) int { return cmp.Compare(a.Type, b.Type) })
}

const dateLayout = "2006-01-02"

func checkDate(date string) error {
	if _, err := time.Parse(dateLayout, date); err != nil || len(date) != len(dateLayout) {
		return fmt.Errorf("date %q is not a YYYY-MM-DD date", date)
	}
	return nil
}

// daysBetween counts whole days from one date to a later one; both are
// checked dates.
func daysBetween(from, to string) int {
	a, _ := time.Parse(dateLayout, from)
	b, _ := time.Parse(dateLayout, to)
	return int(b.Sub(a) / (24 * time.Hour))
}
