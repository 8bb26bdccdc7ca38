package notify

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEscape: whatever a schema says, escaped mrkdwn has no raw <, > or &
// outside the three entities, and no live broadcast mention.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"<!channel>", "@here", "@EVERYONE &amp;", "<https://x|y>", "a`b", "@@channel", "&lt;"} {
		f.Add(s)
	}
	live := regexp.MustCompile(`(?i)[<>&]|@(channel|here|everyone)`)
	entities := strings.NewReplacer("&amp;", "", "&lt;", "", "&gt;", "")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{escape(s), code(s)} {
			if m := live.FindString(entities.Replace(out)); m != "" {
				t.Errorf("%q escapes to %q: live %q", s, out, m)
			}
		}
		if out := cut(s, 10); utf8.ValidString(s) && utf8.RuneCountInString(out) > 10 {
			t.Errorf("cut(%q, 10) = %q", s, out)
		}
		if c := code(s); strings.Count(c, "`") != 2 {
			t.Errorf("code(%q) = %q: a backtick ends the span early", s, c)
		}
	})
}

// FuzzParseDestination: a --notify value parses to a destination that
// passes its own check, or fails with an error that never quotes a URL.
func FuzzParseDestination(f *testing.F) {
	for _, s := range []string{"slack=SLACK_WEBHOOK_URL", "webhook=X", "slack=https://h/k", "=", "teams=A", "slack= A "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDestination(s)
		if err != nil {
			if strings.Contains(s, "://") && strings.Contains(err.Error(), "://") {
				t.Errorf("%q: the error quotes a URL: %v", s, err)
			}
			return
		}
		if err := d.Check(); err != nil {
			t.Errorf("%q parses to %v, which fails its check: %v", s, d, err)
		}
	})
}
