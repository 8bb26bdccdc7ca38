// Package schemagen generates large, realistic GraphQL schemas and pairs of
// versions of them, deterministically from a seed, for the benchmarks and
// scale tests of the diff engine and the generators. The shape is that of
// big public APIs: a Node interface with hundreds of implementations, Relay
// connections with paging and ordering arguments whose defaults are enum and
// input-object literals, filters, enums with hundreds of values, payload
// types and unions for mutations, custom directives, descriptions almost
// everywhere and a sprinkling of deprecations.
//
// Nothing it generates is committed: benchmarks generate what they need.
// The same Config always gives byte-identical introspection JSON.
package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Config sizes a generated schema.
type Config struct {
	// Seed picks every name, shape and change; the same seed gives the
	// same schema.
	Seed uint64
	// Entities is the number of node types. Each comes with a connection,
	// an edge, a filter and an ordering input, an order-field enum and a
	// mutation payload, so a schema has about seven types per entity.
	Entities int
	// Changes is the number of edits that turn the old version of a pair
	// into the new one.
	Changes int
}

// Large is the size of the scale benchmarks: about 1,600 types and 5.8 MB
// of introspection JSON.
var Large = Config{Seed: 1, Entities: 230, Changes: 400}

// Generate returns the schema cfg describes.
func Generate(cfg Config) *schema.Schema {
	g := &generator{rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)), cfg: cfg}
	return g.schema()
}

// Pair returns an old and a new version of the schema cfg describes: the
// new one has cfg.Changes edits of every sort a real API makes between
// releases, breaking, dangerous and safe.
func Pair(cfg Config) (old, new *schema.Schema) {
	old = Generate(cfg)
	new = Generate(cfg)
	m := &mutator{rng: rand.New(rand.NewPCG(cfg.Seed+1, cfg.Seed^0x51afd7ed558ccd)), s: new}
	for range cfg.Changes {
		m.edit()
	}
	sortSchema(new)
	return old, new
}

type generator struct {
	rng      *rand.Rand
	cfg      Config
	entities []string
	types    []*schema.Type
}

var (
	prefixes = []string{"Project", "Service", "Deployment", "Environment", "Volume", "Domain", "Team", "Workspace",
		"Invoice", "Plan", "Usage", "Metric", "Log", "Build", "Repository", "Branch", "Commit", "Webhook", "Token",
		"Member", "Invite", "Region", "Plugin", "Template", "Variable", "Secret", "Network", "Certificate", "Alert",
		"Incident", "Backup", "Snapshot", "Replica", "Cluster", "Node", "Pipeline", "Artifact", "Release", "Tag"}
	suffixes = []string{"", "Group", "Setting", "Rule", "Event", "Policy", "Record", "Instance", "Config", "Report",
		"Schedule", "Limit", "Quota", "Audit", "Link", "Source", "Target", "Trigger", "Window", "Binding"}
	words = []string{"the", "a", "of", "for", "this", "resource", "returns", "which", "when", "is", "set", "current",
		"value", "list", "all", "items", "created", "updated", "by", "user", "in", "workspace", "project", "status",
		"at", "time", "identifier", "unique", "optional", "filter", "results", "order", "page", "cursor", "total"}
	fieldWords = []string{"name", "status", "createdAt", "updatedAt", "deletedAt", "region", "url", "slug", "count",
		"size", "enabled", "priority", "ownerId", "externalId", "label", "notes", "version", "checksum", "score",
		"latency", "capacity", "memory", "cpu", "replicas", "timezone", "locale", "email", "handle", "color", "icon"}
	scalarTypes = []string{"String", "Int", "Boolean", "Float", "ID", "DateTime", "JSON", "BigInt"}
)

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// sentence is a description of n to 3n words, sometimes on two lines.
func (g *generator) sentence(n int) *string {
	var b strings.Builder
	count := n + g.rng.IntN(2*n+1)
	for i := range count {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := g.pick(words)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	if g.rng.IntN(8) == 0 {
		b.WriteString("\n\nSee the API reference for details.")
	}
	s := b.String()
	return &s
}

// maybeDescription leaves one element in ten without a description.
func (g *generator) maybeDescription(n int) *string {
	if g.rng.IntN(10) == 0 {
		return nil
	}
	return g.sentence(n)
}

func (g *generator) add(t *schema.Type) *schema.Type {
	g.types = append(g.types, t)
	return t
}

func (g *generator) schema() *schema.Schema {
	seen := map[string]bool{}
	for len(g.entities) < g.cfg.Entities {
		name := g.pick(prefixes) + g.pick(suffixes)
		if seen[name] {
			name += fmt.Sprint(len(g.entities))
		}
		seen[name] = true
		g.entities = append(g.entities, name)
	}
	for _, s := range []string{"String", "Int", "Boolean", "Float", "ID"} {
		g.add(&schema.Type{Kind: schema.KindScalar, Name: s, Description: ptr("The standard " + s + " scalar.")})
	}
	g.add(&schema.Type{Kind: schema.KindScalar, Name: "DateTime", Description: ptr("An ISO-8601 date and time."),
		SpecifiedByURL: ptr("https://scalars.graphql.org/andimarek/date-time")})
	g.add(&schema.Type{Kind: schema.KindScalar, Name: "JSON", Description: ptr("Arbitrary JSON.")})
	g.add(&schema.Type{Kind: schema.KindScalar, Name: "BigInt", Description: ptr("An integer of any size, as a string.")})
	g.add(&schema.Type{Kind: schema.KindEnum, Name: "OrderDirection", Description: ptr("Sort direction."),
		EnumValues: []*schema.EnumValue{{Name: "ASC"}, {Name: "DESC"}}})
	g.add(&schema.Type{Kind: schema.KindInterface, Name: "Node", Description: ptr("An object with a global ID."),
		Fields: []*schema.Field{{Name: "id", Type: nonNull("ID")}}})
	g.add(&schema.Type{Kind: schema.KindInterface, Name: "Timestamped", Description: ptr("An object that records when it changed."),
		Fields: []*schema.Field{{Name: "createdAt", Type: nonNull("DateTime")}, {Name: "updatedAt", Type: named("DateTime")}}})
	g.add(&schema.Type{Kind: schema.KindObject, Name: "PageInfo", Description: ptr("Paging state of a connection."),
		Fields: []*schema.Field{{Name: "endCursor", Type: named("String")}, {Name: "hasNextPage", Type: nonNull("Boolean")},
			{Name: "hasPreviousPage", Type: nonNull("Boolean")}, {Name: "startCursor", Type: named("String")}}})
	// A few large enums: hundreds of values each, as region, permission or
	// event-type enums are.
	for i, n := range []int{350, 240, 180, 120, 60} {
		e := g.add(&schema.Type{Kind: schema.KindEnum, Name: fmt.Sprintf("%sKind", g.entities[i]), Description: g.sentence(6)})
		for v := range n {
			ev := &schema.EnumValue{Name: fmt.Sprintf("%s_%d", strings.ToUpper(g.pick(fieldWords)), v), Description: g.maybeDescription(2)}
			g.deprecateEnumValue(ev)
			e.EnumValues = append(e.EnumValues, ev)
		}
	}
	query := g.add(&schema.Type{Kind: schema.KindObject, Name: "Query", Description: ptr("The root of every query.")})
	mutation := g.add(&schema.Type{Kind: schema.KindObject, Name: "Mutation", Description: ptr("The root of every mutation.")})
	query.Fields = append(query.Fields, &schema.Field{Name: "node", Type: named("Node"), Args: []*schema.InputValue{{Name: "id", Type: nonNull("ID")}}})
	for i, e := range g.entities {
		g.entity(i, e, query, mutation)
	}
	var members []string
	for i := 0; i < len(g.entities); i += 7 {
		members = append(members, g.entities[i])
	}
	g.add(&schema.Type{Kind: schema.KindUnion, Name: "SearchResult", Description: ptr("Anything a search can find."), PossibleTypes: members})
	query.Fields = append(query.Fields, &schema.Field{Name: "search", Type: required(listOf(nonNull("SearchResult"))),
		Args: []*schema.InputValue{{Name: "query", Type: nonNull("String")}, {Name: "first", Type: named("Int"), DefaultValue: ptr("10")}}})
	s := &schema.Schema{
		QueryType:    "Query",
		MutationType: "Mutation",
		Types:        g.types,
		Directives: []*schema.Directive{
			{Name: "cacheControl", Description: ptr("How long a result may be cached."), Locations: []string{"FIELD_DEFINITION", "OBJECT", "INTERFACE"},
				Args: []*schema.InputValue{{Name: "maxAge", Type: named("Int"), DefaultValue: ptr("0")}, {Name: "scope", Type: named("String"), DefaultValue: ptr(`"PUBLIC"`)}}},
			{Name: "complexity", Locations: []string{"FIELD_DEFINITION"}, IsRepeatable: false,
				Args: []*schema.InputValue{{Name: "value", Type: nonNull("Int")}, {Name: "multipliers", Type: listOf(nonNull("String")), DefaultValue: ptr(`["first", "last"]`)}}},
			{Name: "live", Description: ptr("Streams updates of the selection."), Locations: []string{"QUERY", "FIELD"}, IsRepeatable: true},
		},
		Capabilities: schema.AllCapabilities,
	}
	sortSchema(s)
	return s
}

// entity adds a node type and everything that comes with it.
func (g *generator) entity(i int, name string, query, mutation *schema.Type) {
	lower := strings.ToLower(name[:1]) + name[1:]
	orderField := g.add(&schema.Type{Kind: schema.KindEnum, Name: name + "OrderField", Description: g.sentence(5)})
	for _, f := range []string{"CREATED_AT", "UPDATED_AT", "NAME", "PRIORITY"}[:2+g.rng.IntN(3)] {
		orderField.EnumValues = append(orderField.EnumValues, &schema.EnumValue{Name: f, Description: g.maybeDescription(4)})
	}
	g.add(&schema.Type{Kind: schema.KindInputObject, Name: name + "Order", Description: g.sentence(5), InputFields: []*schema.InputValue{
		{Name: "direction", Type: nonNull("OrderDirection"), DefaultValue: ptr("ASC"), Description: g.maybeDescription(4)},
		{Name: "field", Type: nonNull(name + "OrderField"), Description: g.maybeDescription(4)},
	}})
	filter := g.add(&schema.Type{Kind: schema.KindInputObject, Name: name + "Filter", Description: g.sentence(5)})
	obj := g.add(&schema.Type{Kind: schema.KindObject, Name: name, Description: g.sentence(10), Interfaces: []string{"Node"}})
	obj.Fields = append(obj.Fields, &schema.Field{Name: "id", Type: nonNull("ID"), Description: ptr("The global ID.")})
	if g.rng.IntN(2) == 0 {
		obj.Interfaces = append(obj.Interfaces, "Timestamped")
		obj.Fields = append(obj.Fields, &schema.Field{Name: "createdAt", Type: nonNull("DateTime"), Description: g.maybeDescription(4)},
			&schema.Field{Name: "updatedAt", Type: named("DateTime"), Description: g.maybeDescription(4)})
	}
	seen := map[string]bool{"id": true, "createdAt": true, "updatedAt": true}
	for range 5 + g.rng.IntN(6) {
		f := g.pick(fieldWords)
		if seen[f] {
			continue
		}
		seen[f] = true
		var typ *schema.TypeRef
		switch r := g.rng.IntN(12); {
		case r < 7:
			typ = named(g.pick(scalarTypes))
		case r < 9:
			typ = required(named(g.pick(scalarTypes)))
		case r < 10:
			typ = listOf(nonNull("String"))
		default:
			typ = named(g.entities[g.rng.IntN(len(g.entities))])
		}
		field := &schema.Field{Name: f, Type: typ, Description: g.maybeDescription(5)}
		g.deprecateField(field)
		obj.Fields = append(obj.Fields, field)
		if len(filter.InputFields) < 5 && isInput(typ) {
			filter.InputFields = append(filter.InputFields, &schema.InputValue{Name: f, Type: nullable(typ), Description: g.maybeDescription(4)})
		}
	}
	filter.InputFields = append(filter.InputFields,
		&schema.InputValue{Name: "and", Type: listOf(nonNull(name + "Filter"))},
		&schema.InputValue{Name: "or", Type: listOf(nonNull(name + "Filter"))})
	if i < 5 {
		obj.Fields = append(obj.Fields, &schema.Field{Name: "kind", Type: nonNull(g.entities[i] + "Kind")})
	}
	// A connection to another entity.
	other := g.entities[g.rng.IntN(len(g.entities))]
	if f := strings.ToLower(other[:1]) + other[1:] + "s"; !seen[f] {
		obj.Fields = append(obj.Fields, &schema.Field{Name: f, Type: nonNull(other + "Connection"), Description: g.maybeDescription(6), Args: g.connectionArgs(other)})
	}
	edge := g.add(&schema.Type{Kind: schema.KindObject, Name: name + "Edge", Description: g.sentence(4)})
	edge.Fields = []*schema.Field{{Name: "cursor", Type: nonNull("String")}, {Name: "node", Type: nonNull(name)}}
	conn := g.add(&schema.Type{Kind: schema.KindObject, Name: name + "Connection", Description: g.sentence(4)})
	conn.Fields = []*schema.Field{{Name: "edges", Type: required(listOf(nonNull(name + "Edge")))},
		{Name: "pageInfo", Type: nonNull("PageInfo")}, {Name: "totalCount", Type: nonNull("Int")}}
	query.Fields = append(query.Fields,
		&schema.Field{Name: lower, Type: named(name), Description: g.sentence(5), Args: []*schema.InputValue{{Name: "id", Type: nonNull("ID")}}},
		&schema.Field{Name: lower + "s", Type: nonNull(name + "Connection"), Description: g.sentence(5), Args: g.connectionArgs(name)})
	mutation.Fields = append(mutation.Fields, &schema.Field{Name: lower + "Delete", Type: nonNull("Boolean"), Description: g.sentence(6),
		Args: []*schema.InputValue{{Name: "id", Type: nonNull("ID")}, {Name: "force", Type: named("Boolean"), DefaultValue: ptr("false")}}})
	if i%2 == 1 {
		return // only every other entity can be created through the API
	}
	input := g.add(&schema.Type{Kind: schema.KindInputObject, Name: name + "CreateInput", Description: g.sentence(5)})
	for _, f := range obj.Fields[1:] {
		if f.Args == nil && isInput(f.Type) {
			input.InputFields = append(input.InputFields, &schema.InputValue{Name: f.Name, Type: f.Type, Description: f.Description})
		}
	}
	payload := g.add(&schema.Type{Kind: schema.KindObject, Name: name + "CreatePayload", Description: g.sentence(5)})
	payload.Fields = []*schema.Field{{Name: "clientMutationId", Type: named("String")}, {Name: lower, Type: named(name)}}
	mutation.Fields = append(mutation.Fields,
		&schema.Field{Name: lower + "Create", Type: nonNull(name + "CreatePayload"), Description: g.sentence(6),
			Args: []*schema.InputValue{{Name: "input", Type: nonNull(name + "CreateInput")}}})
}

// isInput tells the field types an input may have too: the scalars.
func isInput(t *schema.TypeRef) bool { return slices.Contains(scalarTypes, t.NamedType()) }

func (g *generator) connectionArgs(of string) []*schema.InputValue {
	return []*schema.InputValue{
		{Name: "after", Type: named("String")},
		{Name: "before", Type: named("String")},
		{Name: "filter", Type: named(of + "Filter"), Description: g.maybeDescription(3)},
		{Name: "first", Type: named("Int"), DefaultValue: ptr(fmt.Sprint(10 * (1 + g.rng.IntN(10)))), Description: g.maybeDescription(3)},
		{Name: "last", Type: named("Int")},
		{Name: "orderBy", Type: named(of + "Order"), DefaultValue: ptr("{direction: DESC, field: CREATED_AT}"), Description: g.maybeDescription(3)},
	}
}

// deprecateField deprecates one field in thirty.
func (g *generator) deprecateField(f *schema.Field) {
	if g.rng.IntN(30) == 0 {
		f.IsDeprecated, f.DeprecationReason = true, ptr("Use "+g.pick(fieldWords)+" instead.")
	}
}

func (g *generator) deprecateEnumValue(v *schema.EnumValue) {
	if g.rng.IntN(30) == 0 {
		v.IsDeprecated, v.DeprecationReason = true, ptr("No longer returned.")
	}
}

// sortSchema puts types, members, fields and values in the model's order.
func sortSchema(s *schema.Schema) {
	byName := func(a, b string) int { return strings.Compare(a, b) }
	slices.SortFunc(s.Types, func(a, b *schema.Type) int { return byName(a.Name, b.Name) })
	slices.SortFunc(s.Directives, func(a, b *schema.Directive) int { return byName(a.Name, b.Name) })
	inputs := func(list []*schema.InputValue) {
		slices.SortFunc(list, func(a, b *schema.InputValue) int { return byName(a.Name, b.Name) })
	}
	for _, t := range s.Types {
		slices.Sort(t.Interfaces)
		slices.Sort(t.PossibleTypes)
		slices.SortFunc(t.Fields, func(a, b *schema.Field) int { return byName(a.Name, b.Name) })
		for _, f := range t.Fields {
			inputs(f.Args)
		}
		slices.SortFunc(t.EnumValues, func(a, b *schema.EnumValue) int { return byName(a.Name, b.Name) })
		inputs(t.InputFields)
	}
	for _, d := range s.Directives {
		inputs(d.Args)
	}
}

func named(name string) *schema.TypeRef   { return schema.Named(name) }
func nonNull(name string) *schema.TypeRef { return schema.NonNullOf(schema.Named(name)) }

// listOf and required wrap a type in a list and a non-null.
func listOf(t *schema.TypeRef) *schema.TypeRef   { return schema.ListOf(t) }
func required(t *schema.TypeRef) *schema.TypeRef { return schema.NonNullOf(t) }

// nullable drops an outer non-null: the type of a filter on a field.
func nullable(t *schema.TypeRef) *schema.TypeRef {
	if t.Kind == schema.RefNonNull {
		return t.OfType
	}
	return t
}

func ptr[T any](v T) *T { return &v }
