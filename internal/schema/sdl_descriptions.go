package schema

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// emptyDescriptions finds the definitions whose description is present but
// empty ("" or """"""), by the rune offset of their Position. gqlparser's AST keeps a description as a plain string, so `""`
// and no description at all look alike there; introspection keeps them
// apart and the diff grades them differently (docs/breaking-changes.md §1.4: "" → "x" is
// CHANGED, absent → "x" is ADDED). The token stream still has them: an empty
// string token directly in front of a definition (in front of its keyword
// for types and directives) that is not a value literal is its description.
func emptyDescriptions(src *ast.Source, doc *ast.SchemaDocument) map[int]bool {
	found := map[int]bool{}
	if !strings.Contains(src.Input, `""`) {
		return found
	}
	toks := nonCommentTokens(src)
	at := make(map[int]int, len(toks)) // rune offset → token index
	for i, t := range toks {
		at[t.Pos.Start] = i
	}
	scan := descriptionScan{values: map[int]bool{}}
	scan.document(doc)
	for _, c := range scan.candidates {
		if c.p == nil {
			continue
		}
		i, ok := at[c.p.Start]
		if !ok {
			continue
		}
		j := i - c.back - 1
		if j < 0 {
			continue
		}
		t := toks[j]
		if (t.Kind == lexer.String || t.Kind == lexer.BlockString) && t.Value == "" && !scan.values[t.Pos.Start] {
			found[c.p.Start] = true
		}
	}
	return found
}

// nonCommentTokens lexes src up to its end or its first lexical error, and
// returns the tokens but comments.
func nonCommentTokens(src *ast.Source) []lexer.Token {
	var toks []lexer.Token
	lx := lexer.New(src)
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return toks
		}
		if tok.Kind != lexer.Comment {
			toks = append(toks, tok)
		}
	}
}

// descriptionScan collects, for emptyDescriptions, the places a description
// may stand and the string tokens that are values, not descriptions.
type descriptionScan struct {
	values     map[int]bool // rune offsets of string tokens that are values
	candidates []descriptionCandidate
}

// descriptionCandidate is a definition that may have a description.
type descriptionCandidate struct {
	p    *ast.Position
	back int // tokens between the description and the Position
}

func (sc *descriptionScan) candidate(p *ast.Position, back int) {
	sc.candidates = append(sc.candidates, descriptionCandidate{p, back})
}

func (sc *descriptionScan) value(v *ast.Value) {
	if v == nil {
		return
	}
	if (v.Kind == ast.StringValue || v.Kind == ast.BlockValue) && v.Position != nil {
		sc.values[v.Position.Start] = true
	}
	for _, c := range v.Children {
		sc.value(c.Value)
	}
}

func (sc *descriptionScan) directives(list ast.DirectiveList) {
	for _, d := range list {
		for _, a := range d.Arguments {
			sc.value(a.Value)
		}
	}
}

func (sc *descriptionScan) document(doc *ast.SchemaDocument) {
	for _, list := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, def := range list {
			sc.definition(def)
		}
	}
	for _, def := range doc.Directives {
		sc.candidate(def.Position, 2)
		sc.arguments(def.Arguments)
	}
}

func (sc *descriptionScan) definition(def *ast.Definition) {
	sc.candidate(def.Position, 1)
	sc.directives(def.Directives)
	for _, f := range def.Fields {
		sc.candidate(f.Position, 0)
		sc.value(f.DefaultValue)
		sc.directives(f.Directives)
		sc.arguments(f.Arguments)
	}
	for _, v := range def.EnumValues {
		sc.candidate(v.Position, 0)
		sc.directives(v.Directives)
	}
}

func (sc *descriptionScan) arguments(args ast.ArgumentDefinitionList) {
	for _, a := range args {
		sc.candidate(a.Position, 0)
		sc.value(a.DefaultValue)
		sc.directives(a.Directives)
	}
}
