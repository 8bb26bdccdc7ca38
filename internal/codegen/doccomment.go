package codegen

import (
	"strings"
	"unicode/utf8"
)

// go/format reformats every comment that starts in column 1 and ends on
// the line before a token as a doc comment: it parses it with go/doc/comment
// and prints it back. jennifer does not indent, so that is every comment
// it writes, fields' and constants' included, and it was a seventh of the
// time generating took. isCanonicalDoc picks out the comments that printing
// would give back unchanged; comment writes those one column in, where
// go/format leaves the text as it is, and the others in column 1, where it
// reformats them as before. Either way the file is byte for byte the same.

// isCanonicalDoc reports whether go/format would give the doc comment text
// back unchanged: // lines as commentText writes them, each "//" alone or
// "// " and text starting with an ASCII letter (so not code, a list, a
// heading or a link definition) and without two backquotes or two
// apostrophes in a row (which become typographic quotes), with blank lines
// single and neither first nor last, and no line alone between two blank
// lines that go/doc/comment may read as an old-style heading (one that
// ends in a letter or a digit, or in a character not ASCII, which may be
// a letter or a space after one). It may say false of a comment that
// would come back unchanged: that comment is only formatted again.
func isCanonicalDoc(text string) bool {
	first, afterBlank, alone := true, false, false
	for rest, more := text, true; more; first = false {
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		if line == "//" {
			if first || afterBlank || alone {
				return false
			}
			afterBlank = true
			continue
		}
		if len(line) < 4 || line[:3] != "// " || !isLower(line[3]) && !isUpper(line[3]) ||
			strings.Contains(line, "``") || strings.Contains(line, "''") {
			return false
		}
		alone, afterBlank = afterBlank && mayEndHeading(line[len(line)-1]), false
	}
	return !afterBlank
}

// mayEndHeading reports whether a line ending in byte c may be an
// old-style heading: go/doc/comment's end in a letter or a digit.
func mayEndHeading(c byte) bool {
	return isLower(c) || isUpper(c) || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}
