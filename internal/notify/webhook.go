package notify

import (
	"bytes"
	"encoding/json"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// WebhookFormat names the generic webhook payload's shape. It changes only
// when a field's meaning changes or a field is removed.
const WebhookFormat = "schemawatch.notify/v1"

// WebhookPayload is the generic webhook's JSON document.
type WebhookPayload struct {
	Format  string        `json:"format"`
	API     string        `json:"api"`
	Verdict string        `json:"verdict"`
	Counts  Counts        `json:"counts"`
	Bump    diff.Bump     `json:"bump"`
	PR      string        `json:"pullRequest,omitempty"`
	Changes []WebhookItem `json:"changes"`
}

// Counts counts the changes per level.
type Counts struct {
	Breaking  int `json:"breaking"`
	Dangerous int `json:"dangerous"`
	Safe      int `json:"safe"`
	Total     int `json:"total"`
}

// WebhookItem is one breaking or dangerous change.
type WebhookItem struct {
	Level   diff.Level      `json:"level"`
	Type    diff.ChangeType `json:"type"`
	Path    string          `json:"path,omitempty"`
	Message string          `json:"message"`
	Reason  string          `json:"reason,omitempty"`
	// Operations are the IDs of the client operations the change breaks
	// (absent when none were checked).
	Operations []string `json:"breaksOperations,omitempty"`
}

// Webhook builds the generic webhook's JSON: the API, the verdict, the
// counts per level, the suggested bump, the pull request, and every
// breaking and dangerous change with the operations it breaks. Indented,
// ending in a newline; the same input gives the same bytes.
func Webhook(in Input) ([]byte, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	s := in.summary()
	p := WebhookPayload{
		Format:  WebhookFormat,
		API:     in.API,
		Verdict: in.Verdict,
		Counts:  Counts{Breaking: s.Breaking, Dangerous: s.Dangerous, Safe: s.NonBreaking, Total: s.Total()},
		Bump:    in.Bump,
		PR:      in.PullRequestURL,
		Changes: []WebhookItem{},
	}
	for _, i := range notable(in.Report) {
		c := &in.Report.Changes[i]
		item := WebhookItem{Level: c.Criticality.Level, Type: c.Type, Path: c.Path, Message: c.Message, Reason: c.Criticality.Reason}
		for _, op := range affected(in.Report, i) {
			if op.Broken {
				item.Operations = append(item.Operations, op.ID)
			}
		}
		p.Changes = append(p.Changes, item)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
