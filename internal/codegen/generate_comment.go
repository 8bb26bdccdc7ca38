package codegen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// Doc comments, the one place generated code takes text from the schema (see generate.go).

// dropControl drops control characters but tabs, and the byte order mark,
// for strings.Map.
func dropControl(r rune) rune {
	if r == '\t' || (!unicode.IsControl(r) && r != '\uFEFF') {
		return r
	}
	return -1
}

// comment renders a doc comment as // lines: a description may hold "*/",
// which would end a /* */ comment.
func comment(d doc) jen.Code {
	if len(d) == 0 {
		return jen.Null()
	}
	text := commentText(d)
	if isCanonicalDoc(text) {
		// Written one column in, where go/format leaves its text alone
		// (see isCanonicalDoc): it is indented as usual all the same.
		return jen.Empty().Comment(text)
	}
	return jen.Comment(text)
}

// commentText is the text of a doc comment, every line starting with "//",
// which makes jennifer write it as it is. Any text is safe in a // comment
// but control characters, which Go source cannot hold (they are dropped),
// and lines that Go tools read as directives (see defuseDirective). This is
// the one place generated code takes text from the schema.
func commentText(d doc) string {
	var b strings.Builder
	b.Grow(commentSize(d))
	writeCommentText(&b, d)
	return b.String()
}

// commentSize is about the length of commentText(d).
func commentSize(d doc) int {
	n := 0
	for _, para := range d {
		n += len(para) + 8
	}
	return n
}

// writeCommentText appends commentText(d) to b.
func writeCommentText(b *strings.Builder, d doc) {
	for i, para := range d {
		if i > 0 {
			b.WriteString("\n//\n")
		}
		for line, rest, more := strings.Cut(para, "\n"); ; line, rest, more = strings.Cut(rest, "\n") {
			line = commentLine(line)
			b.WriteString("//")
			if line != "" {
				b.WriteByte(' ')
				b.WriteString(line)
			}
			if !more {
				break
			}
			b.WriteByte('\n')
		}
	}
}

// commentLine is a line of a doc comment's text as commentText writes it:
// control characters dropped, spaces and tabs trimmed off its end, and
// kept from reading as a directive.
func commentLine(line string) string {
	if !printableASCII(line) {
		// strings.Map copies line only when it drops a character.
		line = strings.Map(dropControl, line)
	}
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	line = line[:end]
	if line == "" {
		return line
	}
	switch c := line[0]; {
	case c >= utf8.RuneSelf, c == '+', c == '#', c == 'g', unicode.IsSpace(rune(c)):
		return defuseDirective(line)
	}
	// No directive starts so, after no space.
	return line
}

// printableASCII reports whether s is printable ASCII and tabs: what
// dropControl keeps as it is.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' || c >= 0x7f) && c != '\t' {
			return false
		}
	}
	return true
}

// defuseDirective keeps a comment line from being read as a directive. Every
// line is written "// text", with a space, so "//go:", "//line", "//export"
// and "//extern" cannot start one; but go/format and go/build read
// "// +build" with any spaces (NBSP and other Unicode spaces included)
// between "//" and "+build", and go/format moves such a line in front of
// the package clause, where it drops the file from the package. A line whose
// text starts with "+build", "#cgo" or "go:" after any spaces gets a
// backslash in front: still readable, and plain text to every tool.
func defuseDirective(line string) string {
	body := strings.TrimLeftFunc(line, unicode.IsSpace)
	for _, prefix := range []string{"+build", "#cgo", "go:"} {
		if strings.HasPrefix(body, prefix) {
			return line[:len(line)-len(body)] + `\` + body
		}
	}
	return line
}
