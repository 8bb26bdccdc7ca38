package collection

import (
	"bytes"
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Folders are derived from the schema itself, for any API: each root field
// is about a subject, a type of the schema, and subjects that share a stem
// share a folder.
//
//   - A root field's subject is the type its name names (projectDelete,
//     purgeServiceCache, customDomains), the longest such name winning, so
//     that a mutation returning Boolean stands with its type's queries;
//     failing that, the type it returns, through lists, Relay connections
//     and single-object payloads (me: User; search: SearchResult).
//   - A subject's family is the shortest word-prefix of its name that is a
//     type too (ServiceInstance and ServiceDomain are Service's), else the
//     shortest word-prefix it shares with other subjects (GitHubRepo and
//     GitHubBranch are GitHub's), else the subject itself.
//   - A family of fewer than minFolderSize requests goes to Other.

// minFolderSize is the fewest requests a folder of its own holds, and
// maxFolders the most folders a collection has besides Other (30 with it):
// past a few
// dozen, folders are no easier to browse than one list.
const (
	minFolderSize = 2
	maxFolders    = 29
)

// leastFolderSize is the fewest requests a family needs for a folder of its
// own: minFolderSize, or more where that would make more than maxFolders
// folders, so that Other holds as few requests as the limit allows.
func leastFolderSize(families map[string][]*operation) int {
	sizes := make([]int, 0, len(families))
	for _, ops := range families {
		sizes = append(sizes, len(ops))
	}
	slices.Sort(sizes)
	slices.Reverse(sizes)
	if len(sizes) <= maxFolders {
		return minFolderSize
	}
	// More than maxFolders families: the cut is above the size of the
	// first one left out.
	return max(minFolderSize, sizes[maxFolders]+1)
}

// deriveFolders groups the operations of s into folders derived from s.
func deriveFolders(s *schema.Schema, ops []*operation) []group {
	d := newDeriver(s)
	subjects := make(map[*operation]string, len(ops))
	used := map[string]bool{}
	for _, op := range ops {
		if subj := d.subject(op); subj != "" {
			subjects[op] = subj
			used[subj] = true
		}
	}
	families := map[string][]*operation{}
	members := map[string]map[string]bool{} // the subjects of each family
	familyOf := map[string]string{}         // many operations share a subject
	var other []*operation
	for _, op := range ops {
		subj := subjects[op]
		if subj == "" {
			other = append(other, op)
			continue
		}
		fam, ok := familyOf[subj]
		if !ok {
			fam = d.family(subj, used)
			familyOf[subj] = fam
		}
		families[fam] = append(families[fam], op)
		if members[fam] == nil {
			members[fam] = map[string]bool{}
		}
		members[fam][subj] = true
	}
	least := leastFolderSize(families)
	var groups []group
	for _, fam := range slices.Sorted(maps.Keys(families)) {
		if len(families[fam]) < least {
			other = append(other, families[fam]...)
			continue
		}
		groups = append(groups, group{d.folder(fam, slices.Sorted(maps.Keys(members[fam]))), families[fam]})
	}
	slices.SortStableFunc(groups, func(a, b group) int { return cmp.Compare(a.folder.Name, b.folder.Name) })
	if len(other) > 0 {
		// Back in schema order, as the other folders' operations are.
		order := make(map[*operation]int, len(ops))
		for i, op := range ops {
			order[op] = i
		}
		slices.SortFunc(other, func(a, b *operation) int { return cmp.Compare(order[a], order[b]) })
		groups = append(groups, group{otherFolder, other})
	}
	return groups
}

// deriver holds what deriving folders looks up.
type deriver struct {
	s *schema.Schema
	// name and singular are typeNamed's buffers.
	name, singular []byte
	// types are the types a request can be about, by lower-case name:
	// objects, interfaces and unions other than the root types.
	types map[string]string
}

func newDeriver(s *schema.Schema) *deriver {
	d := &deriver{s: s, types: map[string]string{}}
	roots := []string{s.QueryType, s.MutationType, s.SubscriptionType}
	for _, t := range s.Types {
		if isLeaf(t) || t.Kind == schema.KindInputObject || strings.HasPrefix(t.Name, "__") || slices.Contains(roots, t.Name) {
			continue
		}
		d.types[strings.ToLower(t.Name)] = t.Name
	}
	return d
}

// subject is the type a root field is about, or "".
func (d *deriver) subject(op *operation) string {
	ws := words(op.Field.Name)
	for start := range ws {
		for end := len(ws); end > start; end-- {
			if t := d.typeNamed(ws[start:end]); t != "" {
				return t
			}
		}
	}
	if t := d.returned(op.Field.Type.NamedType()); t != "" {
		return t
	}
	// No type: the field's first word stands for one (variables,
	// variableDelete and variableUpsert are about variables).
	if len(ws) == 0 {
		return ""
	}
	return upperFirst(singular(strings.ToLower(ws[0])))
}

// singular is a plural word's singular, roughly: enough to put
// "variables" beside "variableDelete".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// typeNamed returns the type that words name, the last of them singular or
// plural, or "": the words as they are, else the singulars a plural may be
// of (…ies → …y, …es → …, …s → …).
func (d *deriver) typeNamed(ws []string) string {
	// The names are put together in buffers, which the map is indexed by
	// without copying them to strings.
	name := d.name[:0]
	for _, w := range ws {
		name = appendLower(name, w)
	}
	d.name = name
	if t, ok := d.types[string(name)]; ok {
		return t
	}
	if stem, ok := bytes.CutSuffix(name, []byte("ies")); ok {
		d.singular = append(append(d.singular[:0], stem...), 'y')
		if t, ok := d.types[string(d.singular)]; ok {
			return t
		}
	}
	for _, plural := range []string{"es", "s"} {
		if stem, ok := bytes.CutSuffix(name, []byte(plural)); ok {
			if t, ok := d.types[string(stem)]; ok {
				return t
			}
		}
	}
	return ""
}

// appendLower appends w in lower case, as strings.ToLower writes it.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// returned is the subject of a returned type: the listed type of a Relay
// connection, the one object a payload carries, else the type itself; ""
// for a scalar or enum.
func (d *deriver) returned(name string) string {
	t := d.s.Type(name)
	if t == nil || d.types[strings.ToLower(name)] == "" {
		return ""
	}
	if edge := relayEdge(d.s, t); edge != "" {
		return d.returned(d.s.Type(edge).Field("node").Type.NamedType())
	}
	if t.Kind == schema.KindObject && len(t.Fields) <= 3 {
		// A payload: a single object beside a clientMutationId or errors.
		var objects []string
		for _, f := range t.Fields {
			if n := f.Type.NamedType(); d.types[strings.ToLower(n)] != "" && n != name {
				objects = append(objects, n)
			}
		}
		if len(objects) == 1 {
			return objects[0]
		}
	}
	return name
}

// family is the stem subj shares a folder under: its shortest word-prefix
// that is a type (a number it ends in, as in Deployment2, is a word);
// else the longest word-prefix it shares with a subject that does not
// start with it (GitHub for GitHubRepo beside GitHubBranch); else itself.
func (d *deriver) family(subj string, used map[string]bool) string {
	ws := words(subj)
	if len(ws) == 0 {
		return subj
	}
	if digits := strings.TrimRight(ws[len(ws)-1], "0123456789"); digits != "" && digits != ws[len(ws)-1] {
		ws = append(ws[:len(ws)-1:len(ws)-1], digits, strings.TrimPrefix(ws[len(ws)-1], digits))
	}
	for n := 1; n < len(ws); n++ {
		if t := d.types[strings.ToLower(strings.Join(ws[:n], ""))]; t != "" {
			return t
		}
	}
	for n := len(ws) - 1; n > 0; n-- {
		prefix := strings.Join(ws[:n], "")
		for other := range used {
			if other != subj && !strings.HasPrefix(other, subj) && strings.HasPrefix(other, prefix) && wordStart(other, len(prefix)) {
				return prefix
			}
		}
	}
	return subj
}

// folder describes the folder of a family.
func (d *deriver) folder(fam string, subjects []string) Folder {
	f := Folder{Name: plural(readable(fam)), Type: fam}
	if d.s.Type(fam) == nil {
		// A stem, not a type: GitHub for GitHubRepo and GitHubBranch,
		// spelt as the schema spells it.
		f.Type = ""
		if len(words(fam)) > 1 {
			f.Name = fam
		}
	}
	others := slices.DeleteFunc(slices.Clone(subjects), func(s string) bool { return s == fam })
	about := f.Name
	if first, _, _ := strings.Cut(about, " "); len(first) > 1 && strings.ToLower(first[1:]) == first[1:] {
		about = lowerFirst(about) // custom domains, not aPI tokens or gitHub
	}
	f.Description = "Requests about " + about
	if len(others) > 0 {
		if len(others) > 8 {
			others = append(others[:8], "…")
		}
		f.Description += " and " + strings.Join(others, ", ")
	}
	f.Description += "."
	return f
}

// plural makes the last word of a readable name plural.
func plural(name string) string {
	switch {
	case strings.HasSuffix(name, "s"), strings.HasSuffix(name, "x"), strings.HasSuffix(name, "ch"), strings.HasSuffix(name, "sh"):
		return name + "es"
	case strings.HasSuffix(name, "y") && len(name) > 1 && !strings.ContainsAny(name[len(name)-2:len(name)-1], "aeiou"):
		return name[:len(name)-1] + "ies"
	case len(name) > 1 && strings.ToUpper(name) == name:
		return name + "s" // DNS records, not DNSes
	}
	return name + "s"
}

// wordStart reports whether a word of name starts at byte i.
func wordStart(name string, i int) bool {
	n := 0
	for _, w := range words(name) {
		if n == i {
			return true
		}
		n += len(w)
	}
	return false
}
