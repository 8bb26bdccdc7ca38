package codegen

import (
	"bytes"
	"go/build/constraint"
	doccomment "go/doc/comment"
	"strings"
	"unicode"
)

// docLines returns the lines of d's doc comment as go/format prints the
// comment that comment(d) renders, each "//…" without its indentation, or
// false if it cannot tell: then the declaration takes the jennifer way.
//
// comment writes a comment isCanonicalDoc accepts one column in, where
// go/format prints it as it is; any other in column 1, just above the
// next token, where go/format reformats it with go/doc/comment as
// reformatDoc does. Either way go/printer trims trailing white space off
// each line (Unicode spaces included), and moves a line that reads as a
// build constraint, which commentText keeps from happening (so here it
// only sends the declaration the jennifer way).
func docLines(d doc) ([]string, bool) {
	if len(d) == 0 {
		return nil, true
	}
	text := commentText(d)
	lines := strings.Split(text, "\n")
	if !isCanonicalDoc(text) {
		lines = reformatDoc(lines)
		if len(lines) == 0 {
			// go/printer drops the comment and keeps the space around it.
			return nil, false
		}
	}
	for i, line := range lines {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			return nil, false
		}
		lines[i] = line
	}
	return lines, true
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

// writeDoc appends the doc comment lines, each after indent, to b.
func writeDoc(b *bytes.Buffer, lines []string, indent string) {
	for _, line := range lines {
		b.WriteString(indent)
		b.WriteString(line)
		b.WriteByte('\n')
	}
}
