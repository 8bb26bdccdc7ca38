package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// Slack's limits (https://api.slack.com/reference/block-kit/blocks): a
// section's text holds at most 3,000 characters, a header's 150.
const (
	slackSectionLimit = 3000
	slackHeaderLimit  = 150
	// SlackTopChanges is how many changes the message lists; the rest are
	// counted, the pull request has them all.
	SlackTopChanges = 10
	// slackItemLimit cuts one change's line, so that ten fit a section.
	slackItemLimit = 280
)

type slackMessage struct {
	Text   string       `json:"text"` // the notification's fallback text
	Blocks []slackBlock `json:"blocks"`
}

type slackBlock struct {
	Type     string        `json:"type"`
	Text     *slackText    `json:"text,omitempty"`
	Elements []slackButton `json:"elements,omitempty"`
}

type slackText struct {
	Type  string `json:"type"` // plain_text or mrkdwn
	Text  string `json:"text"`
	Emoji bool   `json:"emoji,omitempty"`
}

type slackButton struct {
	Type string     `json:"type"`
	Text *slackText `json:"text,omitempty"`
	URL  string     `json:"url,omitempty"`
}

// Slack builds a Slack incoming webhook's Block Kit message: the verdict,
// the counts, the top breaking (else dangerous) changes and a button to the
// pull request. Indented, ending in a newline.
func Slack(in Input) ([]byte, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	s := in.summary()
	headline := fmt.Sprintf("%s: %s", in.API, map[string]string{
		VerdictBreaking:  "breaking schema changes",
		VerdictDangerous: "dangerous schema changes",
		VerdictSafe:      "safe schema changes",
		VerdictNone:      "no schema changes",
	}[in.Verdict])
	counts := fmt.Sprintf("*%d* breaking · *%d* dangerous · *%d* safe · suggested version bump: *%s*",
		s.Breaking, s.Dangerous, s.NonBreaking, escape(string(in.Bump)))
	msg := slackMessage{
		Text: escape(headline) + fmt.Sprintf(" (%d breaking, %d dangerous, %d safe)", s.Breaking, s.Dangerous, s.NonBreaking),
		Blocks: []slackBlock{
			{Type: "header", Text: &slackText{Type: "plain_text", Text: cut(headline, slackHeaderLimit), Emoji: true}},
			{Type: "section", Text: &slackText{Type: "mrkdwn", Text: counts}},
		},
	}
	if list := topChanges(in); list != "" {
		msg.Blocks = append(msg.Blocks, slackBlock{Type: "section", Text: &slackText{Type: "mrkdwn", Text: list}})
	}
	if in.PullRequestURL != "" {
		msg.Blocks = append(msg.Blocks, slackBlock{Type: "actions", Elements: []slackButton{{
			Type: "button",
			Text: &slackText{Type: "plain_text", Text: "Review the pull request"},
			URL:  in.PullRequestURL,
		}}})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(msg); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// topChanges lists the first SlackTopChanges breaking changes, or the
// dangerous ones when nothing breaks, as mrkdwn.
func topChanges(in Input) string {
	var idx []int
	title := "Breaking changes"
	for _, i := range notable(in.Report) {
		if lvl := in.Report.Changes[i].Criticality.Level; len(idx) == 0 || lvl == in.Report.Changes[idx[0]].Criticality.Level {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return ""
	}
	if in.Report.Changes[idx[0]].Criticality.Level != "BREAKING" {
		title = "Dangerous changes"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "*%s*", title)
	for n, i := range idx {
		if n == SlackTopChanges {
			fmt.Fprintf(&b, "\n…and %d more in the pull request", len(idx)-n)
			break
		}
		c := &in.Report.Changes[i]
		line := "• " + code(string(c.Type))
		if c.Path != "" {
			line += " " + code(c.Path)
		}
		line += " " + escape(cut(c.Message, slackItemLimit))
		broken := 0
		for _, op := range affected(in.Report, i) {
			if op.Broken {
				broken++
			}
		}
		if broken > 0 {
			line += fmt.Sprintf(" _(breaks %d operation%s)_", broken, map[bool]string{true: "", false: "s"}[broken == 1])
		}
		b.WriteString("\n" + line)
	}
	return cut(b.String(), slackSectionLimit)
}

// escape makes untrusted text inert in Slack's mrkdwn: &, < and > as
// entities (so no <!channel>, <@U…> or <url|link> can be written), and the
// broadcast mentions Slack would notify on (@channel, @here, @everyone)
// broken by a zero-width space after the @. Formatting characters are
// left: they can emphasise but not reach anyone.
func escape(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	return mention.ReplaceAllString(s, "@\u200b$1")
}

// mention matches the broadcast mentions, in any case.
var mention = lazyregexp.New(`(?i)@(channel|here|everyone)`)

// code sets untrusted text in an inline code span: escaped, with its
// backticks (which would end the span) made typographic quotes.
func code(s string) string {
	return "`" + escape(strings.ReplaceAll(cut(s, slackItemLimit), "`", "ʼ")) + "`"
}

// cut shortens s to at most n characters, ending in "…" when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
