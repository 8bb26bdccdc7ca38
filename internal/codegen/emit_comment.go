package codegen

import (
	"bytes"
	"go/build/constraint"
	doccomment "go/doc/comment"
	"strings"
	"unicode"
	"unicode/utf8"
)

// docArena holds the text of doc comments, one after another in chunks,
// so that each is not an allocation of its own. A strings.Builder only
// appends: a comment's text stays what it was as its chunk fills, and
// should the chunk grow, the comment keeps the old one.
type docArena struct{ text strings.Builder }

// docChunkSize is the size of a docArena's chunk: most files' doc
// comments fit in a few.
const docChunkSize = 64 << 10

// reserve makes room for about n more bytes, in a new chunk if the
// current one has not.
func (a *docArena) reserve(n int) {
	if a.text.Cap()-a.text.Len() < n {
		a.text = strings.Builder{}
		a.text.Grow(max(docChunkSize, n))
	}
}

// docLines returns d's doc comment as go/format prints the comment that
// comment(d) renders: "//" lines, without their indentation, joined by
// newlines; or false if it cannot tell, and the declaration takes the
// jennifer way.
//
// comment writes a comment isCanonicalDoc accepts one column in, where
// go/format prints it as it is; any other in column 1, just above the
// next token, where go/format reformats it with go/doc/comment as
// reformatDoc does. Either way go/printer trims trailing white space off
// each line (Unicode spaces included, which commentText keeps), and moves
// a line that reads as a build constraint (which commentText keeps from
// happening: here such a line only sends the declaration the jennifer way).
func (a *docArena) docLines(d doc) (string, bool) {
	if len(d) == 0 {
		return "", true
	}
	a.reserve(commentSize(d))
	start := a.text.Len()
	writeCommentText(&a.text, d)
	text := a.text.String()[start:]
	if isCanonicalDoc(text) {
		// Every line is "//" or "// " and a letter: no build constraint.
		return trimLineEnds(text), true
	}
	lines := reformatDoc(strings.Split(text, "\n"))
	if len(lines) == 0 {
		// go/printer drops the comment and keeps the space around it.
		return "", false
	}
	for i, line := range lines {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			return "", false
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n"), true
}

// trimLineEnds trims white space off the end of every line of text, as
// go/printer does to comments. commentText trims spaces and tabs and drops
// control characters already, so a line ends in white space only if it
// ends in a character not ASCII: text comes back as it is unless one does.
func trimLineEnds(text string) string {
	wide := false
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf && (i+1 == len(text) || text[i+1] == '\n') {
			wide = true
			break
		}
	}
	if !wide {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRightFunc(line, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}

// reformatDoc is go/printer's formatDocComment (go/printer/comment.go) for
// a doc comment of // lines, the only kind commentText writes: it returns
// the lines go/format prints for a doc comment of these lines.
func reformatDoc(list []string) []string {
	var b strings.Builder
	var directives []string
	for _, c := range list {
		after, found := strings.CutPrefix(c, "//")
		if !found {
			return list
		}
		// go/printer keeps //go:build and the like apart, at the end.
		if isDirective(after) {
			directives = append(directives, c)
			continue
		}
		b.WriteString(strings.TrimPrefix(after, " "))
		b.WriteString("\n")
	}
	text := b.String()
	if text == "" {
		return list
	}
	var p doccomment.Parser
	var pr doccomment.Printer
	text = string(pr.Comment(p.Parse(text)))
	var out []string
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "":
			line = "//"
		case strings.HasPrefix(line, "\t"):
			line = "//" + line
		default:
			line = "// " + line
		}
		out = append(out, line)
	}
	if len(directives) > 0 {
		out = append(out, "//")
		out = append(out, directives...)
	}
	return out
}

// isDirective is go/printer's: whether c, a // comment without its "//",
// is a directive such as //go:generate.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

// writeDoc appends the doc comment text, each line after indent, to b.
func writeDoc(b *bytes.Buffer, text, indent string) {
	for rest, more := text, text != ""; more; {
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		b.WriteString(indent)
		b.WriteString(line)
		b.WriteByte('\n')
	}
}
