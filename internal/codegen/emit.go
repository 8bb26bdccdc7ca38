package codegen

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"strings"

	"github.com/dave/jennifer/jen"
)

// Most of a generated package is struct and enum declarations, the
// marker methods and getters of objects, and the decoders of interfaces
// and unions (a case for each member), as regular as code gets, and
// formatting them with go/format (which jennifer calls on its whole
// output) was most of the time generating took. So those declarations are
// written here as finished source, byte for byte what go/format makes of
// jennifer's rendering of them (emit_struct.go, emit_enum.go,
// emit_methods.go, emit_decoder.go; their doc comments emit_comment.go),
// and only the rest of each file goes through jennifer and go/format. The
// agreement tests (emit_test.go) hold the two ways to the same bytes; a
// declaration that cannot be written exactly (see the direct*Of
// functions) takes the jennifer way.

// emitMode says how a file's regular declarations are written.
type emitMode uint8

const (
	// emitDirect writes them as finished source.
	emitDirect emitMode = iota
	// emitJennifer renders every declaration with jennifer and go/format:
	// the reference the agreement tests compare emitDirect with.
	emitJennifer
)

// fileWriter is a file being rendered: jennifer's file, and the runs of
// declarations written directly. Each run stands in the jennifer file as
// one placeholder (see placeholderStart), which rendering replaces with
// the run's declarations. Render code reaches the jennifer file only
// through the methods below, each of which ends the current run: so a
// run is declarations with nothing of jennifer's between them.
type fileWriter struct {
	file *jen.File
	mode emitMode
	runs []*directRun
	// run is the run the next direct declaration joins, nil once
	// anything else was added.
	run *directRun
	// docs holds the direct declarations' doc comments.
	docs docArena
	// addQualified adds a qualified identifier to the current run's
	// placeholder: made once, not a closure for every declaration.
	addQualified func(path, name string)
}

func (f *fileWriter) Add(code ...jen.Code) *jen.Statement { f.run = nil; return f.file.Add(code...) }
func (f *fileWriter) Const() *jen.Statement               { f.run = nil; return f.file.Const() }
func (f *fileWriter) Func() *jen.Statement                { f.run = nil; return f.file.Func() }
func (f *fileWriter) Line() *jen.Statement                { f.run = nil; return f.file.Line() }
func (f *fileWriter) Type() *jen.Statement                { f.run = nil; return f.file.Type() }
func (f *fileWriter) Var() *jen.Statement                 { f.run = nil; return f.file.Var() }
func (f *fileWriter) PackageComment(text string)          { f.run = nil; f.file.PackageComment(text) }

// directRun is declarations written directly one after another, and the
// fields of their placeholder.
type directRun struct {
	decls []directDecl
	// qualified is the placeholder's struct, which refers to every
	// qualified identifier the declarations do, in order.
	qualified *jen.Group
}

// directDecl is a declaration written as finished source.
type directDecl interface {
	// qualified lists the import paths and names of the qualified
	// identifiers the declaration refers to, in the order jennifer would
	// render them: the placeholder refers to them in that order, so that
	// jennifer registers, names and imports the packages as it would
	// with the declaration itself.
	qualified(add func(path, name string))
	// write appends the declaration as go/format prints it, from its doc
	// comment to its last line's newline, to b; packages names the
	// packages the file imports, by path.
	write(b *bytes.Buffer, packages map[string]string)
	// size is about the number of bytes write writes, for sizing the
	// file's buffer once.
	size() int
}

// isIdentifier is token.IsIdentifier, quick for the usual exported
// ASCII name (no keyword starts with a capital).
func isIdentifier(name string) bool {
	if name == "" || !isUpper(name[0]) {
		return token.IsIdentifier(name)
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; !(isLower(c) || isUpper(c) || isDigit(c) || c == '_') {
			return token.IsIdentifier(name)
		}
	}
	return true
}

// qualifiedSize is room for a package's name in a direct declaration,
// which size cannot know.
const qualifiedSize = 32

// placeholderStart starts the placeholder of a run as go/format prints
// it: a blank type declaration, which nothing else generated is.
const placeholderStart = "type _ struct"

// addDirect adds d, to be written directly. Its run's placeholder stands
// where the run does: like every declaration, after a blank line and
// followed by one; and so are the declarations of a run written.
func (f *fileWriter) addDirect(d directDecl) {
	if f.run == nil {
		r := &directRun{}
		f.file.Type().Id("_").StructFunc(func(g *jen.Group) { r.qualified = g })
		f.file.Line()
		f.runs = append(f.runs, r)
		f.run = r
	}
	f.run.decls = append(f.run.decls, d)
	if f.addQualified == nil {
		f.addQualified = func(path, name string) { f.run.qualified.Qual(path, name) }
	}
	d.qualified(f.addQualified)
}

// render renders the file: jennifer and go/format for what the file holds
// but its direct declarations, then the declarations in their runs'
// placeholders' places.
func (f *fileWriter) render() ([]byte, error) {
	var formatted bytes.Buffer
	if err := f.file.Render(&formatted); err != nil {
		return nil, err
	}
	if len(f.runs) == 0 {
		return formatted.Bytes(), nil
	}
	return f.replacePlaceholders(formatted.Bytes())
}

// replacePlaceholders replaces each placeholder in src, in order, with its
// run's declarations. A placeholder is "type _ struct{}" or, when its
// declarations refer to qualified identifiers, "type _ struct {", a line
// "\tpkg.Name" for each, and "}": the lines say what the file calls each
// package. A placeholder always follows a blank line (the file starts
// with its header comment).
func (f *fileWriter) replacePlaceholders(src []byte) ([]byte, error) {
	size := len(src)
	for _, r := range f.runs {
		for _, d := range r.decls {
			size += d.size() + 1
		}
	}
	marker := []byte("\n" + placeholderStart)
	if n := bytes.Count(src, marker); n != len(f.runs) {
		// Only a raw string could hold such a line, and the one kind the
		// package has, an operation's document, is printed with no line
		// that starts so.
		return nil, fmt.Errorf("codegen: %d placeholders for %d runs of direct declarations", n, len(f.runs))
	}
	var out bytes.Buffer
	out.Grow(size)
	packages := map[string]string{}
	last := 0
	for _, r := range f.runs {
		start := last + bytes.Index(src[last:], marker) + 1
		end, err := placeholderEnd(src, start+len(placeholderStart), r, packages)
		if err != nil {
			return nil, err
		}
		out.Write(src[last:start])
		for i, d := range r.decls {
			if i > 0 {
				out.WriteByte('\n')
			}
			d.write(&out, packages)
		}
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// placeholderEnd reads the rest of r's placeholder from src at i, just
// after "type _ struct", noting the name of each package it refers to in
// packages, and returns where the placeholder ends.
func placeholderEnd(src []byte, i int, r *directRun, packages map[string]string) (int, error) {
	if rest, ok := bytes.CutPrefix(src[i:], []byte("{}\n")); ok {
		return len(src) - len(rest), nil
	}
	line, i := lineAt(src, i)
	if line != " {" {
		return 0, fmt.Errorf("codegen: a placeholder starts %q", placeholderStart+line)
	}
	var err error
	for _, d := range r.decls {
		d.qualified(func(path, _ string) {
			var line string
			line, i = lineAt(src, i)
			name, _, ok := strings.Cut(line, ".")
			if name, found := strings.CutPrefix(name, "\t"); found && ok {
				packages[path] = name
			} else if err == nil {
				err = fmt.Errorf("codegen: placeholder line %q does not name %s", line, path)
			}
		})
	}
	if err != nil {
		return 0, err
	}
	if line, next := lineAt(src, i); line == "}" {
		return next, nil
	}
	return 0, errors.New("codegen: a placeholder does not end where its declarations say")
}

// lineAt returns the line of src that starts at i, without its newline,
// and where the next one starts.
func lineAt(src []byte, i int) (string, int) {
	n := bytes.IndexByte(src[i:], '\n')
	if n < 0 {
		return string(src[i:]), len(src)
	}
	return string(src[i : i+n]), i + n + 1
}
