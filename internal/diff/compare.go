package diff

import (
	"github.com/schemawatch/schemawatch/internal/schema"
)

// Baseline names the tool whose identifiers, paths and levels the engine
// follows (docs/breaking-changes.md §0).
const Baseline = "@graphql-inspector/core 8.0.0"

// EngineVersion changes whenever the engine's output for the same two
// schemas would change, so that stored reports say which engine made them.
const EngineVersion = "1"

// Report is one comparison, ready for rendering (package report): where the
// two schemas came from, the rules applied, the changes after them, and what
// they do to the operations checked.
type Report struct {
	// Old and New identify the two snapshots: file names or commits.
	Old, New string
	// Rules names the rules applied, in order.
	Rules []string
	// Changes in report order.
	Changes []Change
	// Impact is nil when no operations were checked; then its
	// Affected[i] belongs to Changes[i].
	Impact *Impact
}

// Options steer Compare.
type Options struct {
	// OldName and NewName identify the snapshots in the report.
	OldName, NewName string
	// Rules are applied in order after the comparison (docs/breaking-changes.md §5).
	Rules []Rule
	// Operations, when given, are checked against both schemas.
	Operations []*Operation
}

// Compare diffs old and new, applies the rules and checks the operations.
// The error is about the operations check: a schema gqlparser cannot build.
func Compare(old, new *schema.Schema, opts Options) (*Report, error) {
	r := &Report{Old: opts.OldName, New: opts.NewName, Changes: Apply(Changes(old, new), old, new, opts.Rules...)}
	for _, rule := range opts.Rules {
		r.Rules = append(r.Rules, rule.Name)
	}
	if opts.Operations != nil {
		im, err := Analyze(old, new, r.Changes, opts.Operations)
		if err != nil {
			return nil, err
		}
		r.Impact = im
	}
	return r, nil
}

// Summary counts the report's changes per level.
func (r *Report) Summary() Summary { return Summarize(r.Changes) }

// Bump suggests a semantic-versioning bump for the report's changes.
func (r *Report) Bump() Bump { return SuggestBump(r.Changes) }

// Unused returns the indexes of the breaking changes that concern none of
// the operations checked; nil when none were checked.
func (r *Report) Unused() []int {
	if r.Impact == nil {
		return nil
	}
	var out []int
	for i := range r.Changes {
		if r.Changes[i].Criticality.Level == Breaking && len(r.Impact.Affected[i]) == 0 {
			out = append(out, i)
		}
	}
	return out
}
