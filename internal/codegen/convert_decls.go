package codegen

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The custom scalars, enums, input objects and objects (see convert.go).

// namedDecls declares the custom scalars, enums, inputs and objects.
func (c *converter) namedDecls(p *pkg) {
	for _, t := range c.s.Types {
		switch t.Kind {
		case schema.KindScalar:
			if !schema.IsStandardScalar(t.Name) {
				p.scalars = append(p.scalars, c.scalarDecl(t))
			}
		case schema.KindEnum:
			p.enums = append(p.enums, c.enumDecl(t))
		case schema.KindInputObject:
			p.inputs = append(p.inputs, c.inputDecl(t))
		case schema.KindObject:
			d := c.objectDecl(t)
			c.structs[t.Name] = d
			p.objects = append(p.objects, d)
		}
	}
}

func (c *converter) scalarDecl(t *schema.Type) *scalarDecl {
	name := c.names[t.Name]
	target, known := c.cfg.scalarGoType(t.Name, t.SpecifiedByURL)
	first := name + " is the GraphQL scalar " + t.Name + ", held as " + target.String() + "."
	if !known {
		first = name + " is the GraphQL scalar " + t.Name + ". No Go type is known for it, so it holds the JSON " +
			"value as the server sent it; generate with --bind " + t.Name + "=importpath.Type to decode it into " +
			"a type of your own."
	}
	d := append(doc{wrapText(first)}, description(t.Description)...)
	if t.SpecifiedByURL != nil {
		d = append(d, "Specified by "+*t.SpecifiedByURL+".")
	}
	return &scalarDecl{name: name, doc: d, target: target}
}

// scalarTable says which Go type holds which scalars, for the package
// doc: one line per Go type, the scalars no Go type is known for last.
func (c *converter) scalarTable() []string {
	var byType []GoType
	scalars := map[GoType][]string{}
	var unknown []string
	for _, t := range c.s.Types {
		if t.Kind != schema.KindScalar {
			continue
		}
		target, known := c.cfg.scalarGoType(t.Name, t.SpecifiedByURL)
		if !known {
			unknown = append(unknown, t.Name)
			continue
		}
		if scalars[target] == nil {
			byType = append(byType, target)
		}
		scalars[target] = append(scalars[target], t.Name)
	}
	slices.SortFunc(byType, func(a, b GoType) int { return strings.Compare(a.String(), b.String()) })
	var lines []string
	for _, t := range byType {
		lines = append(lines, t.String()+": "+strings.Join(scalars[t], ", "))
	}
	if len(unknown) > 0 {
		lines = append(lines, rawJSON.String()+", the JSON as the server sent it, for the scalars no Go type "+
			"is known for: "+strings.Join(unknown, ", "))
	}
	return lines
}

func (c *converter) enumDecl(t *schema.Type) *enumDecl {
	name := c.names[t.Name]
	e := &enumDecl{
		name: name,
		doc:  c.typeDoc(t),
		all:  c.top.claim("All" + name),
	}
	for _, v := range t.EnumValues {
		e.values = append(e.values, &enumValueDecl{
			name:  c.top.claim(name + c.camel(v.Name)),
			value: v.Name,
			doc:   appendDeprecation(description(v.Description), v.IsDeprecated, v.DeprecationReason),
		})
	}
	return e
}

func (c *converter) inputDecl(t *schema.Type) *structDecl {
	d := &structDecl{name: c.names[t.Name], graphQLName: t.Name, doc: c.typeDoc(t), oneOf: t.IsOneOf}
	members := c.memberScope()
	members.reserve("MarshalJSON", "UnmarshalJSON")
	ids := c.claimMembers(members, inputValueNames(t.InputFields), "")
	decls := make([]fieldDecl, len(t.InputFields))
	d.fields = make([]*fieldDecl, len(t.InputFields))
	for i, v := range t.InputFields {
		typ, optional := c.inputFieldType(v)
		fd := description(v.Description)
		if v.DefaultValue != nil {
			fd = append(fd, "The server uses "+*v.DefaultValue+" when the field is absent.")
		}
		decls[i] = fieldDecl{
			name:     ids[i],
			jsonName: v.Name,
			typ:      typ,
			omitzero: optional,
			doc:      appendDeprecation(fd, v.IsDeprecated, v.DeprecationReason),
		}
		d.fields[i] = &decls[i]
	}
	return d
}

func (c *converter) objectDecl(t *schema.Type) *structDecl {
	d := &structDecl{name: c.names[t.Name], graphQLName: t.Name, doc: c.typeDoc(t)}
	for _, n := range append(slices.Clone(t.Interfaces), c.unionsOf[t.Name]...) {
		d.markers = append(d.markers, c.abstract[n].marker)
	}
	c.fillFields(d, t.Fields, c.gettersOf(t.Interfaces), nil)
	return d
}

// fillFields gives an object-like struct its Typename field, its fields,
// and the getters of its interfaces, whose names it must keep free.
func (c *converter) fillFields(d *structDecl, fields []*schema.Field, getters []*getterDecl, reserved []string) {
	members := c.memberScope()
	members.reserve("Typename", "MarshalJSON", "UnmarshalJSON")
	members.reserve(reserved...)
	for _, g := range getters {
		members.reserve(g.name)
	}
	// The Typename field and the fields, in one allocation.
	decls := make([]fieldDecl, len(fields)+1)
	decls[0] = fieldDecl{name: "Typename", jsonName: "__typename", typ: stringType}
	d.typename = &decls[0]
	names := c.fieldNames[:0]
	for _, f := range fields {
		names = append(names, f.Name)
	}
	ids := c.claimMembers(members, names, "")
	c.fieldNames = names
	d.fields = make([]*fieldDecl, len(fields))
	for i, f := range fields {
		fd := description(f.Description)
		if len(f.Args) > 0 {
			fd = append(fd, argumentsParagraph(f.Args))
		}
		decls[i+1] = fieldDecl{
			name:     ids[i],
			jsonName: f.Name,
			typ:      c.outputType(f.Type),
			doc:      appendDeprecation(fd, f.IsDeprecated, f.DeprecationReason),
			abstract: c.abstract[f.Type.NamedType()],
		}
		d.fields[i] = &decls[i+1]
	}
	impls := make([]getterDecl, len(getters))
	d.getters = make([]*getterDecl, len(getters))
	for i, g := range getters {
		impls[i] = *g
		if j := slices.Index(names, g.field); j >= 0 {
			impls[i].goField = ids[j]
		}
		d.getters[i] = &impls[i]
	}
}
