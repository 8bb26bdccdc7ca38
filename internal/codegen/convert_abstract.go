package codegen

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The interfaces and unions, their members and their getters (see convert.go).

// indexMembers finds, in one walk of the types, the unions each type is a
// member of and the implementations of each interface.
func (c *converter) indexMembers() {
	c.unionsOf = map[string][]string{}
	c.implementations = map[string][]string{}
	for _, t := range c.s.Types {
		for _, member := range t.PossibleTypes {
			c.unionsOf[member] = append(c.unionsOf[member], t.Name)
		}
		if t.Kind == schema.KindObject {
			for _, i := range t.Interfaces {
				// Once each, should a type name an interface twice.
				if impl := c.implementations[i]; len(impl) == 0 || impl[len(impl)-1] != t.Name {
					c.implementations[i] = append(impl, t.Name)
				}
			}
		}
	}
}

// abstractDecls declares the interfaces and unions.
func (c *converter) abstractDecls(p *pkg) {
	for _, t := range c.s.Types {
		if t.Kind == schema.KindInterface || t.Kind == schema.KindUnion {
			a := c.abstractDecl(t)
			c.abstract[t.Name] = a
			if t.Kind == schema.KindInterface {
				p.interfaces = append(p.interfaces, a)
			} else {
				p.unions = append(p.unions, a)
			}
		}
	}
}

// fillAbstract gives each interface and union its members, once the
// objects are declared.
func (c *converter) fillAbstract() {
	for _, t := range c.s.Types {
		a := c.abstract[t.Name]
		if a == nil {
			continue
		}
		c.fillUnknown(t, a)
		names := t.PossibleTypes
		if t.Kind == schema.KindInterface {
			names = c.implementations[t.Name]
		}
		for _, n := range names {
			a.members = append(a.members, c.structs[n])
		}
	}
}

// fillUnknown describes the member of an interface or union that stands
// for a type the package does not know. An interface's has the interface's
// fields, so that its getters work on it too.
func (c *converter) fillUnknown(t *schema.Type, a *abstractDecl) {
	d := a.unknown
	what := "a member of the union"
	if t.Kind == schema.KindInterface {
		what = "an implementation of the interface"
	}
	d.doc = doc{wrapText(d.name + " is " + what + " " + t.Name + " that this package does not know: a type the " +
		"server added after the package was generated. Raw holds the object as the server sent it, and " +
		"encoding writes Raw back unchanged.")}
	var fields []*schema.Field
	var interfaces []string
	if t.Kind == schema.KindInterface {
		fields = t.Fields
		interfaces = append([]string{t.Name}, t.Interfaces...)
		for _, n := range t.Interfaces {
			d.markers = append(d.markers, c.abstract[n].marker)
		}
	}
	c.fillFields(d, fields, c.gettersOf(interfaces), []string{"Raw"})
}

func (c *converter) abstractDecl(t *schema.Type) *abstractDecl {
	name := c.names[t.Name]
	a := &abstractDecl{
		name:        name,
		graphQLName: t.Name,
		marker:      "is" + name,
		decoder:     c.top.claim("unmarshal" + name),
	}
	a.unknown = &structDecl{
		name:        c.top.claim("Unknown" + name),
		graphQLName: t.Name,
		unknownOf:   a,
		markers:     []string{a.marker},
	}
	var members []string
	if t.Kind == schema.KindInterface {
		members = c.implementations[t.Name]
		for _, n := range t.Interfaces {
			a.embeds = append(a.embeds, c.names[n])
		}
	} else {
		members = t.PossibleTypes
	}
	implementedBy := make([]string, 0, len(members))
	for _, m := range members {
		implementedBy = append(implementedBy, "*"+c.names[m])
	}
	first := name + " is the GraphQL " + kindNoun(t.Kind) + " " + t.Name + ". It is implemented by "
	if len(implementedBy) > 0 {
		first += listPhrase(implementedBy) + ", and by "
	}
	first += "*" + a.unknown.name + " for a type the server adds later; decoding picks one by __typename."
	a.doc = append(doc{wrapText(first)}, description(t.Description)...)
	return a
}

// planGetters decides which interface fields get a getter. A getter must
// have one Go type in the interface and in every implementation (GraphQL
// lets an implementation narrow a field's type), and one name must not
// stand for two fields in a type that implements several interfaces.
func (c *converter) planGetters() {
	c.declareGetters()
	drop := c.conflictingGetters()
	for _, getters := range c.getters {
		for field, g := range getters {
			if drop[g] {
				delete(getters, field)
			}
		}
	}
	c.attachGetters()
}

// declareGetters names a getter for every field of every interface.
func (c *converter) declareGetters() {
	c.getters = map[string]map[string]*getterDecl{}
	for _, t := range c.s.Types {
		if t.Kind != schema.KindInterface {
			continue
		}
		methods := scope{}
		names := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = f.Name
		}
		ids := c.claimMembers(methods, names, "Get")
		getters := make(map[string]*getterDecl, len(t.Fields))
		decls := make([]getterDecl, len(t.Fields))
		for i, f := range t.Fields {
			decls[i] = getterDecl{name: ids[i], field: f.Name, typ: c.outputType(f.Type)}
			getters[f.Name] = &decls[i]
		}
		c.getters[t.Name] = getters
	}
}

// conflictingGetters returns the getters some implementing type cannot have:
// its field has another Go type, or the getter's name stands for another
// field of another of its interfaces.
func (c *converter) conflictingGetters() map[*getterDecl]bool {
	drop := map[*getterDecl]bool{}
	for t, interfaces := range c.implementors() {
		byName := map[string][]*getterDecl{}
		for _, i := range interfaces {
			for _, g := range c.getters[i] {
				if f := t.Field(g.field); f == nil || !c.outputType(f.Type).equal(g.typ) {
					drop[g] = true
				}
				byName[g.name] = append(byName[g.name], g)
			}
		}
		for _, same := range byName {
			if slices.ContainsFunc(same, func(g *getterDecl) bool { return g.field != same[0].field }) {
				for _, g := range same {
					drop[g] = true
				}
			}
		}
	}
	return drop
}

// implementors lists, for each type that implements interfaces, the
// interfaces (an interface's unknown member implements the interface
// itself as well as those it implements).
func (c *converter) implementors() map[*schema.Type][]string {
	implementors := map[*schema.Type][]string{}
	for _, t := range c.s.Types {
		switch t.Kind {
		case schema.KindObject:
			implementors[t] = t.Interfaces
		case schema.KindInterface:
			implementors[t] = append([]string{t.Name}, t.Interfaces...)
		}
	}
	return implementors
}

// attachGetters gives each interface's Go type the getters it declares
// itself, not those of the interfaces it implements.
func (c *converter) attachGetters() {
	for _, a := range c.abstract {
		t := c.s.Type(a.graphQLName)
		if t.Kind != schema.KindInterface {
			continue
		}
		inherited := map[string]bool{}
		for _, g := range c.gettersOf(t.Interfaces) {
			inherited[g.name] = true
		}
		for _, g := range c.gettersOf([]string{t.Name}) {
			if !inherited[g.name] {
				a.getters = append(a.getters, g)
			}
		}
	}
}

// gettersOf returns the getters of the named interfaces, sorted by name,
// each once.
func (c *converter) gettersOf(interfaces []string) []*getterDecl {
	if len(interfaces) == 0 {
		return nil
	}
	if len(interfaces) == 1 {
		out, ok := c.gettersOfOne[interfaces[0]]
		if !ok {
			out = c.gettersOfAll(interfaces)
			c.gettersOfOne[interfaces[0]] = out
		}
		return out
	}
	return c.gettersOfAll(interfaces)
}

// gettersOfAll is gettersOf, found anew.
func (c *converter) gettersOfAll(interfaces []string) []*getterDecl {
	var out []*getterDecl
	seen := map[string]bool{}
	for _, i := range interfaces {
		for _, g := range c.getters[i] {
			if !seen[g.name] {
				seen[g.name] = true
				out = append(out, g)
			}
		}
	}
	slices.SortFunc(out, func(a, b *getterDecl) int { return strings.Compare(a.name, b.name) })
	return out
}
