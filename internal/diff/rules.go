package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Rule is an opt-in transformation of the change list (docs/breaking-changes.md §5). Rules run
// in the order given to Apply, each on the output of the previous one; they
// change levels (keeping the original in Criticality.OriginalLevel) and may
// drop changes. The conformance measure runs without rules.
type Rule struct {
	// Name is Inspector 8's name of the rule.
	Name  string
	apply func(changes []Change, old, new *schema.Schema) []Change
}

// Apply runs rules over changes (in report order, as Changes returns them),
// in order, and returns the result in report order; changes itself is left
// as it was. old and new are the schemas the changes came from.
func Apply(changes []Change, old, new *schema.Schema, rules ...Rule) []Change {
	if len(rules) == 0 {
		return changes
	}
	out := slices.Clone(changes)
	for _, r := range rules {
		out = r.apply(out, old, new)
	}
	Sort(out)
	return out
}

// RuleByName returns the rule of that name, for command lines and
// configuration. ConsiderUsage needs a callback and is not found by name.
func RuleByName(name string) (Rule, bool) {
	for _, r := range NamedRules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// NamedRules are the rules that need no configuration, in the order the
// spec lists them.
var NamedRules = []Rule{DangerousBreaking, SuppressRemovalOfDeprecatedField, IgnoreDescriptionChanges, SafeUnreachable, SimplifyChanges}

// regrade changes a change's level, keeping the level the engine gave it
// in OriginalLevel while the two differ.
func regrade(c *Change, level Level, reason string) {
	if c.Criticality.OriginalLevel == "" {
		c.Criticality.OriginalLevel = c.Criticality.Level
	}
	if c.Criticality.OriginalLevel == level {
		c.Criticality.OriginalLevel = "" // a later rule undid an earlier one
	}
	c.Criticality.Level = level
	c.Criticality.Reason = reason
}

// DangerousBreaking grades every dangerous change breaking. Placed after a
// rule that downgrades breaking changes to dangerous, it undoes that rule.
var DangerousBreaking = Rule{Name: "dangerousBreaking", apply: func(changes []Change, _, _ *schema.Schema) []Change {
	for i := range changes {
		if c := &changes[i]; c.Criticality.Level == Dangerous {
			regrade(c, Breaking, "Dangerous changes count as breaking (rule dangerousBreaking): "+c.Criticality.Reason)
		}
	}
	return changes
}}

// SuppressRemovalOfDeprecatedField grades the removal of an element that was
// deprecated in the old schema dangerous instead of breaking: fields, enum
// values, input fields and arguments (the last two only when the old
// snapshot carries their deprecation), and types whose every reference sat
// on a deprecated element (R1: Inspector downgrades every removed type).
var SuppressRemovalOfDeprecatedField = Rule{Name: "suppressRemovalOfDeprecatedField", apply: func(changes []Change, old, _ *schema.Schema) []Change {
	const reason = "The removed element was deprecated (rule suppressRemovalOfDeprecatedField); clients had time to stop using it."
	for i := range changes {
		c := &changes[i]
		if c.Criticality.Level != Breaking {
			continue
		}
		switch c.Type {
		case FieldRemoved, EnumValueRemoved, InputFieldRemoved, FieldArgumentRemoved:
			if c.Meta.IsDeprecated != nil && *c.Meta.IsDeprecated {
				regrade(c, Dangerous, reason)
			}
		case TypeRemoved:
			if onlyDeprecatedReferences(old, c.Path) {
				regrade(c, Dangerous, "Every use of the removed type was deprecated (rule suppressRemovalOfDeprecatedField).")
			}
		}
	}
	return changes
}}

// onlyDeprecatedReferences reports whether every reference to the named
// type in s sits on a deprecated element: a field return type, an argument
// or input-field type. Union memberships, implemented interfaces and
// directive arguments cannot be deprecated, so any of them counts against.
func onlyDeprecatedReferences(s *schema.Schema, name string) bool {
	inputDeprecated := func(v *schema.InputValue) bool { return s.Capabilities.InputValueDeprecation && v.IsDeprecated }
	for _, t := range s.Types {
		if slices.Contains(t.Interfaces, name) || slices.Contains(t.PossibleTypes, name) {
			return false
		}
		for _, f := range t.Fields {
			if f.Type.NamedType() == name && !f.IsDeprecated {
				return false
			}
			for _, a := range f.Args {
				if a.Type.NamedType() == name && !f.IsDeprecated && !inputDeprecated(a) {
					return false
				}
			}
		}
		for _, f := range t.InputFields {
			if f.Type.NamedType() == name && !inputDeprecated(f) {
				return false
			}
		}
	}
	for _, d := range s.Directives {
		for _, a := range d.Args {
			if a.Type.NamedType() == name {
				return false
			}
		}
	}
	return true
}

// IgnoreDescriptionChanges drops every description change, the type
// description kinds included (R3). Deprecation reasons are kept.
var IgnoreDescriptionChanges = Rule{Name: "ignoreDescriptionChanges", apply: func(changes []Change, _, _ *schema.Schema) []Change {
	return slices.DeleteFunc(changes, func(c Change) bool { return c.Type.IsDescription() })
}}

// SafeUnreachable grades breaking changes safe when they touch a type no
// operation can reach in the old schema. Directive paths and path-less root
// changes are never touched, and messages are kept (R2).
var SafeUnreachable = Rule{Name: "safeUnreachable", apply: func(changes []Change, old, _ *schema.Schema) []Change {
	reachable := reachableTypes(old)
	for i := range changes {
		c := &changes[i]
		if c.Criticality.Level != Breaking || c.Path == "" || strings.HasPrefix(c.Path, "@") {
			continue
		}
		if typ, _, _ := strings.Cut(c.Path, "."); !reachable[typ] {
			regrade(c, NonBreaking, fmt.Sprintf("No operation can reach type '%s' from a root type (rule safeUnreachable).", typ))
		}
	}
	return changes
}}

// reachableTypes returns the types reachable from the root types of s,
// following field return types, argument types, implementations of
// interfaces, union members and input-field types.
func reachableTypes(s *schema.Schema) map[string]bool {
	implementations := map[string][]string{}
	for _, t := range s.Types {
		for _, i := range t.Interfaces {
			implementations[i] = append(implementations[i], t.Name)
		}
	}
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		t := s.Type(name)
		if t == nil {
			return
		}
		for _, impl := range implementations[name] {
			visit(impl)
		}
		for _, f := range t.Fields {
			visit(f.Type.NamedType())
			for _, a := range f.Args {
				visit(a.Type.NamedType())
			}
		}
		for _, m := range t.PossibleTypes {
			visit(m)
		}
		for _, f := range t.InputFields {
			visit(f.Type.NamedType())
		}
	}
	for _, root := range []string{s.QueryType, s.MutationType, s.SubscriptionType} {
		if root != "" {
			visit(root)
		}
	}
	return seen
}

// SimplifyChanges drops the contents of added elements, so that an added
// type, field or directive is reported once (R5).
var SimplifyChanges = Rule{Name: "simplifyChanges", apply: func(changes []Change, _, _ *schema.Schema) []Change {
	return slices.DeleteFunc(changes, func(c Change) bool { return c.Meta.InAddedParent })
}}

// UsageEntry is what ConsiderUsage asks about a breaking change: the first
// segments of its path, and the change itself.
type UsageEntry struct {
	Type     string
	Field    string // "" when the path has one segment
	Argument string // "" when it has fewer than three
	Change   *Change
}

// prefix joins the entry back into a path prefix.
func (e UsageEntry) prefix() string {
	p := e.Type
	if e.Field != "" {
		p += "." + e.Field
		if e.Argument != "" {
			p += "." + e.Argument
		}
	}
	return p
}

// ConsiderUsage grades breaking changes dangerous when nobody uses what they
// touch. unused receives an entry per breaking change with a path and
// returns, for each, whether nobody uses it; every breaking change whose
// path is an approved prefix, or lies below one (whole segments only, R4),
// becomes dangerous with IsSafeBasedOnUsage set.
func ConsiderUsage(unused func([]UsageEntry) []bool) Rule {
	return Rule{Name: "considerUsage", apply: func(changes []Change, _, _ *schema.Schema) []Change {
		var entries []UsageEntry
		for i := range changes {
			c := &changes[i]
			if c.Criticality.Level != Breaking || c.Path == "" {
				continue
			}
			parts := strings.SplitN(c.Path, ".", 4)
			e := UsageEntry{Type: parts[0], Change: c}
			if len(parts) > 1 {
				e.Field = parts[1]
			}
			if len(parts) > 2 {
				e.Argument = parts[2]
			}
			entries = append(entries, e)
		}
		if len(entries) == 0 {
			return changes
		}
		answers := unused(entries)
		var approved []string
		for i, e := range entries {
			if i < len(answers) && answers[i] {
				approved = append(approved, e.prefix())
			}
		}
		for i := range changes {
			c := &changes[i]
			if c.Criticality.Level != Breaking || c.Path == "" {
				continue
			}
			if slices.ContainsFunc(approved, func(p string) bool { return c.Path == p || strings.HasPrefix(c.Path, p+".") }) {
				regrade(c, Dangerous, "No known operation uses what this change touches (rule considerUsage).")
				c.Criticality.IsSafeBasedOnUsage = true
				c.Message += " (non-breaking based on usage)"
			}
		}
		return changes
	}}
}
