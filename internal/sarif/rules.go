package sarif

import (
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// kindDescription is the one-line description of a change kind: its
// identifier in words ("FIELD_REMOVED" → "Field removed"). Another change-
// kind table is being built in internal/diff; when it has descriptions,
// this is the one function to point at it.
func kindDescription(t string) string {
	words := strings.ToLower(strings.ReplaceAll(t, "_", " "))
	if words == "" {
		return ""
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// ruleName is a change kind in SARIF's PascalCase rule-name style
// ("FIELD_REMOVED" → "FieldRemoved").
func ruleName(t string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.ToLower(t), "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// newRule describes a rule from the first change of its kind: the kind in
// words, and as help why such a change breaks operations (the change's
// reason, which says so for its kind).
func newRule(id string, first *diff.Change) rule {
	r := rule{
		ID:               id,
		Name:             ruleName(id),
		ShortDescription: message{Text: kindDescription(id)},
		Properties:       &properties{Tags: []string{"graphql", "schema-change"}},
	}
	if first == nil {
		r.ShortDescription.Text = "Operation no longer validates"
		r.FullDescription = &message{Text: "The operation validated against the old schema and does not against the new one, at a place no reported change explains."}
		r.Help = &message{Text: "Compare the operation with the new schema and update it; the result's message quotes the validation error."}
		r.DefaultConfiguration = &configuration{Level: "error"}
		return r
	}
	help := kindDescription(id) + ": " + sentence(first.Message)
	if first.Criticality.Reason != "" {
		help += " " + sentence(first.Criticality.Reason)
	}
	help += " Update the operation to the new schema, or ask the API's owners about the change."
	r.FullDescription = &message{Text: kindDescription(id) + " in the GraphQL schema, which breaks an operation that uses it."}
	r.Help = &message{Text: help}
	r.DefaultConfiguration = &configuration{Level: level(first.Criticality.Level)}
	r.Properties.Tags = append(r.Properties.Tags, strings.ToLower(strings.ReplaceAll(string(first.Criticality.Level), "_", "-")))
	return r
}
