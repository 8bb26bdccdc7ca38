package history

import "strings"

// Schema text (names, messages quoting descriptions, deprecation reasons)
// is untrusted: in Markdown it must not become formatting, HTML, links or
// @mentions. Package report escapes formatting but has no exported helper
// and does not yet neutralise mentions and bare links, so this small one is
// local; it should move to a shared place when report grows one.

// mdEscaper escapes what Markdown would read as formatting or HTML, and
// breaks what GitHub would turn into a mention or a link with a zero-width
// space (U+200B), which readers do not see.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "#", `\#`, "~", `\~`,
	"!", `\!`, "@", "@\u200b", "://", ":\u200b//", "www.", "www\u200b.",
	"\r\n", " ", "\n", " ", "\r", " ",
)

// mdText renders untrusted text as inert Markdown on one line.
func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCode puts a name in a code span its own backticks cannot end; inside a
// code span nothing is formatting, a link or a mention.
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
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
