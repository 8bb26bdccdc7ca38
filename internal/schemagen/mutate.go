package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// mutator edits a generated schema the way an API changes between
// releases. Every edit keeps the schema valid: nothing it removes is
// referenced elsewhere, nothing it adds refers to a missing type.
type mutator struct {
	rng   *rand.Rand
	s     *schema.Schema
	byKey map[schema.Kind][]*schema.Type
	added int
}

func (m *mutator) pickType(k schema.Kind) *schema.Type {
	if m.byKey == nil {
		m.byKey = map[schema.Kind][]*schema.Type{}
		for _, t := range m.s.Types {
			m.byKey[t.Kind] = append(m.byKey[t.Kind], t)
		}
	}
	list := m.byKey[k]
	return list[m.rng.IntN(len(list))]
}

// entity picks a node type: an object that implements Node.
func (m *mutator) entity() *schema.Type {
	for {
		if t := m.pickType(schema.KindObject); slices.Contains(t.Interfaces, "Node") {
			return t
		}
	}
}

// edit makes one change, chosen among the sorts real APIs make, weighted
// towards the common ones.
func (m *mutator) edit() {
	switch r := m.rng.IntN(20); {
	case r < 3: // a field added: safe
		t := m.entity()
		t.Fields = append(t.Fields, &schema.Field{Name: fmt.Sprintf("added%d", m.next()), Type: schema.Named("String"), Description: ptr("A new field.")})
	case r < 4: // a field removed: breaking (never an interface's field)
		t := m.entity()
		if i := slices.IndexFunc(t.Fields, removable); i >= 0 {
			t.Fields = slices.Delete(t.Fields, i, i+1)
		}
	case r < 5: // nullability changed: breaking one way, safe the other
		t := m.entity()
		if f := t.Fields[m.rng.IntN(len(t.Fields))]; removable(f) {
			if f.Type.IsNonNull() {
				f.Type = f.Type.OfType
			} else {
				f.Type = schema.NonNullOf(f.Type)
			}
		}
	case r < 7: // a description edited or added: safe
		t := m.entity()
		f := t.Fields[m.rng.IntN(len(t.Fields))]
		f.Description = ptr(fmt.Sprintf("Reworded in release %d.", m.next()))
	case r < 8: // a deprecation: safe
		t := m.entity()
		if f := t.Fields[m.rng.IntN(len(t.Fields))]; !f.IsDeprecated && removable(f) {
			f.IsDeprecated, f.DeprecationReason = true, ptr("Superseded; see the changelog.")
		}
	case r < 10: // an enum value added to a large enum: dangerous
		e := m.largeEnum()
		e.EnumValues = append(e.EnumValues, &schema.EnumValue{Name: fmt.Sprintf("ADDED_%d", m.next()), Description: ptr("New in this release.")})
	case r < 11: // an enum value removed: breaking
		e := m.largeEnum()
		i := m.rng.IntN(len(e.EnumValues))
		e.EnumValues = slices.Delete(e.EnumValues, i, i+1)
	case r < 13: // a default changed: dangerous
		t := m.entity()
		for _, f := range t.Fields {
			if a := f.Arg("first"); a != nil {
				a.DefaultValue = ptr(fmt.Sprint(5 * (1 + m.rng.IntN(40))))
				break
			}
		}
	case r < 15: // an argument added to a connection: dangerous when optional, breaking when required
		t := m.entity()
		for _, f := range t.Fields {
			if f.Arg("first") != nil {
				typ := schema.Named("Boolean")
				if m.rng.IntN(4) == 0 {
					typ = schema.NonNullOf(typ)
				}
				f.Args = append(f.Args, &schema.InputValue{Name: fmt.Sprintf("include%d", m.next()), Type: typ})
				break
			}
		}
	case r < 17: // an input field added to a filter: safe
		t := m.pickType(schema.KindInputObject)
		t.InputFields = append(t.InputFields, &schema.InputValue{Name: fmt.Sprintf("match%d", m.next()), Type: schema.Named("String"),
			Description: ptr("Matches a pattern.")})
	case r < 18: // a union member added: dangerous
		u := m.pickType(schema.KindUnion)
		if e := m.entity(); !slices.Contains(u.PossibleTypes, e.Name) {
			u.PossibleTypes = append(u.PossibleTypes, e.Name)
		}
	default: // a new node type, reachable from the query root: safe
		name := fmt.Sprintf("Added%dResource", m.next())
		m.s.Types = append(m.s.Types, &schema.Type{Kind: schema.KindObject, Name: name, Description: ptr("A resource new in this release."),
			Interfaces: []string{"Node"}, Fields: []*schema.Field{{Name: "id", Type: schema.NonNullOf(schema.Named("ID"))},
				{Name: "name", Type: schema.Named("String"), Description: ptr("Its name.")}}})
		q := m.pickRoot()
		q.Fields = append(q.Fields, &schema.Field{Name: "added" + name, Type: schema.Named(name), Args: []*schema.InputValue{{Name: "id", Type: schema.NonNullOf(schema.Named("ID"))}}})
	}
}

func (m *mutator) next() int { m.added++; return m.added }

// removable tells the fields an edit may remove or retype: not the id, and
// not the fields of the Timestamped interface.
func removable(f *schema.Field) bool {
	return f.Name != "id" && f.Name != "createdAt" && f.Name != "updatedAt"
}

// largeEnum picks one of the enums with hundreds of values.
func (m *mutator) largeEnum() *schema.Type {
	for {
		if e := m.pickType(schema.KindEnum); len(e.EnumValues) > 50 {
			return e
		}
	}
}

func (m *mutator) pickRoot() *schema.Type {
	for _, t := range m.byKey[schema.KindObject] {
		if t.Name == m.s.QueryType {
			return t
		}
	}
	panic("schemagen: no query type")
}
