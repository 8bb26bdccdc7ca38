package schema

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// ParseSDL loads a schema from an SDL document. name is the file name used
// in error positions. Applied directives are dropped except @deprecated,
// @specifiedBy and @oneOf, which become model properties (docs/breaking-changes.md §1.1). Type
// extensions (extend type …) are merged into their types. SDL that real APIs
// publish and graphql-js's strict build rejects (the pre-2018
// "implements A, B"; a field defined twice, of which the first is kept)
// loads with a warning each in Schema.Warnings (see lenient.go).
func ParseSDL(name, sdl string) (*Schema, error) {
	src, doc, warnings, err := parseSDLDocument(name, sdl)
	if err != nil {
		return nil, err
	}
	for _, def := range doc.Schema {
		if len(def.OperationTypes) == 0 {
			return nil, positioned(def.Position, "the schema definition names no root operation types; write schema { query: Query }")
		}
	}
	duplicates, dropped := dropDuplicateFields(doc)
	warnings = append(warnings, duplicates...)
	empty := emptyDescriptions(src, doc)

	s := &Schema{Capabilities: AllCapabilities, Warnings: warnings}
	byName, err := s.typesFromSDL(doc, empty)
	if err != nil {
		return nil, err
	}
	if err := extendTypes(byName, doc.Extensions, empty); err != nil {
		return nil, err
	}
	if s.Directives, err = directivesFromSDL(doc.Directives, empty); err != nil {
		return nil, err
	}
	s.rootsFromSDL(doc, byName)
	if err := s.canonicalize(); err != nil {
		return nil, err
	}
	if err := s.checkDropped(dropped); err != nil {
		return nil, err
	}
	return s, nil
}

// parseSDLDocument parses sdl, and failing that tries it again with the
// pre-2018 "implements A, B" rewritten; it returns the source it parsed, and a
// warning per rewritten list.
func parseSDLDocument(name, sdl string) (*ast.Source, *ast.SchemaDocument, []string, error) {
	if !utf8.ValidString(sdl) {
		return nil, nil, nil, errors.New("invalid SDL: the text is not UTF-8")
	}
	src := &ast.Source{Name: name, Input: sdl}
	doc, err := parser.ParseSchema(src)
	if err == nil {
		return src, doc, nil, nil
	}
	// Before failing, try the pre-2018 "implements A, B": gqlparser,
	// like graphql-js 16, no longer reads it.
	fixed, legacy := legacyImplements(src)
	if len(legacy) == 0 {
		return nil, nil, nil, sdlError(err)
	}
	fixedSrc := &ast.Source{Name: name, Input: fixed}
	fixedDoc, fixedErr := parser.ParseSchema(fixedSrc)
	if fixedErr != nil {
		return nil, nil, nil, sdlError(err)
	}
	return fixedSrc, fixedDoc, legacy, nil
}

// typesFromSDL adds the types doc defines to s, and returns them by name.
func (s *Schema) typesFromSDL(doc *ast.SchemaDocument, empty map[int]bool) (map[string]*Type, error) {
	byName := map[string]*Type{}
	for _, def := range doc.Definitions {
		if _, dup := byName[def.Name]; dup && !IsStandardScalar(def.Name) {
			return nil, positioned(def.Position, "type %s is defined more than once", def.Name)
		}
		t, err := typeFromSDL(def, empty)
		if err != nil {
			return nil, err
		}
		t.Description = description(def.Description, empty[pos(def.Position)])
		byName[t.Name] = t
		s.Types = append(s.Types, t)
	}
	return byName, nil
}

// extendTypes merges each type extension into the type it extends.
func extendTypes(byName map[string]*Type, extensions ast.DefinitionList, empty map[int]bool) error {
	for _, ext := range extensions {
		t := byName[ext.Name]
		if t == nil {
			return positioned(ext.Position, "extend %s: type %s is not defined", strings.ToLower(string(ext.Kind)), ext.Name)
		}
		more, err := typeFromSDL(ext, empty)
		if err != nil {
			return err
		}
		if more.Kind != t.Kind {
			return positioned(ext.Position, "extend %s %s: %s is %s", strings.ToLower(string(ext.Kind)), ext.Name, ext.Name, t.Kind)
		}
		t.extendWith(more)
	}
	return nil
}

// extendWith adds the members of more, an extension of t, to t.
func (t *Type) extendWith(more *Type) {
	t.Interfaces = append(t.Interfaces, more.Interfaces...)
	t.Fields = append(t.Fields, more.Fields...)
	t.PossibleTypes = append(t.PossibleTypes, more.PossibleTypes...)
	t.EnumValues = append(t.EnumValues, more.EnumValues...)
	t.InputFields = append(t.InputFields, more.InputFields...)
	t.IsOneOf = t.IsOneOf || more.IsOneOf
	if more.SpecifiedByURL != nil {
		t.SpecifiedByURL = more.SpecifiedByURL
	}
}

// directivesFromSDL builds the directives the document defines.
func directivesFromSDL(defs ast.DirectiveDefinitionList, empty map[int]bool) ([]*Directive, error) {
	var directives []*Directive
	for _, def := range defs {
		args, err := argsFromSDL(def.Arguments, "@"+def.Name, empty)
		if err != nil {
			return nil, err
		}
		d := &Directive{
			Name:         def.Name,
			Description:  description(def.Description, empty[pos(def.Position)]),
			Args:         args,
			IsRepeatable: def.IsRepeatable,
		}
		for _, loc := range def.Locations {
			d.Locations = append(d.Locations, string(loc))
		}
		directives = append(directives, d)
	}
	return directives, nil
}

// rootsFromSDL sets the root operation types: those the schema definition
// and its extensions name, or without a schema definition the types of the
// conventional names, when they exist (GraphQL spec §3.3.1).
func (s *Schema) rootsFromSDL(doc *ast.SchemaDocument, byName map[string]*Type) {
	roots := append(append(ast.SchemaDefinitionList{}, doc.Schema...), doc.SchemaExtension...)
	if len(doc.Schema) == 0 {
		for _, r := range []struct {
			name string
			root *string
		}{{"Query", &s.QueryType}, {"Mutation", &s.MutationType}, {"Subscription", &s.SubscriptionType}} {
			if byName[r.name] != nil {
				*r.root = r.name
			}
		}
	}
	for _, def := range roots {
		for _, op := range def.OperationTypes {
			switch op.Operation {
			case ast.Query:
				s.QueryType = op.Type
			case ast.Mutation:
				s.MutationType = op.Type
			case ast.Subscription:
				s.SubscriptionType = op.Type
			}
		}
	}
}

func typeFromSDL(def *ast.Definition, empty map[int]bool) (*Type, error) {
	t := &Type{Name: def.Name}
	switch def.Kind {
	case ast.Scalar:
		t.Kind = KindScalar
		if d := def.Directives.ForName("specifiedBy"); d != nil {
			if arg := d.Arguments.ForName("url"); arg != nil && arg.Value != nil && arg.Value.Kind == ast.StringValue {
				url := arg.Value.Raw
				t.SpecifiedByURL = &url
			} else {
				return nil, positioned(d.Position, "@specifiedBy on %s needs a url string", def.Name)
			}
		}
	case ast.Object, ast.Interface:
		t.Kind = KindObject
		if def.Kind == ast.Interface {
			t.Kind = KindInterface
		}
		t.Interfaces = append([]string(nil), def.Interfaces...)
		for _, fd := range def.Fields {
			path := def.Name + "." + fd.Name
			args, err := argsFromSDL(fd.Arguments, path, empty)
			if err != nil {
				return nil, err
			}
			f := &Field{
				Name:        fd.Name,
				Description: description(fd.Description, empty[pos(fd.Position)]),
				Args:        args,
				Type:        typeRefFromSDL(fd.Type),
			}
			f.IsDeprecated, f.DeprecationReason, err = deprecation(fd.Directives)
			if err != nil {
				return nil, err
			}
			t.Fields = append(t.Fields, f)
		}
	case ast.Union:
		t.Kind = KindUnion
		t.PossibleTypes = append([]string(nil), def.Types...)
	case ast.Enum:
		t.Kind = KindEnum
		for _, ev := range def.EnumValues {
			v := &EnumValue{Name: ev.Name, Description: description(ev.Description, empty[pos(ev.Position)])}
			var err error
			v.IsDeprecated, v.DeprecationReason, err = deprecation(ev.Directives)
			if err != nil {
				return nil, err
			}
			t.EnumValues = append(t.EnumValues, v)
		}
	case ast.InputObject:
		t.Kind = KindInputObject
		t.IsOneOf = def.Directives.ForName("oneOf") != nil
		for _, fd := range def.Fields {
			v, err := inputValueFromSDL(fd.Name, fd.Description, fd.Type, fd.DefaultValue, fd.Directives, fd.Position, def.Name, empty)
			if err != nil {
				return nil, err
			}
			t.InputFields = append(t.InputFields, v)
		}
	default:
		return nil, positioned(def.Position, "type %s has unsupported kind %s", def.Name, def.Kind)
	}
	return t, nil
}

func argsFromSDL(list ast.ArgumentDefinitionList, parent string, empty map[int]bool) ([]*InputValue, error) {
	var out []*InputValue
	for _, a := range list {
		v, err := inputValueFromSDL(a.Name, a.Description, a.Type, a.DefaultValue, a.Directives, a.Position, parent, empty)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func inputValueFromSDL(name, desc string, typ *ast.Type, def *ast.Value, dirs ast.DirectiveList, p *ast.Position, parent string, empty map[int]bool) (*InputValue, error) {
	v := &InputValue{
		Name:        name,
		Description: description(desc, empty[pos(p)]),
		Type:        typeRefFromSDL(typ),
	}
	if def != nil {
		lit := PrintValue(def)
		v.DefaultValue = &lit
	}
	var err error
	v.IsDeprecated, v.DeprecationReason, err = deprecation(dirs)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: %w", parent, name, err)
	}
	return v, nil
}

// deprecation reads an applied @deprecated. A bare @deprecated has no
// reason in the model (graphql-js would fill in "No longer supported"; the
// diff treats the two alike, docs/breaking-changes.md §1.4), so that JSON → SDL → model keeps a
// null reason null.
func deprecation(dirs ast.DirectiveList) (bool, *string, error) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return false, nil, nil
	}
	arg := d.Arguments.ForName("reason")
	if arg == nil || arg.Value == nil || arg.Value.Kind == ast.NullValue {
		return true, nil, nil
	}
	if arg.Value.Kind != ast.StringValue && arg.Value.Kind != ast.BlockValue {
		return false, nil, positioned(d.Position, "@deprecated(reason:) must be a string")
	}
	reason := arg.Value.Raw
	return true, &reason, nil
}

func typeRefFromSDL(t *ast.Type) *TypeRef {
	var ref *TypeRef
	if t.Elem != nil {
		ref = ListOf(typeRefFromSDL(t.Elem))
	} else {
		ref = Named(t.NamedType)
	}
	if t.NonNull {
		ref = NonNullOf(ref)
	}
	return ref
}

func description(text string, emptyPresent bool) *string {
	if text == "" && !emptyPresent {
		return nil
	}
	return &text
}

func pos(p *ast.Position) int {
	if p == nil {
		return -1
	}
	return p.Start
}

// sdlError turns a gqlparser error into one that names file, line and
// column.
func sdlError(err error) error {
	var gerr *gqlerror.Error
	if errors.As(err, &gerr) {
		if len(gerr.Locations) > 0 {
			return fmt.Errorf("%d:%d: invalid SDL: %s", gerr.Locations[0].Line, gerr.Locations[0].Column, gerr.Message)
		}
		return fmt.Errorf("invalid SDL: %s", gerr.Message)
	}
	return fmt.Errorf("invalid SDL: %w", err)
}

func positioned(p *ast.Position, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if p == nil {
		return fmt.Errorf("invalid SDL: %s", msg)
	}
	return fmt.Errorf("%d:%d: invalid SDL: %s", p.Line, p.Column, msg)
}
