package history

import (
	"regexp"
	"strings"

	"github.com/schemawatch/schemawatch/internal/termsafe"
)

// Schema text (names, messages quoting descriptions, deprecation reasons,
// file names) is untrusted: in Markdown it must not become formatting,
// HTML, a link or a notification. Package report does the same for the
// pull-request body but keeps its helper unexported; this is the same rule,
// kept local until one is shared.

// mdEscaper escapes what Markdown would read as formatting or HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "#", `\#`, "~", `\~`, "!", `\!`,
)

// mdLinkable matches what GitHub links or notifies even when every Markdown
// character around it is escaped: URLs with any scheme, www. links,
// @mentions and e-mail addresses, and issue references (#12, owner/repo#12,
// GH-12). In a code span GitHub does neither.
var mdLinkable = regexp.MustCompile(`(?i)[a-z][a-z0-9+.-]*://[^\s'"<>]*|\bwww\.[^\s'"<>]*|[\w.+-]*@[\w-]+(?:[./][\w-]+)*|(?:[\w.-]+/[\w.-]+)?#\d+|\bgh-\d+`)

// mdText renders untrusted text as inert Markdown prose on one line:
// control and bidi characters shown as escapes (termsafe, which also turns
// newlines into \x0a), formatting escaped, and whatever GitHub would link or
// notify put in a code span.
func mdText(s string) string {
	s = termsafe.String(s)
	var b strings.Builder
	// The search starts again after each code span: what follows a span
	// starts a word for GitHub ("#1www.x" links www.x once #1 is code).
	for {
		m := mdLinkable.FindStringIndex(s)
		if m == nil {
			break
		}
		end := m[1]
		// Punctuation that ends a sentence stays prose.
		for end > m[0]+1 && strings.IndexByte(".,:;!?)", s[end-1]) >= 0 {
			end--
		}
		b.WriteString(mdEscaper.Replace(s[:m[0]]))
		b.WriteString(mdCode(s[m[0]:end]))
		s = s[end:]
	}
	b.WriteString(mdEscaper.Replace(s))
	return b.String()
}

// mdCode puts text in a code span its own backticks cannot end; inside a
// code span nothing is formatting, a link or a notification.
func mdCode(s string) string {
	s = termsafe.String(s)
	if s == "" {
		return "(none)"
	}
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
