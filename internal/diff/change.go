package diff

import (
	"cmp"
	"slices"
	"strings"
)

// Level is how much a change can hurt the API's clients.
type Level string

// The three criticality levels (docs/breaking-changes.md §0).
const (
	// Breaking: operations or clients that worked before may fail.
	Breaking Level = "BREAKING"
	// Dangerous: every valid operation stays valid, but its result or
	// behaviour may change under a client that is not ready for it.
	Dangerous Level = "DANGEROUS"
	// NonBreaking: safe for every client.
	NonBreaking Level = "NON_BREAKING"
)

// Levels lists the levels from most to least severe.
var Levels = []Level{Breaking, Dangerous, NonBreaking}

// Rank orders levels by severity: 0 for breaking, 1 for dangerous, 2 for
// safe (and anything unknown); it is the level's index in Levels. Every
// place that groups or counts changes by level goes through it.
func (l Level) Rank() int {
	switch l {
	case Breaking:
		return 0
	case Dangerous:
		return 1
	}
	return 2
}

func (l Level) rank() int { return l.Rank() }

// Title names the level in headings: "Breaking", "Dangerous", "Safe".
func (l Level) Title() string { return [...]string{"Breaking", "Dangerous", "Safe"}[l.Rank()] }

// AtLeast reports whether l is as severe as min or more.
func (l Level) AtLeast(min Level) bool { return l.rank() <= min.rank() }

// Criticality is a change's level and why it has it.
type Criticality struct {
	Level Level `json:"level"`
	// Reason explains in one sentence why the change has this level; set
	// for every breaking and dangerous change.
	Reason string `json:"reason,omitempty"`
	// OriginalLevel is the level before a rule (docs/breaking-changes.md §5) changed it.
	OriginalLevel Level `json:"originalLevel,omitempty"`
	// IsSafeBasedOnUsage is set when the considerUsage rule downgraded the
	// change because no one uses what it touches.
	IsSafeBasedOnUsage bool `json:"isSafeBasedOnUsage,omitempty"`
}

// Change is one difference between two schemas.
type Change struct {
	Type        ChangeType  `json:"type"`
	Criticality Criticality `json:"criticality"`
	// Path locates the change (docs/breaking-changes.md §2): "Type", "Type.field",
	// "Type.field.arg", "Enum.VALUE", "@directive", "@directive.arg", with
	// ".@deprecated", ".@oneOf" or ".@specifiedBy" for those facts. Root
	// type changes have no path.
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	Meta    Meta   `json:"meta"`
}

// Meta holds the facts behind a change: the names its path is made of, the
// values before and after, and the flags that decided its level. Fields that
// do not apply to a change are left empty.
type Meta struct {
	TypeName      string `json:"typeName,omitempty"`
	FieldName     string `json:"fieldName,omitempty"` // a field or an input field
	ArgumentName  string `json:"argumentName,omitempty"`
	EnumValueName string `json:"enumValueName,omitempty"`
	DirectiveName string `json:"directiveName,omitempty"`

	// The subject of a change that shares its path with others (docs/breaking-changes.md §2).
	MemberName    string `json:"memberName,omitempty"`    // UNION_MEMBER_*
	InterfaceName string `json:"interfaceName,omitempty"` // OBJECT_TYPE_INTERFACE_*
	Location      string `json:"location,omitempty"`      // DIRECTIVE_LOCATION_*

	// Before and after. Types are printed in SDL notation ("[ID!]!"); root
	// changes put the root type names here and TYPE_KIND_CHANGED the
	// __TypeKind names. Defaults are GraphQL literals; nil means none.
	OldType        string  `json:"oldType,omitempty"`
	NewType        string  `json:"newType,omitempty"`
	OldDefault     *string `json:"oldDefault,omitempty"`
	NewDefault     *string `json:"newDefault,omitempty"`
	OldDescription *string `json:"oldDescription,omitempty"`
	NewDescription *string `json:"newDescription,omitempty"`
	OldReason      *string `json:"oldReason,omitempty"`
	NewReason      *string `json:"newReason,omitempty"`
	OldURL         *string `json:"oldURL,omitempty"`
	NewURL         *string `json:"newURL,omitempty"`

	// Flags that decided the level.
	IsSafeChange *bool `json:"isSafeChange,omitempty"`
	IsDeprecated *bool `json:"isDeprecated,omitempty"`
	HasDefault   *bool `json:"hasDefault,omitempty"`
	IsNonNull    *bool `json:"isNonNull,omitempty"`
	IsExecutable *bool `json:"isExecutable,omitempty"`
	// ContainerKind is "object type", "interface", "input object type",
	// "enum", "union" or "directive": what holds the changed element.
	ContainerKind string `json:"containerKind,omitempty"`
	// InAddedParent marks the contents of an added element (docs/breaking-changes.md §1.2),
	// which reports may fold under their parent.
	InAddedParent bool `json:"inAddedParent,omitempty"`
	// DeprecationStateChanged is set on the enum-value reason kinds when
	// they stand for a deprecation or its end, not a change of reason alone
	// (enum values have no deprecation kinds of their own).
	DeprecationStateChanged bool `json:"deprecationStateChanged,omitempty"`
	// Extension marks the kinds of docs/breaking-changes.md §3.9.
	Extension bool `json:"extension,omitempty"`
	// Deviation names the deliberate deviation from Inspector 8 (docs/breaking-changes.md §9,
	// "D2" …) that makes this change's identifier or level differ from what
	// Inspector would report.
	Deviation string `json:"deviation,omitempty"`
}

// Subject returns what tells apart changes that share a path and type: the
// union member, interface, directive location or directive argument.
func (c *Change) Subject() string {
	spec := kinds()[c.Type]
	if spec == nil {
		return ""
	}
	switch spec.subject {
	case subjectMember:
		return c.Meta.MemberName
	case subjectInterface:
		return c.Meta.InterfaceName
	case subjectLocation:
		return c.Meta.Location
	case subjectArgument:
		return c.Meta.ArgumentName
	}
	return ""
}

// compareChanges is the report order (docs/breaking-changes.md §8.1): level, path, identifier,
// subject, message. Each key is looked at only when the ones before it tie.
func compareChanges(a, b *Change) int {
	if c := cmp.Compare(a.Criticality.Level.rank(), b.Criticality.Level.rank()); c != 0 {
		return c
	}
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Subject(), b.Subject()); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// Sort puts changes in report order: breaking, dangerous, safe, then by
// path, identifier, subject and message. The order is total for the changes
// one comparison produces, so output is deterministic.
func Sort(changes []Change) {
	// Changes are large: sort their indexes, then move each into place
	// once, following the permutation's cycles.
	order := make([]int, len(changes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return compareChanges(&changes[i], &changes[j]) })
	for start := range order {
		if order[start] == start {
			continue
		}
		held := changes[start]
		to := start
		for {
			from := order[to]
			order[to] = to // in place
			if from == start {
				changes[to] = held
				break
			}
			changes[to] = changes[from]
			to = from
		}
	}
}

// changeLog collects the changes of one comparison in blocks that never
// move: a Change is large, and a slice grown by append would copy each one
// again at every doubling. sorted copies them once, in report order, into a
// slice of the exact length.
type changeLog struct {
	blocks [][]Change
	n      int
}

// changeBlock is the length of the largest block: a comparison with few
// changes takes a few small blocks, one with thousands a few dozen.
const changeBlock = 64

// next returns a new zero change at the end of the log.
func (l *changeLog) next() *Change {
	last := len(l.blocks) - 1
	if last < 0 || len(l.blocks[last]) == cap(l.blocks[last]) {
		size := changeBlock
		if n := len(l.blocks); n < 4 {
			size = 4 << n
		}
		l.blocks = append(l.blocks, make([]Change, 0, size))
		last++
	}
	l.blocks[last] = l.blocks[last][:len(l.blocks[last])+1]
	l.n++
	return &l.blocks[last][len(l.blocks[last])-1]
}

// sorted returns the changes in report order (see Sort); nil for none.
func (l *changeLog) sorted() []Change {
	if l.n == 0 {
		return nil
	}
	order := make([]*Change, 0, l.n)
	for _, b := range l.blocks {
		for i := range b {
			order = append(order, &b[i])
		}
	}
	slices.SortFunc(order, compareChanges)
	out := make([]Change, l.n)
	for i, c := range order {
		out[i] = *c
	}
	return out
}

// Summary counts changes per level.
type Summary struct {
	Breaking    int `json:"breaking"`
	Dangerous   int `json:"dangerous"`
	NonBreaking int `json:"nonBreaking"`
}

// Total is the number of changes.
func (s Summary) Total() int { return s.Breaking + s.Dangerous + s.NonBreaking }

// Count returns the number of changes of one level.
func (s Summary) Count(l Level) int { return s.counts()[l.Rank()] }

func (s Summary) counts() [3]int { return [3]int{s.Breaking, s.Dangerous, s.NonBreaking} }

// Summarize counts changes per level.
func Summarize(changes []Change) Summary {
	var n [3]int
	for i := range changes {
		n[changes[i].Criticality.Level.Rank()]++
	}
	return Summary{Breaking: n[0], Dangerous: n[1], NonBreaking: n[2]}
}

// Max returns the most severe level among changes, and false when there
// are none.
func Max(changes []Change) (Level, bool) {
	if len(changes) == 0 {
		return "", false
	}
	top := NonBreaking
	for i := range changes {
		if l := changes[i].Criticality.Level; l.rank() < top.rank() {
			top = l
		}
	}
	return top, true
}

// Bump is a semantic-versioning suggestion for an API version that carries
// a set of changes.
type Bump string

// Bumps, from largest to none.
const (
	BumpMajor Bump = "major" // something breaks
	BumpMinor Bump = "minor" // new or deprecated API, or a dangerous change
	BumpPatch Bump = "patch" // documentation only
	BumpNone  Bump = "none"  // no change at all
)

// SuggestBump maps changes to a semantic-versioning bump: major when any
// change is breaking; minor when any is dangerous or adds, widens or
// deprecates API (semver: "new, backward compatible functionality" or
// "functionality marked as deprecated"); patch when all that changed is
// descriptions and deprecation reasons; none when nothing changed.
func SuggestBump(changes []Change) Bump {
	bump := BumpNone
	for i := range changes {
		c := &changes[i]
		switch {
		case c.Criticality.Level == Breaking:
			return BumpMajor
		case c.Criticality.Level == Dangerous || !documentationOnly(c.Type):
			bump = BumpMinor
		case bump == BumpNone:
			bump = BumpPatch
		}
	}
	return bump
}

// documentationOnly reports whether a change type touches documentation
// only: descriptions, deprecation reasons and the specifiedBy URL.
func documentationOnly(t ChangeType) bool {
	switch t {
	case FieldDeprecationReasonAdded, FieldDeprecationReasonRemoved, FieldDeprecationReasonChanged,
		EnumValueDeprecationReasonChanged, FieldArgumentDeprecationReasonChanged,
		InputFieldDeprecationReasonChanged, ScalarSpecifiedByURLAdded:
		return true
	}
	return t.IsDescription()
}
