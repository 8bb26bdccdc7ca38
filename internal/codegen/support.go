package codegen

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"sync"
)

// The support files every generated package carries (see package
// support): Optional for input objects, checkOneOf for @oneOf input
// objects, decodeAbstract and decodeList for interfaces and unions.
const (
	supportOptional = "optional.go"
	supportOneOf    = "oneof.go"
	supportAbstract = "abstract.go"
	supportClient   = "client.go"
)

//go:embed support/optional.go support/oneof.go support/abstract.go support/client.go
var supportFS embed.FS

type supportFile struct {
	src []byte
	// clause is where the package clause is in src, to rename it.
	clauseStart, clauseEnd int
	// names are the top-level identifiers the file declares.
	names []string
}

var supportFiles = sync.OnceValue(func() map[string]*supportFile {
	files := map[string]*supportFile{}
	for _, name := range []string{supportOptional, supportOneOf, supportAbstract, supportClient} {
		src, err := supportFS.ReadFile("support/" + name)
		if err != nil {
			panic(fmt.Sprintf("codegen: support file %s is not embedded: %v", name, err))
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			panic(fmt.Sprintf("codegen: support file %s does not parse: %v", name, err)) // it is compiled and tested
		}
		sf := &supportFile{
			src:         src,
			clauseStart: fset.Position(f.Package).Offset,
			clauseEnd:   fset.Position(f.Name.End()).Offset,
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					sf.names = append(sf.names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						sf.names = append(sf.names, spec.Name.Name)
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							sf.names = append(sf.names, n.Name)
						}
					}
				}
			}
		}
		files[name] = sf
	}
	return files
})

// supportNames returns every top-level identifier the support files
// declare, whether or not a package carries the file, so that a schema's
// names never depend on which files it needs.
func supportNames() []string {
	var names []string
	for _, f := range supportFiles() {
		names = append(names, f.names...)
	}
	slices.Sort(names)
	return names
}

// renderSupport returns a support file as package pkgName carries it.
func renderSupport(file, pkgName string) []byte {
	f := supportFiles()[file]
	var out []byte
	out = append(out, "// "+header+"\n\n"...)
	out = append(out, f.src[:f.clauseStart]...)
	out = append(out, "package "+pkgName...)
	return append(out, f.src[f.clauseEnd:]...)
}
