package history

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// Deprecations is deprecations.json, the file tools read: its shape is a
// promise (docs/history.md).
type Deprecations struct {
	Versions   int               `json:"versions"`
	Skipped    int               `json:"skipped"`
	From       string            `json:"from"`
	To         string            `json:"to"`
	Deprecated []DeprecatedEntry `json:"deprecated"`
	Removed    []RemovedEntry    `json:"removed"`
}

// DeprecatedEntry is an element deprecated in the newest version.
type DeprecatedEntry struct {
	Coordinate string  `json:"coordinate"`
	Reason     *string `json:"reason"`
	// Since is the first version of the unbroken run of versions, ending
	// at the newest, that have it deprecated.
	Since string `json:"since"`
	// SinceFirstVersion: that run starts at the first version, so the
	// element was deprecated on Since or earlier.
	SinceFirstVersion bool `json:"sinceFirstVersion"`
	// AnnouncedRemoval is the last date written in the reason outside
	// URLs, or nil.
	AnnouncedRemoval *string `json:"announcedRemoval"`
}

// RemovedEntry is an element present in some version and absent from the
// newest, not inside another one removed at the same time.
type RemovedEntry struct {
	Coordinate      string  `json:"coordinate"`
	RemovedOn       string  `json:"removedOn"`
	DeprecatedSince *string `json:"deprecatedSince"`
	NoticeDays      *int    `json:"noticeDays"`
}

// Deprecations returns the content of deprecations.json: entries sorted by
// coordinate.
func (l *Ledger) Deprecations() Deprecations {
	d := Deprecations{Versions: len(l.Versions), Skipped: l.Skipped, Deprecated: []DeprecatedEntry{}, Removed: []RemovedEntry{}}
	if n := len(l.Versions); n > 0 {
		d.From, d.To = l.Versions[0].Date, l.Versions[n-1].Date
	}
	for _, c := range sortedKeys(l.Deprecated) {
		dep := l.Deprecated[c]
		d.Deprecated = append(d.Deprecated, DeprecatedEntry{
			Coordinate: c, Reason: dep.Reason, Since: dep.Since, SinceFirstVersion: dep.Index == 0,
			AnnouncedRemoval: AnnouncedRemoval(dep.Reason),
		})
	}
	for _, c := range sortedKeys(l.Removed) {
		r := l.Removed[c]
		if l.outermost(r) {
			d.Removed = append(d.Removed, RemovedEntry{Coordinate: c, RemovedOn: r.RemovedOn, DeprecatedSince: r.DeprecatedSince, NoticeDays: r.NoticeDays})
		}
	}
	return d
}

func (d Deprecations) marshal() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		panic(fmt.Sprintf("history: marshal deprecations: %v", err)) // plain structs: cannot fail
	}
	return buf.Bytes()
}

var (
	urlPattern  = lazyregexp.New(`https?://\S*`)
	datePattern = lazyregexp.New(`(?:^|[^0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[^0-9]|$)`)
)

// AnnouncedRemoval returns the last YYYY-MM-DD date written in a
// deprecation reason outside URLs (a URL being a run of non-space
// characters starting with http:// or https://), or nil. "Removal on
// 2025-04-01 UTC. See https://example.com/changelog/2024-05-23-x" announces
// 2025-04-01. A date that is no calendar day (2025-13-01) is not one.
func AnnouncedRemoval(reason *string) *string {
	if reason == nil {
		return nil
	}
	text := urlPattern.ReplaceAllString(*reason, " ")
	var last *string
	// The pattern consumes one character either side of a date; dates one
	// character apart ("2025-01-01 2025-02-02") are found by searching on
	// from the end of each date.
	for rest := text; ; {
		m := datePattern.FindStringSubmatchIndex(rest)
		if m == nil {
			break
		}
		if date := rest[m[2]:m[3]]; checkDate(date) == nil {
			last = &date
		}
		rest = rest[m[3]:]
	}
	return last
}

// stats are the figures of the summary line.
type stats struct {
	deprecated, removed, withoutNotice int
	// medianNotice is in days; ok is false when no removal had notice.
	medianNotice float64
	ok           bool
}

func (d Deprecations) stats() stats {
	s := stats{deprecated: len(d.Deprecated), removed: len(d.Removed)}
	var days []int
	for _, r := range d.Removed {
		if r.NoticeDays == nil {
			s.withoutNotice++
		} else {
			days = append(days, *r.NoticeDays)
		}
	}
	if len(days) > 0 {
		slices.Sort(days)
		m := len(days) / 2
		s.medianNotice, s.ok = float64(days[m]), true
		if len(days)%2 == 0 {
			s.medianNotice = float64(days[m-1]+days[m]) / 2
		}
	}
	return s
}

// Summary is the short text `watch history` prints: versions, elements
// deprecated now, removed, removed without notice, median notice.
func (l *Ledger) Summary() string {
	d := l.Deprecations()
	s := d.stats()
	var b strings.Builder
	fmt.Fprintf(&b, "%d versions from %s to %s (%d skipped)\n", d.Versions, d.From, d.To, d.Skipped)
	fmt.Fprintf(&b, "%d deprecated now\n", s.deprecated)
	fmt.Fprintf(&b, "%d removed, %d of them without prior deprecation\n", s.removed, s.withoutNotice)
	if s.ok {
		fmt.Fprintf(&b, "median notice before removal: %g days\n", s.medianNotice)
	} else {
		b.WriteString("median notice before removal: none (no removal was deprecated first)\n")
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
