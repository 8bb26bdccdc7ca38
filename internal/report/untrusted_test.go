package report_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// hostileTexts are what an API can put into descriptions, deprecation
// reasons and default values, which change messages quote.
var hostileTexts = []string{
	"ping @octocat about it",
	"ask @github/security-team now",
	"log in at https://evil.example/login to keep access",
	"HTTP://EVIL.EXAMPLE/upper works too",
	"see www.evil.example/account",
	"(www.evil.example)",
	"mail admin@evil.example",
	"fixes #12 and octo/repo#34",
	"a `code` span with @octocat in it",
	"``@octocat`` in double backticks",
	"\\@octocat behind a backslash",
	"<a href=\"https://evil.example\">click</a>",
	"[click](https://evil.example)",
	"escape \x1b[2J bell \a override \u202egnp.exe",
}

// hostileReport is the report of a schema change in which every kind of
// schema text (type and field descriptions, deprecation reasons, default
// values) carries the hostile texts.
func hostileReport(t *testing.T) *diff.Report {
	t.Helper()
	var oldSDL, newSDL strings.Builder
	oldSDL.WriteString("type Query {\n")
	newSDL.WriteString("type Query {\n")
	for i, text := range hostileTexts {
		q := graphQLString(text)
		n := string(rune('a' + i))
		oldSDL.WriteString("  " + n + "(x: String = \"old\"): String\n")
		newSDL.WriteString("  " + q + " " + n + "(x: String = " + q + "): String @deprecated(reason: " + q + ")\n")
	}
	oldSDL.WriteString("}\n")
	newSDL.WriteString("}\n")
	load := func(name, sdl string) *schema.Schema {
		s, err := schema.ParseSDL(name, sdl)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, sdl)
		}
		return s
	}
	r, err := diff.Compare(load("old", oldSDL.String()), load("new", newSDL.String()), diff.Options{OldName: "old.graphql", NewName: "new.graphql"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func graphQLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20:
			b.WriteString(`\u00` + string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15]))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// gitHubLinks lists what GitHub would turn into a link or a notification
// in Markdown: @mentions (of users and teams), URLs with a scheme, www.
// links, e-mail addresses and issue references, anywhere but in code spans
// (where GitHub leaves text alone). It reads the Markdown as GitHub does as
// far as that matters: code spans per CommonMark (a run of n backticks up to
// the next run of exactly n), backslash escapes and entities undone, since
// GitHub links the text they leave.
func gitHubLinks(md string) []string {
	var text strings.Builder
	for i := 0; i < len(md); {
		if md[i] == '\\' && i+1 < len(md) {
			text.WriteByte(md[i+1])
			i += 2
			continue
		}
		if md[i] != '`' {
			text.WriteByte(md[i])
			i++
			continue
		}
		n := 0
		for i+n < len(md) && md[i+n] == '`' {
			n++
		}
		end := closingRun(md[i+n:], n)
		if end < 0 {
			text.WriteString(md[i : i+n])
			i += n
			continue
		}
		text.WriteString(" ")
		i += n + end + n
	}
	plain := html.UnescapeString(text.String())
	return gitHubLink.FindAllString(plain, -1)
}

var gitHubLink = regexp.MustCompile(`(?i)(^|[^\w` + "`" + `])@[a-z0-9][\w-]*|[a-z][a-z0-9+.-]*://|(^|[\s*_~(])www\.|[\w.+-]+@[\w-]+\.[\w-]+|(^|[^\w&])#\d+`)

// closingRun returns the offset in s of the next run of exactly n
// backticks, or -1.
func closingRun(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		m := 0
		for i+m < len(s) && s[i+m] == '`' {
			m++
		}
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

func TestGitHubLinksFindsWhatGitHubLinks(t *testing.T) {
	for _, md := range []string{"hi @octocat", "https://x.example", "see www.x.example", "a@b.example", "fixes #1", `\@octocat`, "&#64;octocat", "``x`` @octocat"} {
		if len(gitHubLinks(md)) == 0 {
			t.Errorf("gitHubLinks(%q) found nothing", md)
		}
	}
	for _, md := range []string{"`@octocat`", "`` `@octocat` ``", "`https://x.example`", "plain text", "Query.a"} {
		if got := gitHubLinks(md); len(got) > 0 {
			t.Errorf("gitHubLinks(%q) = %q, want nothing", md, got)
		}
	}
}

// TestMarkdownNeutralisesMentionsAndLinks: schema text in a pull-request
// body neither notifies anyone nor links anywhere, and stays readable.
func TestMarkdownNeutralisesMentionsAndLinks(t *testing.T) {
	md := report.Markdown(hostileReport(t), report.MarkdownOptions{})
	for _, line := range strings.Split(md, "\n") {
		if found := gitHubLinks(line); len(found) > 0 {
			t.Errorf("GitHub would link or notify %q in:\n%s", found, line)
		}
	}
	for _, readable := range []string{"`@octocat`", "`https://evil.example/login`", "`www.evil.example/account`", "`@github/security-team`", "(`www.evil.example`)", "`admin@evil.example`"} {
		if !strings.Contains(md, readable) {
			t.Errorf("the body does not show %s as code", readable)
		}
	}
	if strings.Contains(md, "<a ") {
		t.Error("the body holds an HTML link")
	}
	if strings.ContainsAny(md, "\x1b\a\u202e") {
		t.Error("the body holds control or bidi characters")
	}
}

// TestTextEscapesControls: the terminal report shows control and bidi
// characters from the schema as escapes, and colour codes only its own.
func TestTextEscapesControls(t *testing.T) {
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := report.Text(&b, hostileReport(t), report.TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if color {
			// The report's own styles are ESC [ … m; nothing else may
			// hold an ESC.
			out = regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(out, "")
		}
		if strings.ContainsAny(out, "\x1b\a\u202e") {
			t.Errorf("color=%v: the text report holds raw control or bidi characters:\n%q", color, out)
		}
		if !strings.Contains(out, `\x1b[2J`) || !strings.Contains(out, `\u202e`) {
			t.Errorf("color=%v: the escapes are not shown", color)
		}
	}
}
