package schema

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// This file reads SDL that real APIs publish and graphql-js's strict build
// rejects, the way graphql-js's assumeValidSDL path reads it, and says so in
// a warning each (Schema.Warnings). What cannot be given a meaning (an
// undefined type) stays an error.

// legacyImplements rewrites the pre-2018 interface lists "implements A, B"
// and "implements A B" (commas are whitespace in GraphQL) to
// "implements A & B", and returns the rewritten source and a warning per
// list, or no warnings when there is nothing to rewrite. The "&" takes the
// place of the separator after each interface name but the last where that
// is a space, tab or comma, so that positions in later errors stay right.
func legacyImplements(src *ast.Source) (string, []string) {
	if !strings.Contains(src.Input, "implements") {
		return src.Input, nil
	}
	toks := nonCommentTokens(src)
	var warnings []string
	var inserts []int // rune offsets where an "&" goes
	for i := 2; i < len(toks); i++ {
		if !startsImplements(toks, i) {
			continue
		}
		names, at := implementsList(toks, i+1)
		if len(at) == 0 {
			continue
		}
		inserts = append(inserts, at...)
		warnings = append(warnings, legacyImplementsWarning(src.Input, toks[i-2:i+1], names))
	}
	if len(inserts) == 0 {
		return src.Input, nil
	}
	return insertAmpersands(src.Input, inserts), warnings
}

// startsImplements reports whether toks[i] is the "implements" of
// "type Name implements" or "interface Name implements".
func startsImplements(toks []lexer.Token, i int) bool {
	return toks[i].Kind == lexer.Name && toks[i].Value == "implements" && toks[i-1].Kind == lexer.Name &&
		toks[i-2].Kind == lexer.Name && (toks[i-2].Value == "type" || toks[i-2].Value == "interface")
}

// implementsList reads the interface names from toks[j] on, and returns them
// and the rune offsets after each name that another name follows without an
// "&" between: none for a list in today's syntax.
func implementsList(toks []lexer.Token, j int) (names []lexer.Token, inserts []int) {
	if j < len(toks) && toks[j].Kind == lexer.Amp {
		j++
	}
	for ; j < len(toks) && toks[j].Kind == lexer.Name && !isDefinitionKeyword(toks[j].Value); j++ {
		names = append(names, toks[j])
		if j+1 < len(toks) && toks[j+1].Kind == lexer.Amp {
			j++
			continue
		}
		if j+1 < len(toks) && toks[j+1].Kind == lexer.Name && !isDefinitionKeyword(toks[j+1].Value) {
			inserts = append(inserts, toks[j].Pos.End)
		}
	}
	return names, inserts
}

// legacyImplementsWarning says how the list names, written after head
// ("type Name implements"), is read.
func legacyImplementsWarning(input string, head []lexer.Token, names []lexer.Token) string {
	list := make([]string, len(names))
	for k, n := range names {
		list[k] = n.Value
	}
	written := input[byteOffset(input, names[0].Pos.Start):byteOffset(input, names[len(names)-1].Pos.End)]
	return fmt.Sprintf("%d:%d: %s %s: `implements %s` is the pre-2018 syntax; read as `implements %s`",
		head[2].Pos.Line, head[2].Pos.Column, head[0].Value, head[1].Value,
		strings.Join(strings.Fields(written), " "), strings.Join(list, " & "))
}

// insertAmpersands puts an "&" at each rune offset in inserts, in place of the
// space, tab or comma there, if there is one.
func insertAmpersands(input string, inserts []int) string {
	runes := []rune(input)
	out := make([]rune, 0, len(runes)+len(inserts))
	prev := 0
	for _, at := range inserts {
		out = append(out, runes[prev:at]...)
		if at < len(runes) && (runes[at] == ' ' || runes[at] == '\t' || runes[at] == ',') {
			out = append(out, '&')
			prev = at + 1
		} else {
			out = append(out, '&')
			prev = at
		}
	}
	out = append(out, runes[prev:]...)
	return string(out)
}

func isDefinitionKeyword(name string) bool {
	switch name {
	case "type", "interface", "union", "enum", "input", "scalar", "schema", "extend", "directive":
		return true
	}
	return false
}

// byteOffset converts a rune offset in s, as gqlparser positions count, to
// a byte offset.
func byteOffset(s string, runes int) int {
	for i := range s {
		if runes == 0 {
			return i
		}
		runes--
	}
	return len(s)
}

// dropDuplicateFields keeps the first of the fields (or input fields) that
// share a name in one type, its extensions included, and returns a warning
// for each one dropped, and the fields dropped: the types they name must
// still be defined.
func dropDuplicateFields(doc *ast.SchemaDocument) (warnings []string, dropped ast.FieldList) {
	first := map[string]map[string]*ast.Position{} // type → field → where
	for _, list := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, def := range list {
			seen := first[def.Name]
			if seen == nil {
				seen = map[string]*ast.Position{}
				first[def.Name] = seen
			}
			what := "field"
			if def.Kind == ast.InputObject {
				what = "input field"
			}
			kept := def.Fields[:0]
			for _, f := range def.Fields {
				if at, dup := seen[f.Name]; dup {
					warnings = append(warnings, fmt.Sprintf("%s: %s %s.%s is defined more than once; keeping the first (%s)",
						lineColumn(f.Position), what, def.Name, f.Name, lineColumn(at)))
					dropped = append(dropped, f)
					continue
				}
				seen[f.Name] = f.Position
				kept = append(kept, f)
			}
			def.Fields = kept
		}
	}
	return warnings, dropped
}

// checkDropped reports a dropped field that names an undefined type: the
// source cannot be given a meaning, duplicate or not.
func (s *Schema) checkDropped(dropped ast.FieldList) error {
	for _, f := range dropped {
		if s.Type(f.Type.Name()) == nil {
			return positioned(f.Position, "%s references undefined type %q", f.Name, f.Type.Name())
		}
		for _, a := range f.Arguments {
			if s.Type(a.Type.Name()) == nil {
				return positioned(a.Position, "%s.%s references undefined type %q", f.Name, a.Name, a.Type.Name())
			}
		}
	}
	return nil
}

func lineColumn(p *ast.Position) string {
	if p == nil {
		return "?"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}
