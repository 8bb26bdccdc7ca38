package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/termsafe"
)

// TextOptions steer Text.
type TextOptions struct {
	// Color turns on ANSI colours; see UseColor.
	Color bool
}

// UseColor reports whether output to f should be coloured: only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is
// "dumb".
func UseColor(f *os.File, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}

const (
	pathColumnMax = 40 // wider paths push their message right
	ansiReset     = "\x1b[0m"
	ansiBold      = "\x1b[1m"
	ansiDim       = "\x1b[2m"
)

var levelColor = map[diff.Level]string{
	diff.Breaking:    "\x1b[1;31m",
	diff.Dangerous:   "\x1b[1;33m",
	diff.NonBreaking: "\x1b[32m",
}

// Text writes the report for a terminal: a headline, then the changes
// grouped by level in aligned columns (identifier, path, message), the
// contents of added elements folded under them, then the operations
// checked. Text from the schema or the server shows control and bidi
// characters as escapes (package termsafe): the only escape sequences
// written are the report's own colours.
func Text(w io.Writer, r *diff.Report, opts TextOptions) error {
	t := textWriter{w: bufio.NewWriter(w), color: opts.Color}
	s := r.Summary()
	t.header(r, s)
	t.changes(r)
	if r.Impact != nil {
		t.operations(r, s)
	}
	return t.w.Flush()
}

// header writes the headline and, when known, the versions compared.
func (t *textWriter) header(r *diff.Report, s diff.Summary) {
	t.styled(levelColorOf(s), verdict(s))
	t.printf(": %s; suggested version bump: %s\n", counts(s), r.Bump())
	if r.Old != "" || r.New != "" {
		t.printf("%s → %s", termsafe.String(r.Old), termsafe.String(r.New))
		if len(r.Rules) > 0 {
			t.printf(" (rules: %s)", strings.Join(r.Rules, ", "))
		}
		t.printf("\n")
	}
}

// changes writes a section per level, its changes in aligned columns.
func (t *textWriter) changes(r *diff.Report) {
	gs := groups(r)
	typeWidth, pathWidth := 0, 0
	t.paths = make([]string, len(r.Changes)) // each path made safe once, for the width and the line
	for _, g := range gs {
		for _, it := range g.items {
			c := &r.Changes[it.index]
			t.paths[it.index] = termsafe.String(c.Path)
			typeWidth = max(typeWidth, len(c.Type))
			pathWidth = max(pathWidth, min(utf8.RuneCountInString(t.paths[it.index]), pathColumnMax))
		}
	}
	for _, g := range gs {
		if g.total == 0 {
			continue
		}
		t.printf("\n")
		t.styled(levelColor[g.level], fmt.Sprintf("%s (%d)", strings.ToUpper(levelTitle(g.level)), g.total))
		t.printf("\n")
		for _, it := range g.items {
			t.change(r, g.level, it, typeWidth, pathWidth)
		}
	}
}

// change writes one change's line, then under its path why it is graded so
// and the operations it touches.
func (t *textWriter) change(r *diff.Report, level diff.Level, it item, typeWidth, pathWidth int) {
	c := &r.Changes[it.index]
	t.w.WriteString("  ")
	t.styled(levelColor[level], pad(string(c.Type), typeWidth))
	t.w.WriteString("  ")
	t.w.WriteString(pad(t.paths[it.index], pathWidth))
	t.w.WriteString("  ")
	t.w.WriteString(termsafe.String(c.Message))
	if it.folded > 0 {
		t.printf(" (+%d inside)", it.folded)
	}
	t.w.WriteString("\n")
	if c.Criticality.Level == diff.NonBreaking && r.Impact == nil {
		return // no details
	}
	indent := strings.Repeat(" ", 2+typeWidth+2) // details sit under the path
	if c.Criticality.Level != diff.NonBreaking && c.Criticality.Reason != "" {
		t.w.WriteString(indent)
		t.styled(ansiDim, termsafe.String(c.Criticality.Reason))
		t.w.WriteString("\n")
	}
	broken, concerned := operationsOf(r, it.index)
	if len(broken) > 0 {
		t.printf("%sbreaks %s\n", indent, termsafe.String(strings.Join(broken, ", ")))
	}
	if len(concerned) > 0 {
		t.printf("%sused by %s\n", indent, termsafe.String(strings.Join(concerned, ", ")))
	}
	if r.Impact != nil && c.Criticality.Level == diff.Breaking && len(broken)+len(concerned) == 0 {
		t.printf("%sunused by the operations checked\n", indent)
	}
}

// operations writes the operations checked, and why each broken one breaks.
func (t *textWriter) operations(r *diff.Report, s diff.Summary) {
	im := r.Impact
	t.printf("\n")
	t.styled(ansiBold, "OPERATIONS")
	t.printf("\n  %d checked: %d valid before and after, %d broken, %d already invalid against the old schema\n",
		len(im.Operations), im.Count(diff.StatusValid), im.Count(diff.StatusBroken), im.Count(diff.StatusInvalid))
	for _, res := range im.Operations {
		if res.Status != diff.StatusBroken {
			continue
		}
		t.printf("  ")
		t.styled(levelColor[diff.Breaking], "broken")
		t.printf(" %s (%s %s)\n", termsafe.String(res.Operation.ID), res.Operation.Kind, termsafe.String(res.Operation.Name))
		for _, e := range res.Errors {
			t.printf("         %s:%d:%d: %s\n", termsafe.String(res.Operation.File), e.Line, e.Column, termsafe.String(e.Message))
		}
	}
	if s.Breaking > 0 {
		t.printf("  breaking changes that touch none of these operations: %d of %d\n", len(r.Unused()), s.Breaking)
	}
}

type textWriter struct {
	w     *bufio.Writer
	color bool
	paths []string // by change: its path made safe for a terminal
}

func (t *textWriter) printf(format string, args ...any) { fmt.Fprintf(t.w, format, args...) }

// styled writes text in a style when colour is on.
func (t *textWriter) styled(style, text string) {
	if t.color && style != "" {
		t.w.WriteString(style + text + ansiReset)
		return
	}
	t.w.WriteString(text)
}

func levelColorOf(s diff.Summary) string {
	switch {
	case s.Breaking > 0:
		return levelColor[diff.Breaking]
	case s.Dangerous > 0:
		return levelColor[diff.Dangerous]
	}
	return levelColor[diff.NonBreaking]
}

// pad right-pads s with spaces to width characters.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
