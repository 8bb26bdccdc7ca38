package report

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// Format identifies the JSON document's shape. It changes only when a
// field's meaning changes or a field is removed; new fields may appear
// without a change.
const Format = "schemawatch.diff/v1"

// Document is the JSON report, documented field by field in
// docs/report-json.md.
type Document struct {
	Format   string     `json:"format"`
	Engine   Engine     `json:"engine"`
	Baseline string     `json:"baseline"`
	Old      string     `json:"old"`
	New      string     `json:"new"`
	Rules    []string   `json:"rules"`
	Summary  Summary    `json:"summary"`
	Bump     diff.Bump  `json:"bump"`
	Changes  []Change   `json:"changes"`
	Usage    *UsageInfo `json:"operations,omitempty"`
	// Deprecations are Notices.Deprecations; absent when the caller knew
	// none (diff alone), [] when it looked and found none.
	Deprecations *[]DeprecationNotice `json:"deprecations,omitempty"`
}

// Engine names the program that compared the schemas.
type Engine struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts the changes per level.
type Summary struct {
	Breaking    int `json:"breaking"`
	Dangerous   int `json:"dangerous"`
	NonBreaking int `json:"nonBreaking"`
	Total       int `json:"total"`
}

// Change is one change with the operations it concerns.
type Change struct {
	diff.Change
	// Operations is present when operations were checked: the operations
	// the change concerns ([] for none); absent otherwise.
	Operations *[]diff.AffectedOperation `json:"operations,omitempty"`
	// Removal is how a removed element had been announced, when the
	// caller knew (Notices.Removals).
	Removal *RemovalNotice `json:"removal,omitempty"`
}

// UsageInfo is the outcome of checking operations.
type UsageInfo struct {
	Checked int `json:"checked"`
	Valid   int `json:"valid"`
	Broken  int `json:"broken"`
	Invalid int `json:"invalid"`
	// UnusedBreaking counts the breaking changes that concern no operation.
	UnusedBreaking int                    `json:"unusedBreaking"`
	Results        []diff.OperationResult `json:"results"`
}

// NewDocument builds the JSON document of a report.
func NewDocument(r *diff.Report) *Document { return NewDocumentWith(r, nil) }

// NewDocumentWith builds the JSON document of a report with the notices
// the caller computed (nil: none known).
func NewDocumentWith(r *diff.Report, n *Notices) *Document {
	s := r.Summary()
	doc := &Document{
		Format:   Format,
		Engine:   Engine{Name: "schemawatch", Version: diff.EngineVersion},
		Baseline: diff.Baseline,
		Old:      r.Old,
		New:      r.New,
		Rules:    append([]string{}, r.Rules...),
		Summary:  Summary{Breaking: s.Breaking, Dangerous: s.Dangerous, NonBreaking: s.NonBreaking, Total: s.Total()},
		Bump:     r.Bump(),
		Changes:  make([]Change, len(r.Changes)),
	}
	for i, c := range r.Changes {
		doc.Changes[i].Change = c
		if r.Impact != nil {
			affected := append([]diff.AffectedOperation{}, r.Impact.Affected[i]...)
			doc.Changes[i].Operations = &affected
		}
		if n != nil && isRemoval(c.Type) {
			if notice, ok := n.Removals[c.Path]; ok {
				doc.Changes[i].Removal = &notice
			}
		}
	}
	if n != nil {
		list := append([]DeprecationNotice{}, n.Deprecations...)
		doc.Deprecations = &list
	}
	if im := r.Impact; im != nil {
		doc.Usage = &UsageInfo{
			Checked:        len(im.Operations),
			Valid:          im.Count(diff.StatusValid),
			Broken:         im.Count(diff.StatusBroken),
			Invalid:        im.Count(diff.StatusInvalid),
			UnusedBreaking: len(r.Unused()),
			Results:        append([]diff.OperationResult{}, im.Operations...),
		}
	}
	return doc
}

// jsonOptions write the document exactly as encoding/json's Encoder does,
// with SetEscapeHTML(false) and a two-space indent (the v1 semantics of
// omitempty, nil slices and escaping), in one pass instead of marshalling
// and then indenting; text that is not UTF-8 is an error, and goes to
// encoding/json (FuzzJSONBytes holds the two to the same bytes).
var jsonOptions = json.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.AllowInvalidUTF8(false), jsontext.EscapeForHTML(false), jsontext.WithIndent("  "))

// JSON renders the report as an indented JSON document ending in a newline.
func JSON(r *diff.Report) []byte { return JSONWith(r, nil) }

// JSONWith renders the report and the caller's notices (nil: none known)
// as JSON.
func JSONWith(r *diff.Report, n *Notices) []byte {
	doc := NewDocumentWith(r, n)
	var buf bytes.Buffer
	buf.Grow(4096 + 640*len(r.Changes)) // a change takes about 500 bytes: grow once, if at all
	if err := json.MarshalWrite(&buf, doc, jsonOptions); err == nil {
		buf.WriteByte('\n')
		return buf.Bytes()
	}
	// Text that is not UTF-8: encoding/json writes each bad byte as
	// \ufffd, which the one-pass writer cannot.
	buf.Reset()
	enc := stdjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		// Every value in a Document is marshalable.
		panic(fmt.Sprintf("report: marshal JSON: %v", err))
	}
	return buf.Bytes()
}
