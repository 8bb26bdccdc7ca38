package collection

import (
	"cmp"
	"slices"
	"strings"
)

// Folder is a group of requests about one resource, such as projects.
type Folder struct {
	// Name is the folder's name, such as "Projects".
	Name string
	// Description says what the requests in the folder are about.
	Description string
	// Type names the schema type the folder is about; its description,
	// when the schema has one, is added to the folder's.
	Type string
	// Keys are the camelCase words that put a root field in the folder,
	// such as "project" or "customDomain"; a key also matches its plural
	// ("projects", "tcpProxies"). See groupByFolder.
	Keys []string
}

// otherFolder holds the root fields that match no folder's keys.
var otherFolder = Folder{
	Name:        "Other",
	Description: "Operations that belong to none of the other folders.",
}

// group is one folder's operations.
type group struct {
	folder Folder
	ops    []*operation
}

// groupByFolder puts each operation in the folder of the first word of its
// field name that starts a key, the longest key winning: projectCreate goes
// to Projects, serviceDomainCreate to Domains (serviceDomain is longer than
// service), purgeServiceCache to Services. A field that matches no key goes
// to Other. Folders come sorted by name, Other last; empty ones are left
// out.
func groupByFolder(ops []*operation, folders []Folder) []group {
	type key struct {
		words  []string
		folder int
	}
	var keys []key
	for i, f := range folders {
		for _, k := range f.Keys {
			keys = append(keys, key{lowerWords(k), i})
		}
	}
	// Longest first, so that the first match at a word is the longest.
	slices.SortStableFunc(keys, func(a, b key) int { return cmp.Compare(len(b.words), len(a.words)) })

	byFolder := map[int][]*operation{}
	for _, op := range ops {
		in := -1 // otherFolder
		ws := lowerWords(op.Field.Name)
	search:
		for i := range ws {
			for _, k := range keys {
				if startsWithKey(ws[i:], k.words) {
					in = k.folder
					break search
				}
			}
		}
		byFolder[in] = append(byFolder[in], op)
	}

	var groups []group
	for i, f := range folders {
		if len(byFolder[i]) > 0 {
			groups = append(groups, group{f, byFolder[i]})
		}
	}
	slices.SortStableFunc(groups, func(a, b group) int { return cmp.Compare(a.folder.Name, b.folder.Name) })
	if len(byFolder[-1]) > 0 {
		groups = append(groups, group{otherFolder, byFolder[-1]})
	}
	return groups
}

func lowerWords(name string) []string {
	ws := words(name)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// startsWithKey reports whether ws starts with the key's words, the last of
// them singular or plural.
func startsWithKey(ws, key []string) bool {
	if len(ws) < len(key) {
		return false
	}
	last := len(key) - 1
	if !slices.Equal(ws[:last], key[:last]) {
		return false
	}
	w, k := ws[last], key[last]
	return w == k || w == k+"s" || w == k+"es" || (strings.HasSuffix(k, "y") && w == strings.TrimSuffix(k, "y")+"ies")
}
