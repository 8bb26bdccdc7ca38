// Package sarif writes a diff's broken operations as a SARIF 2.1.0 log, for
// code scanning (GitHub's upload-sarif): one result per operation a change
// breaks, at the selection in the operation's .graphql file that no longer
// validates, with the change's kind as the rule.
//
// Like the other reports it is a pure function of the diff: the same report
// gives the same bytes.
package sarif

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"strings"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Version and SchemaURI identify the SARIF format written.
const (
	Version   = "2.1.0"
	SchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
)

// SourceRoot is the uriBaseId every file location is relative to: the
// repository's root, which upload-sarif resolves to the checkout.
const SourceRoot = "%SRCROOT%"

// RuleOperationBroken is the rule of an operation's validation error that
// no reported change explains (a change the rules hid, say): still a
// broken operation, reported so that it is not lost.
const RuleOperationBroken = "OPERATION_BROKEN"

// Options steer Log.
type Options struct {
	// OperationsDir is the operations directory relative to the source root
	// (the repository), with forward slashes: an operation's file is
	// OperationsDir/Operation.File. Empty for the root itself.
	OperationsDir string
	// InformationURI is the tool's home page; optional.
	InformationURI string
}

// Log builds the SARIF log of a report, indented, ending in a newline. A
// report without an operations check has no results.
func Log(r *diff.Report, opts Options) []byte {
	analysis := run{
		Tool: tool{Driver: driver{
			Name:           "schemawatch",
			InformationURI: opts.InformationURI,
			Version:        diff.EngineVersion,
			Rules:          []rule{},
		}},
		ColumnKind: "unicodeCodePoints", // gqlparser counts columns in runes
		Results:    []result{},
	}
	ruleIndex := map[string]int{}
	addRule := func(id string, c *diff.Change) int {
		if i, ok := ruleIndex[id]; ok {
			return i
		}
		ruleIndex[id] = len(analysis.Tool.Driver.Rules)
		analysis.Tool.Driver.Rules = append(analysis.Tool.Driver.Rules, newRule(id, c))
		return ruleIndex[id]
	}
	if r.Impact != nil {
		for _, res := range r.Impact.Operations {
			if res.Status != diff.StatusBroken {
				continue
			}
			op := res.Operation
			uri := path.Join(opts.OperationsDir, op.File)
			for _, e := range res.Errors {
				if len(e.Changes) == 0 {
					i := addRule(RuleOperationBroken, nil)
					analysis.Results = append(analysis.Results, newResult(RuleOperationBroken, i, "error", uri, op, e,
						"Operation "+opName(op)+" no longer validates: "+sentence(e.Message), ""))
					continue
				}
				for _, ci := range e.Changes {
					c := &r.Changes[ci]
					id := string(c.Type)
					i := addRule(id, c)
					msg := "Operation " + opName(op) + " breaks: " + sentence(c.Message) + " The new schema says: " + sentence(e.Message)
					analysis.Results = append(analysis.Results, newResult(id, i, level(c.Criticality.Level), uri, op, e, msg, c.Path))
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log{Schema: SchemaURI, Version: Version, Runs: []run{analysis}}); err != nil {
		panic("sarif: " + err.Error()) // plain structs of strings and ints always encode
	}
	return buf.Bytes()
}

// level maps a change's level to SARIF's: breaking → error, dangerous →
// warning, anything else (a change a rule downgraded) → note.
func level(l diff.Level) string {
	switch l {
	case diff.Breaking:
		return "error"
	case diff.Dangerous:
		return "warning"
	}
	return "note"
}

func opName(op *diff.Operation) string {
	if op.Name != "" {
		return op.Name
	}
	return op.ID
}

func newResult(ruleID string, ruleIndex int, lvl, uri string, op *diff.Operation, e diff.OperationError, msg, coordinate string) result {
	res := result{
		RuleID:    ruleID,
		RuleIndex: ruleIndex,
		Level:     lvl,
		Message:   message{Text: msg},
		Locations: []location{{PhysicalLocation: physicalLocation{
			ArtifactLocation: artifactLocation{URI: uri, URIBaseID: SourceRoot},
		}}},
		// Code scanning tracks an alert across runs by its fingerprint:
		// the same change breaking the same operation is the same alert,
		// wherever the selection moves in the file.
		PartialFingerprints: map[string]string{"schemawatch/v1": fingerprint(ruleID, coordinate, op.ID, e.Message)},
	}
	if e.Line > 0 {
		reg := &region{StartLine: e.Line}
		if e.Column > 0 {
			reg.StartColumn = e.Column
		}
		res.Locations[0].PhysicalLocation.Region = reg
	}
	if coordinate != "" {
		res.Locations[0].LogicalLocations = []logicalLocation{{FullyQualifiedName: coordinate, Kind: "member"}}
	}
	return res
}

// sentence ends s with a full stop unless it ends in punctuation already:
// the diff's messages have none, the validator's do.
func sentence(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}

func fingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:16])
}
