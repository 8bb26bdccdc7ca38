package diff

import (
	"strings"
)

// The wording of messages (kindtable.go): texts cut to an excerpt,
// defaults printed as literals.

// descriptionMessage words a description change of what ("field 'T.f'"):
// added when there was none, removed when none is left, changed otherwise.
func descriptionMessage(what string, old, new *string) string {
	switch {
	case void(old):
		return "Description '" + excerpt(new) + "' was added to " + what
	case void(new):
		return "Description '" + excerpt(old) + "' was removed from " + what
	}
	return "Description of " + what + " changed from '" + excerpt(old) + "' to '" + excerpt(new) + "'"
}

// excerpt prints a text for a message: its first line, cut at 100
// characters. Meta holds the whole text.
func excerpt(s *string) string {
	if s == nil {
		return ""
	}
	text, cut := *s, false
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text, cut = text[:i], true
	}
	if len(text) > 100 { // else at most 100 runes: nothing to count
		if r := []rune(text); len(r) > 100 {
			text, cut = string(r[:100]), true
		}
	}
	if cut {
		text += "…"
	}
	return text
}

// literal prints a default for a message: the GraphQL literal, or "none".
func literal(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}

// upperFirst capitalises an ASCII first letter, for a name that starts a
// message.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
