package notify_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// hostile is schema text written to reach a Slack channel's members and to
// break out of the message's formatting.
const hostile = `<!channel> @here @Everyone <https://evil.example|click> & <@U123> ` + "`code`"

// fixture is a report with breaking and dangerous changes, one of them
// carrying hostile text (a default value is the server's free text), and an
// operation the breaking change breaks.
func fixture(t *testing.T, rules ...diff.Rule) *diff.Report {
	t.Helper()
	old, err := schema.Load("old.graphql", []byte(`type Query { user(id: ID!): User, users(filter: String = "all"): [User!]! }
type User { id: ID!, name: String, email: String, role: Role }
enum Role { ADMIN MEMBER }`))
	if err != nil {
		t.Fatal(err)
	}
	newSDL := `type Query { user(id: ID!): User, users(filter: String = ` + quote(hostile) + `): [User!]! }
type User { id: ID!, name: String, role: Role, avatar: String }
enum Role { ADMIN MEMBER GUEST }`
	new, err := schema.Load("new.graphql", []byte(newSDL))
	if err != nil {
		t.Fatal(err)
	}
	ops, err := diff.ParseOperations("users.graphql", "query Users { users { id email } }\n")
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(old, new, diff.Options{Operations: ops, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const prURL = "https://github.com/acme/api-client/pull/42"

func TestWebhookGolden(t *testing.T) {
	data, err := notify.Webhook(notify.Input{API: "railway", Report: fixture(t), PullRequestURL: prURL})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "webhook.golden"), data)
	var p notify.WebhookPayload
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if p.Verdict != "breaking" || p.Bump != diff.BumpMajor || p.Counts.Breaking != 1 || p.Counts.Dangerous != 2 || p.PR != prURL {
		t.Errorf("payload %+v", p)
	}
	if len(p.Changes) != 3 || p.Changes[0].Type != diff.FieldRemoved || strings.Join(p.Changes[0].Operations, ",") != "users.graphql" {
		t.Errorf("changes %+v", p.Changes)
	}
}

func TestSlackGolden(t *testing.T) {
	data, err := notify.Slack(notify.Input{API: "railway", Report: fixture(t), PullRequestURL: prURL})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "slack.golden"), data)
}

// TestSlackEscapesSchemaText: whatever the schema says, the Slack message
// has no raw <, > or & in its mrkdwn, and no live broadcast mention.
func TestSlackEscapesSchemaText(t *testing.T) {
	// Graded breaking, the hostile default value is among the changes listed.
	data, err := notify.Slack(notify.Input{API: "railway", Report: fixture(t, diff.DangerousBreaking), PullRequestURL: prURL})
	if err != nil {
		t.Fatal(err)
	}
	var msg struct {
		Text   string
		Blocks []struct {
			Type string
			Text *struct{ Type, Text string }
		}
	}
	if err := json.Unmarshal(data, &msg); err != nil {
		t.Fatal(err)
	}
	texts := []string{msg.Text}
	for _, b := range msg.Blocks {
		if b.Text != nil && b.Text.Type == "mrkdwn" {
			texts = append(texts, b.Text.Text)
		}
	}
	live := regexp.MustCompile(`(?i)[<>&]|@(channel|here|everyone)`)
	entities := strings.NewReplacer("&amp;", "", "&lt;", "", "&gt;", "")
	found := false
	for _, text := range texts {
		if m := live.FindString(entities.Replace(text)); m != "" {
			t.Errorf("live %q in %q", m, text)
		}
		found = found || strings.Contains(text, "&lt;!channel&gt;")
	}
	if !found {
		t.Errorf("the hostile default value is not in the message, escaped:\n%s", data)
	}
}

// TestSlackDangerousOnly: with nothing breaking, the dangerous changes are
// listed; more than the top ten are counted.
func TestSlackDangerousOnly(t *testing.T) {
	r := &diff.Report{}
	for range 12 {
		r.Changes = append(r.Changes, diff.Change{Type: diff.EnumValueAdded, Path: "Role.GUEST", Message: "Enum value 'GUEST' was added to enum 'Role'",
			Criticality: diff.Criticality{Level: diff.Dangerous, Reason: "Clients may not handle it."}})
	}
	data, err := notify.Slack(notify.Input{API: "demo", Report: r})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, "*Dangerous changes*") || !strings.Contains(s, "…and 2 more in the pull request") || strings.Contains(s, `"actions"`) {
		t.Errorf("message:\n%s", s)
	}
}

// TestNoSecretInPayloads: a token in the pull request's URL (user
// information) never reaches a payload; a URL that is not http(s) is an
// error.
func TestNoSecretInPayloads(t *testing.T) {
	const secret = "ghp_s3cr3tT0ken"
	in := notify.Input{API: "railway", Report: fixture(t), PullRequestURL: "https://x-access-token:" + secret + "@github.com/acme/api-client/pull/42"}
	for name, build := range map[string]func(notify.Input) ([]byte, error){"webhook": notify.Webhook, "slack": notify.Slack} {
		data, err := build(in)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), secret) || !strings.Contains(string(data), prURL) {
			t.Errorf("%s: the URL's user information is in the payload, or the URL is not:\n%s", name, data)
		}
		if _, err := build(notify.Input{API: "railway", PullRequestURL: "javascript:alert(1)"}); err == nil {
			t.Errorf("%s: a javascript: URL is accepted", name)
		}
		if _, err := build(notify.Input{API: "railway", Verdict: "fine"}); err == nil {
			t.Errorf("%s: an unknown verdict is accepted", name)
		}
	}
}

func TestVerdictOf(t *testing.T) {
	for _, tt := range []struct {
		levels []diff.Level
		want   string
	}{
		{nil, "none"},
		{[]diff.Level{diff.NonBreaking}, "safe"},
		{[]diff.Level{diff.NonBreaking, diff.Dangerous}, "dangerous"},
		{[]diff.Level{diff.Dangerous, diff.Breaking}, "breaking"},
	} {
		r := &diff.Report{}
		for _, l := range tt.levels {
			r.Changes = append(r.Changes, diff.Change{Criticality: diff.Criticality{Level: l}})
		}
		if got := notify.VerdictOf(r); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.levels, got, tt.want)
		}
	}
	if notify.VerdictOf(nil) != "none" {
		t.Error("nil report")
	}
}
