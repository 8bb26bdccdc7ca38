package history

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// railwayVersion is one Railway version, loaded once for every test.
type railwayVersion struct {
	name, date string
	schema     *schema.Schema
}

var railwayOnce struct {
	sync.Once
	versions []railwayVersion
	err      error
}

// railway loads the 48 Railway versions (skipping without the corpus).
func railway(t testing.TB) []railwayVersion {
	t.Helper()
	dir := testcorpus.Path(t, "corpus", "railway", "schemas")
	railwayOnce.Do(func() {
		inputs, err := DirInputs(dir)
		if err != nil {
			railwayOnce.err = err
			return
		}
		for _, in := range inputs {
			s, err := in.Load()
			if err != nil {
				railwayOnce.err = err
				return
			}
			railwayOnce.versions = append(railwayOnce.versions, railwayVersion{in.Name, in.Date, s})
		}
	})
	if railwayOnce.err != nil {
		t.Fatalf("loading Railway: %v", railwayOnce.err)
	}
	return railwayOnce.versions
}

// railwayInputs serves the loaded versions as inputs.
func railwayInputs(t testing.TB) []Input {
	t.Helper()
	var inputs []Input
	for _, v := range railway(t) {
		inputs = append(inputs, Input{Name: v.name, Date: v.date, Load: func() (*schema.Schema, error) { return v.schema, nil }})
	}
	return inputs
}

// state is an element's deprecation in one version, as the independent
// computation sees it.
type state struct {
	deprecated bool
	reason     *string
}

// coordinateStates walks a schema its own way (not elements()): a map from
// coordinate to deprecation.
func coordinateStates(s *schema.Schema) map[string]state {
	m := map[string]state{}
	args := func(owner string, list []*schema.InputValue) {
		for _, a := range list {
			m[fmt.Sprintf("%s(%s:)", owner, a.Name)] = state{a.IsDeprecated, a.DeprecationReason}
		}
	}
	for _, t := range s.Types {
		if schema.IsStandardScalar(t.Name) {
			continue
		}
		m[t.Name] = state{}
		for _, f := range t.Fields {
			m[t.Name+"."+f.Name] = state{f.IsDeprecated, f.DeprecationReason}
			args(t.Name+"."+f.Name, f.Args)
		}
		for _, f := range t.InputFields {
			m[t.Name+"."+f.Name] = state{f.IsDeprecated, f.DeprecationReason}
		}
		for _, v := range t.EnumValues {
			m[t.Name+"."+v.Name] = state{v.IsDeprecated, v.DeprecationReason}
		}
	}
	for _, d := range s.Directives {
		m["@"+d.Name] = state{}
		args("@"+d.Name, d.Args)
	}
	return m
}

// isInputValue reports whether a coordinate names an argument or an input
// field of s.
func isInputValue(s *schema.Schema, c string) bool {
	if strings.HasSuffix(c, ":)") {
		return true
	}
	p := parentOf(c)
	return p != "" && !strings.HasPrefix(p, "@") && s.Type(p) != nil && s.Type(p).Kind == schema.KindInputObject
}

// parentOf parses a coordinate: T.f(a:) is in T.f, T.f in T, @d(a:) in @d.
func parentOf(c string) string {
	if i := strings.LastIndexByte(c, '('); i > 0 {
		return c[:i]
	}
	if i := strings.LastIndexByte(c, '.'); i > 0 {
		return c[:i]
	}
	return ""
}

// independent computes deprecations.json from per-version sets of
// coordinates, by walking back through the versions for every element.
func independent(t *testing.T, versions []railwayVersion) Deprecations {
	t.Helper()
	var dates []string
	var states []map[string]state
	var lastSDL string
	for _, v := range versions {
		// A version printing the same as the one before is not a new one.
		if sdl := v.schema.PrintSDL(); sdl != lastSDL {
			lastSDL = sdl
			m := coordinateStates(v.schema)
			if !v.schema.Capabilities.InputValueDeprecation && len(states) > 0 {
				// The version cannot tell whether an argument or input
				// field is deprecated: it stays as it was.
				for c := range m {
					if isInputValue(v.schema, c) {
						m[c] = states[len(states)-1][c]
					}
				}
			}
			dates = append(dates, v.date)
			states = append(states, m)
		}
	}
	n := len(states)
	newest := states[n-1]
	// runStart walks back from version i while c is present and deprecated.
	runStart := func(c string, i int) int {
		for i > 0 && states[i-1][c].deprecated {
			i--
		}
		return i
	}
	days := func(a, b string) int {
		x, _ := time.Parse(time.DateOnly, a)
		y, _ := time.Parse(time.DateOnly, b)
		return int(y.Sub(x).Hours() / 24)
	}
	want := Deprecations{Versions: n, From: dates[0], To: dates[n-1], Deprecated: []DeprecatedEntry{}, Removed: []RemovedEntry{}}
	for _, c := range slices.Sorted(maps.Keys(newest)) {
		if s := newest[c]; s.deprecated {
			start := runStart(c, n-1)
			want.Deprecated = append(want.Deprecated, DeprecatedEntry{Coordinate: c, Reason: s.reason, Since: dates[start], SinceFirstVersion: start == 0, AnnouncedRemoval: AnnouncedRemoval(s.reason)})
		}
	}
	lastPresent := map[string]int{}
	for i, m := range states {
		for c := range m {
			lastPresent[c] = i
		}
	}
	for _, c := range slices.Sorted(maps.Keys(lastPresent)) {
		last := lastPresent[c]
		if last == n-1 {
			continue
		}
		if p := parentOf(c); p != "" && lastPresent[p] == last {
			continue
		}
		r := RemovedEntry{Coordinate: c, RemovedOn: dates[last+1]}
		if states[last][c].deprecated {
			since := dates[runStart(c, last)]
			r.DeprecatedSince, r.NoticeDays = &since, ptr(days(since, r.RemovedOn))
		}
		want.Removed = append(want.Removed, r)
	}
	return want
}

func TestRailwayAgreesWithIndependentComputation(t *testing.T) {
	versions := railway(t)
	l, err := Build(railwayInputs(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, want := l.Deprecations(), independent(t, versions)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deprecations.json disagrees with the independent computation (-want +got):\n%s", diff)
	}
	s := got.stats()
	t.Logf("Railway: %d versions (%d files), %d deprecated now, %d removed, %d without notice, median notice %g days (any: %v)",
		got.Versions, len(versions), s.deprecated, s.removed, s.withoutNotice, s.medianNotice, s.ok)
}

// TestUpdateEqualsBuild takes the Railway versions one at a time through
// the files, as the cycle will, and compares every file with a full build
// at several points of the history.
func TestUpdateEqualsBuild(t *testing.T) {
	versions := railway(t)
	inputs := railwayInputs(t)
	var files map[string][]byte
	var prev *schema.Schema
	for i, v := range versions {
		next, err := Update(files, "Railway", v.name, v.date, prev, v.schema)
		if err != nil {
			t.Fatalf("Update %s: %v", v.name, err)
		}
		files, prev = next, v.schema
		if i%12 != 11 && i != len(versions)-1 && i != 4 {
			continue
		}
		l, err := Build(inputs[:i+1], Options{})
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range l.Files("Railway") {
			if got := files[name]; string(got) != string(want) {
				t.Errorf("after %s: %s from Update differs from Build's", v.name, name)
			}
		}
		if len(files) != 4 {
			t.Errorf("after %s: Update returned %d files, want 4", v.name, len(files))
		}
	}
}
