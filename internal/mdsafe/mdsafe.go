// Package mdsafe renders untrusted text — names, descriptions, deprecation
// reasons, default values and messages that quote them, all of which come
// from the API's server — as inert GitHub Markdown: it reads as it was
// written, and it never becomes formatting, HTML, a link or a notification
// (an @mention would notify whoever the server names; a bare URL would put
// the server's link in front of the reviewer). The pull-request body, the
// reports and the history's CHANGELOG all go through it.
package mdsafe

import (
	"strings"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
	"github.com/schemawatch/schemawatch/internal/termsafe"
)

// escaper escapes what Markdown would read as formatting, HTML or an
// entity (&#64; is an @ to GitHub's mention finder). An image needs "![",
// and "[" is escaped, so "!" stays as it is.
var escaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "#", `\#`, "~", `\~`,
)

// linkable matches what GitHub links or notifies even when every Markdown
// character around it is escaped (it links the text that escapes and
// entities leave): URLs with any scheme, www. links, @mentions of users and
// teams, e-mail addresses, and issue references (#12, owner/repo#12,
// GH-12). In a code span GitHub does neither.
var linkable = lazyregexp.New(`(?i)[a-z][a-z0-9+.-]*://[^\s'"<>]*|\bwww\.[^\s'"<>]*|[\w.+-]*@[\w-]+(?:[./][\w-]+)*|(?:[\w.-]+/[\w.-]+)?#\d+|\bgh-\d+`)

// Text renders untrusted text as inert Markdown prose on one line: control
// and bidi characters shown as escapes (termsafe, which also turns newlines
// into \x0a), formatting escaped, and whatever GitHub would link or notify
// put in a code span.
func Text(s string) string {
	s = termsafe.String(s)
	var b strings.Builder
	// The search starts again after each code span: what follows a span
	// starts a word for GitHub ("#1www.x" links www.x once #1 is code).
	for mayLink(s) {
		m := linkable.FindStringIndex(s)
		if m == nil {
			break
		}
		end := m[1]
		// Punctuation that ends a sentence or closes a parenthesis stays
		// prose, as GitHub would leave it out of the link.
		for end > m[0]+1 && strings.IndexByte(".,:;!?)", s[end-1]) >= 0 {
			end--
		}
		b.WriteString(escaper.Replace(s[:m[0]]))
		b.WriteString(Code(s[m[0]:end]))
		s = s[end:]
	}
	b.WriteString(escaper.Replace(s))
	return b.String()
}

// mayLink reports whether s may hold a match of linkable: each of its
// alternatives needs "://", "www." (in any case), "@", "#" or "gh-" (in any
// case). Most text holds none of them, and looking for them costs a small
// part of running the regexp, which was most of rendering a report's
// Markdown. FuzzMayLink holds it to the regexp.
func mayLink(s string) bool {
	return strings.Contains(s, "://") || strings.ContainsAny(s, "@#") || containsFoldASCII(s, "www.") || containsFoldASCII(s, "gh-")
}

// containsFoldASCII reports whether s contains sub, a lower-case ASCII
// string, in any case. It may report a string that does not (b|0x20 also
// maps some control bytes onto punctuation), never miss one that does.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// Code puts text in a code span its own backticks cannot end; inside a
// code span nothing is formatting, a link or a notification. Empty text is
// "(none)".
func Code(s string) string {
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
