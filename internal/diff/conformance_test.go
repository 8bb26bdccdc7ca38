package diff_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// The conformance measure of docs/breaking-changes.md §10: our engine against GraphQL Inspector
// 8.0.0 on the same two schemas, compared as multisets of (identifier, path,
// level, subject). Every disagreement must be an instance of one of the
// deliberate deviations D1–D5, recognised by the rules of docs/breaking-changes.md §9.1.

// key is one change as the comparison sees it.
type key struct {
	Type    diff.ChangeType
	Path    string
	Level   diff.Level
	Subject string
}

func (k key) String() string {
	s := fmt.Sprintf("%s %s %s", k.Level, k.Type, k.Path)
	if k.Subject != "" {
		s += " [" + k.Subject + "]"
	}
	return s
}

// inspectorChange is one line of Inspector's output (corpus answer keys and
// our fixtures' inspector.jsonl).
type inspectorChange struct {
	Type        diff.ChangeType `json:"type"`
	Criticality diff.Level      `json:"criticality"`
	Path        string          `json:"path"`
	Message     string          `json:"message"`
}

// Inspector puts the subject of a shared path only into meta and message;
// the answer keys carry the message.
var subjectPatterns = map[diff.ChangeType]*regexp.Regexp{
	diff.UnionMemberAdded:           regexp.MustCompile(`^Member '([^']+)' was added`),
	diff.UnionMemberRemoved:         regexp.MustCompile(`^Member '([^']+)' was removed`),
	diff.ObjectTypeInterfaceAdded:   regexp.MustCompile(`^'[^']+' object implements '([^']+)' interface`),
	diff.ObjectTypeInterfaceRemoved: regexp.MustCompile(`^'[^']+' object type no longer implements '([^']+)' interface`),
	diff.DirectiveLocationAdded:     regexp.MustCompile(`^Location '([^']+)' was added`),
	diff.DirectiveLocationRemoved:   regexp.MustCompile(`^Location '([^']+)' was removed`),
	diff.DirectiveArgumentAdded:     regexp.MustCompile(`^Argument '([^']+)' was added`),
}

func readInspector(t *testing.T, path string) []key {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var keys []key
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c inspectorChange
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		k := key{Type: c.Type, Path: c.Path, Level: c.Criticality}
		if re := subjectPatterns[c.Type]; re != nil {
			m := re.FindStringSubmatch(c.Message)
			if m == nil {
				t.Fatalf("%s: no subject in %q", path, c.Message)
			}
			k.Subject = m[1]
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}

// ourKeys runs the engine (default options, no rules) and drops the
// extension kinds, which Inspector cannot see (docs/breaking-changes.md §10 step 2).
func ourKeys(changes []diff.Change) []key {
	var keys []key
	for _, c := range changes {
		if c.Type.IsExtension() {
			continue
		}
		keys = append(keys, key{Type: c.Type, Path: c.Path, Level: c.Criticality.Level, Subject: c.Subject()})
	}
	return keys
}

// disagreement is a key present more often on one side.
type disagreement struct {
	key
	OursOnly bool
}

func compareKeys(ours, theirs []key) []disagreement {
	count := map[key]int{}
	for _, k := range ours {
		count[k]++
	}
	for _, k := range theirs {
		count[k]--
	}
	var out []disagreement
	for k, n := range count {
		for ; n > 0; n-- {
			out = append(out, disagreement{k, true})
		}
		for ; n < 0; n++ {
			out = append(out, disagreement{k, false})
		}
	}
	slices.SortFunc(out, func(a, b disagreement) int { return strings.Compare(a.String(), b.String()) })
	return out
}

func (d disagreement) String() string {
	side := "Inspector only"
	if d.OursOnly {
		side = "ours only"
	}
	return side + ": " + d.key.String()
}

// conformance is the outcome for one pair.
type conformance struct {
	ours, theirs  diff.Summary
	byDeviation   map[string]int
	unclassified  []disagreement
	matched       map[diff.Level]int
	oursOnly      map[diff.Level]int
	theirsOnly    map[diff.Level]int
	theirsPresent map[diff.ChangeType]bool
	// unmarked lists our side of the disagreements classified D2–D5
	// whose change does not name that deviation in meta.deviation;
	// stray lists changes that name a deviation but disagree with nothing.
	unmarked, stray []string
}

func measure(old, new *schema.Schema, inspector []key) conformance {
	changes := diff.Changes(old, new)
	ours := ourKeys(changes)
	res := conformance{
		byDeviation:   map[string]int{},
		matched:       map[diff.Level]int{},
		oursOnly:      map[diff.Level]int{},
		theirsOnly:    map[diff.Level]int{},
		theirsPresent: map[diff.ChangeType]bool{},
	}
	for _, k := range ours {
		res.ours = addLevel(res.ours, k.Level)
	}
	for _, k := range inspector {
		res.theirs = addLevel(res.theirs, k.Level)
		res.theirsPresent[k.Type] = true
	}
	dis := compareKeys(ours, inspector)
	for _, k := range ours {
		res.matched[k.Level]++
	}
	marked := map[key][]string{} // our changes' meta.deviation, by key
	for _, c := range changes {
		if !c.Type.IsExtension() {
			k := key{Type: c.Type, Path: c.Path, Level: c.Criticality.Level, Subject: c.Subject()}
			marked[k] = append(marked[k], c.Meta.Deviation)
		}
	}
	explained := map[key]bool{}
	for _, d := range dis {
		if d.OursOnly {
			res.matched[d.Level]--
			res.oursOnly[d.Level]++
		} else {
			res.theirsOnly[d.Level]++
		}
		dev := classify(d, old, new)
		if dev == "" {
			res.unclassified = append(res.unclassified, d)
			continue
		}
		res.byDeviation[dev]++
		if d.OursOnly {
			explained[d.key] = true
			if dev != "D1" && !slices.Contains(marked[d.key], dev) {
				res.unmarked = append(res.unmarked, fmt.Sprintf("%s: meta.deviation %q, want %s", d, marked[d.key], dev))
			}
		}
	}
	for k, devs := range marked {
		for _, dev := range devs {
			if dev != "" && !explained[k] && !deviatesUnseen(dev) {
				res.stray = append(res.stray, fmt.Sprintf("%s has meta.deviation %s but Inspector agrees", k, dev))
			}
		}
	}
	slices.Sort(res.stray)
	return res
}

// deviatesUnseen tells the deviations that can mark a change on which
// Inspector agrees with us: D5 marks every deprecation change of an
// element whose flag and reason disagree, which Inspector may still see
// the same way.
func deviatesUnseen(dev string) bool { return dev == "D5" }

func addLevel(s diff.Summary, l diff.Level) diff.Summary {
	switch l {
	case diff.Breaking:
		s.Breaking++
	case diff.Dangerous:
		s.Dangerous++
	default:
		s.NonBreaking++
	}
	return s
}

// loadRailway loads every version of the Railway corpus, in order.
func loadRailway(t testing.TB) []*schema.Schema {
	t.Helper()
	var out []*schema.Schema
	for _, v := range testcorpus.Railway(t) {
		s, err := schema.LoadFile(v.Path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// loadPair loads a corpus or fixture pair.
func loadPair(t testing.TB, oldPath, newPath string) (*schema.Schema, *schema.Schema) {
	t.Helper()
	old, err := schema.LoadFile(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.LoadFile(newPath)
	if err != nil {
		t.Fatal(err)
	}
	return old, new
}

func TestConformanceRailway(t *testing.T) {
	keysDir := testcorpus.Path(t, "corpus", "railway", "expected", "inspector-8.0.0")
	var total conformance
	total.matched, total.oursOnly, total.theirsOnly = map[diff.Level]int{}, map[diff.Level]int{}, map[diff.Level]int{}
	versions := loadRailway(t)
	for i, p := range testcorpus.Pairs(t) {
		old, new := versions[i], versions[i+1]
		res := measure(old, new, readInspector(t, filepath.Join(keysDir, p.Name+".jsonl")))
		if len(res.byDeviation) > 0 || len(res.unclassified) > 0 {
			// Spec §10 (a): the corpus has no instance of any deviation.
			t.Errorf("%s: %d disagreements (%v), %d unclassified:\n%s", p.Name,
				len(res.unclassified)+sum(res.byDeviation), res.byDeviation, len(res.unclassified), lines(res.unclassified))
		}
		total.ours = plus(total.ours, res.ours)
		total.theirs = plus(total.theirs, res.theirs)
		for _, l := range diff.Levels {
			total.matched[l] += res.matched[l]
			total.oursOnly[l] += res.oursOnly[l]
			total.theirsOnly[l] += res.theirsOnly[l]
		}
	}
	// The answer keys' totals (docs/breaking-changes.md §10): a check that every pair was read.
	if want := (diff.Summary{Breaking: 673, Dangerous: 311, NonBreaking: 5573}); total.theirs != want {
		t.Errorf("Inspector totals = %+v, want %+v", total.theirs, want)
	}
	for _, l := range diff.Levels {
		t.Logf("%-12s matched %5d  ours only %d  Inspector only %d", l, total.matched[l], total.oursOnly[l], total.theirsOnly[l])
	}
}

func plus(a, b diff.Summary) diff.Summary {
	return diff.Summary{Breaking: a.Breaking + b.Breaking, Dangerous: a.Dangerous + b.Dangerous, NonBreaking: a.NonBreaking + b.NonBreaking}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func lines[T fmt.Stringer](list []T) string {
	var b strings.Builder
	for _, x := range list {
		b.WriteString("\t" + x.String() + "\n")
	}
	return b.String()
}

// TestConformanceFixtures runs the measure on our own pairs under
// testdata/conformance, whose inspector.jsonl is Inspector 8.0.0's output
// (scripts/inspector-oracle regenerates it). A pair named after a deviation
// ("D2-…") must show disagreements, all of that deviation; every other pair
// must agree completely. Together the pairs must exercise every identifier
// Inspector can emit from introspection (DIRECTIVE_REPEATABLE_REMOVED only
// ever occurs as D4).
func TestConformanceFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "conformance", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixture pairs under testdata/conformance: %v", err)
	}
	seen := map[diff.ChangeType]bool{}
	deviations := map[string]bool{}
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue // the README
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			old, new := loadPair(t, fixtureFile(t, dir, "old"), fixtureFile(t, dir, "new"))
			res := measure(old, new, readInspector(t, filepath.Join(dir, "inspector.jsonl")))
			t.Logf("Inspector %+v, ours %+v, disagreements by deviation %v", res.theirs, res.ours, res.byDeviation)
			if len(res.unclassified) > 0 {
				t.Errorf("%d unclassified disagreements:\n%s", len(res.unclassified), lines(res.unclassified))
			}
			for _, u := range append(res.unmarked, res.stray...) {
				t.Error(u)
			}
			for k := range res.theirsPresent {
				seen[k] = true
			}
			if want, _, _ := strings.Cut(name, "-"); deviationName.MatchString(want) {
				deviations[want] = true
				if res.byDeviation[want] == 0 || len(res.byDeviation) != 1 {
					t.Errorf("disagreements by deviation = %v, want only %s", res.byDeviation, want)
				}
				return
			}
			if len(res.byDeviation) > 0 {
				t.Errorf("disagreements by deviation = %v, want none", res.byDeviation)
			}
		})
	}
	for _, k := range diff.ChangeTypes() {
		if !k.IsExtension() && !seen[k] {
			t.Errorf("no fixture pair exercises %s", k)
		}
	}
	for _, d := range []string{"D1", "D2", "D3", "D4", "D5"} {
		if !deviations[d] {
			t.Errorf("no fixture pair for deviation %s", d)
		}
	}
}

// fixtureFile finds old.graphql or old.json (new.…) in a fixture directory.
func fixtureFile(t *testing.T, dir, base string) string {
	t.Helper()
	for _, ext := range []string{".graphql", ".json"} {
		p := filepath.Join(dir, base+ext)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("%s: no %s.graphql or %s.json", dir, base, base)
	return ""
}

// classify recognises a disagreement as an instance of a deviation by the
// rules of docs/breaking-changes.md §9.1, or returns "".
func classify(d disagreement, old, new *schema.Schema) string {
	k := d.key
	switch {
	// D1: an Inspector-only repeatable or description kind on an element
	// present in both, where one snapshot lacks that property.
	case !d.OursOnly && (k.Type == diff.DirectiveRepeatableAdded || k.Type == diff.DirectiveRepeatableRemoved) &&
		lookup(old, k.Path).exists && lookup(new, k.Path).exists &&
		!(old.Capabilities.DirectiveIsRepeatable && new.Capabilities.DirectiveIsRepeatable):
		return "D1"
	case !d.OursOnly && k.Type.IsDescription() && lookup(old, k.Path).exists && lookup(new, k.Path).exists &&
		!(old.Capabilities.Descriptions && new.Capabilities.Descriptions):
		return "D1"

	// D2: a default-changed kind, Inspector dangerous, ours breaking; the
	// old default present, the new one absent, the new type non-null.
	case (k.Type == diff.FieldArgumentDefaultChanged || k.Type == diff.InputFieldDefaultValueChanged || k.Type == diff.DirectiveArgumentDefaultValueChanged) &&
		(d.OursOnly && k.Level == diff.Breaking || !d.OursOnly && k.Level == diff.Dangerous):
		o, n := lookup(old, k.Path), lookup(new, k.Path)
		if o.defaultValue != nil && n.defaultValue == nil && n.typ != nil && n.typ.IsNonNull() {
			return "D2"
		}

	// D3: an argument added to an existing directive, Inspector breaking,
	// ours safe, the argument non-null with a default.
	case k.Type == diff.DirectiveArgumentAdded &&
		(d.OursOnly && k.Level == diff.NonBreaking || !d.OursOnly && k.Level == diff.Breaking):
		arg := lookup(new, k.Path+"."+k.Subject)
		if lookup(old, k.Path).exists && arg.typ != nil && arg.typ.IsNonNull() && arg.defaultValue != nil {
			return "D3"
		}

	// D4: repeatable removed, Inspector dangerous, ours breaking.
	case k.Type == diff.DirectiveRepeatableRemoved &&
		(d.OursOnly && k.Level == diff.Breaking || !d.OursOnly && k.Level == diff.Dangerous):
		return "D4"

	// D5: a deprecation kind on an element whose isDeprecated flag
	// disagrees with the nullness of its reason in either snapshot; or an
	// enum value un-deprecated from the reason "No longer supported" or "",
	// or whose new reason is "".
	case isDeprecationKind(k.Type):
		path := strings.TrimSuffix(k.Path, ".@deprecated")
		o, n := lookup(old, path), lookup(new, path)
		if o.flagDisagrees() || n.flagDisagrees() {
			return "D5"
		}
		if n.kind == "enum value" {
			if o.exists && o.deprecated && !n.deprecated && o.reason != nil && (*o.reason == "No longer supported" || *o.reason == "") {
				return "D5"
			}
			if n.deprecated && n.reason != nil && *n.reason == "" {
				return "D5"
			}
		}
	}
	return ""
}

func isDeprecationKind(t diff.ChangeType) bool {
	return strings.HasPrefix(string(t), "FIELD_DEPRECATION_") || strings.HasPrefix(string(t), "ENUM_VALUE_DEPRECATION_")
}

// element is what classify needs to know about the element at a path.
type element struct {
	exists       bool
	kind         string
	deprecated   bool
	reason       *string
	defaultValue *string
	typ          *schema.TypeRef
}

func (e element) flagDisagrees() bool { return e.exists && e.deprecated != (e.reason != nil) }

// lookup finds the element a change path names: T, T.f, T.f.a, I.f, E.V,
// @d, @d.a.
func lookup(s *schema.Schema, path string) element {
	parts := strings.Split(path, ".")
	if strings.HasPrefix(parts[0], "@") {
		d := s.Directive(parts[0][1:])
		switch {
		case d == nil:
			return element{}
		case len(parts) == 1:
			return element{exists: true, kind: "directive"}
		}
		for _, a := range d.Args {
			if a.Name == parts[1] {
				return element{exists: true, kind: "directive argument", defaultValue: a.DefaultValue, typ: a.Type}
			}
		}
		return element{}
	}
	t := s.Type(parts[0])
	if t == nil {
		return element{}
	}
	if len(parts) == 1 {
		return element{exists: true, kind: "type"}
	}
	if f := t.Field(parts[1]); f != nil {
		if len(parts) == 2 {
			return element{exists: true, kind: "field", deprecated: f.IsDeprecated, reason: f.DeprecationReason, typ: f.Type}
		}
		if a := f.Arg(parts[2]); a != nil {
			return element{exists: true, kind: "argument", deprecated: a.IsDeprecated, reason: a.DeprecationReason, defaultValue: a.DefaultValue, typ: a.Type}
		}
		return element{}
	}
	if f := t.InputField(parts[1]); f != nil {
		return element{exists: true, kind: "input field", deprecated: f.IsDeprecated, reason: f.DeprecationReason, defaultValue: f.DefaultValue, typ: f.Type}
	}
	for _, v := range t.EnumValues {
		if v.Name == parts[1] {
			return element{exists: true, kind: "enum value", deprecated: v.IsDeprecated, reason: v.DeprecationReason}
		}
	}
	return element{}
}

var deviationName = regexp.MustCompile(`^D[1-5]$`)
