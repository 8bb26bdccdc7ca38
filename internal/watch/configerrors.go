package watch

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// flagOf names the command-line flag that sets a configuration key, for a
// configuration made of flags.
var flagOf = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"name": "--name", "endpoint": "--endpoint", "tokenKind": "--token-kind", "tokenEnv": "--token-env",
		"headers": "--header", "snapshotDir": "--snapshot-dir", "dir": "--go-out", "goPackage": "--go-out",
		"bind": "--bind", "collectionDir": "--collection-out", "collectionEndpoint": "--collection-endpoint",
		"reportDir": "--report-dir", "historyDir": "--history-dir", "operationsDir": "--operations", "branch": "--branch", "failOn": "--fail-on",
		"repo": "--repo", "base": "--base", "apiURL": "--github-url", "schedule": "--schedule", "labels": "--label",
		"collectionName": "--name",
	}
})

// keyError is a problem with one key of the file, or one flag.
func (c *Config) keyError(root *yaml.Node, keyPath []any, format string, args ...any) error {
	if c.File == "" {
		return fmt.Errorf("%s: %s", flagFor(keyPath), fmt.Sprintf(format, args...))
	}
	key := formatKeyPath(keyPath)
	if line := lineOf(root, keyPath); line > 0 {
		return fmt.Errorf("%s:%d: %s: %s", c.File, line, key, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s: %s", c.File, key, fmt.Sprintf(format, args...))
}

// flagFor names the flag of a key path; the deepest key with a flag wins.
func flagFor(keyPath []any) string {
	for i := len(keyPath) - 1; i >= 0; i-- {
		if k, ok := keyPath[i].(string); ok {
			if k == "name" && i > 0 && keyPath[i-1] == "goPackage" {
				return "--go-package"
			}
			if f, ok := flagOf()[k]; ok {
				return f
			}
		}
	}
	return formatKeyPath(keyPath)
}

func formatKeyPath(keyPath []any) string {
	var b strings.Builder
	for _, k := range keyPath {
		switch k := k.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, k)
		}
	}
	return b.String()
}

// lineOf finds the line of a key in the YAML tree; the deepest one found
// when the key itself is missing.
func lineOf(root *yaml.Node, keyPath []any) int {
	if root == nil {
		return 0
	}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keyPath {
		switch k := k.(type) {
		case int:
			if n.Kind != yaml.SequenceNode || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line = n.Content[i].Line
					n = n.Content[i+1]
					found = true
					break
				}
			}
			if !found {
				return line
			}
		}
		line = n.Line
	}
	return line
}

func documentRoot(root *yaml.Node) *yaml.Node {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		return root.Content[0]
	}
	return root
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var (
	unknownKey = lazyregexp.New(`^line (\d+): field (\S+) not found in type (\S+)`)
	wrongType  = lazyregexp.New("^line (\\d+): cannot unmarshal (\\S+)(?: `[^`]*`)? into (\\S+)")
)

// decodeError turns the YAML decoder's error into one that names the file,
// the line, the key and what the key wants.
func (c *Config) decodeError(root *yaml.Node, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		return fmt.Errorf("%s: %v", c.File, err)
	}
	msg := te.Errors[0]
	if m := unknownKey.FindStringSubmatch(msg); m != nil {
		hint := "see the configuration keys in README.md"
		if near := nearestKey(m[2], keysOf()[m[3]]); near != "" {
			hint = fmt.Sprintf("did you mean %s?", near)
		}
		return fmt.Errorf("%s:%s: unknown key %q (%s)", c.File, m[1], m[2], hint)
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		key := formatKeyPath(keyAtLine(documentRoot(root), line, m[2], nil))
		if key == "" {
			return fmt.Errorf("%s:%d: want %s, not %s", c.File, line, describeGoType(m[3]), describeYAMLTag(m[2]))
		}
		return fmt.Errorf("%s:%d: %s: want %s, not %s", c.File, line, key, describeGoType(m[3]), describeYAMLTag(m[2]))
	}
	return fmt.Errorf("%s:%s", c.File, strings.TrimPrefix(msg, "line "))
}

// keysOf lists the keys of each configuration type, by the name the YAML
// decoder gives the type.
var keysOf = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, v := range []any{Config{}, GitHub{}, API{}, GoPackage{}} {
		t := reflect.TypeOf(v)
		for f := range t.Fields() {
			if key, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); key != "" && key != "-" {
				out[t.String()] = append(out[t.String()], key)
			}
		}
	}
	return out
})

// nearestKey returns the key a misspelt one most likely meant, or "".
func nearestKey(typo string, keys []string) string {
	best, bestDist := "", 0
	for _, k := range keys {
		d := levenshtein.ComputeDistance(strings.ToLower(typo), strings.ToLower(k))
		if best == "" || d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" || bestDist > max(2, len(typo)/3) {
		return ""
	}
	return best
}

// keyAtLine finds the path of the value the decoder could not take: the
// deepest one at line with the YAML tag the error names.
func keyAtLine(n *yaml.Node, line int, tag string, at []any) []any {
	var found []any
	visit := func(v *yaml.Node, path []any) {
		if deeper := keyAtLine(v, line, tag, path); deeper != nil {
			found = deeper
		} else if found == nil && v.Line == line && v.ShortTag() == tag {
			found = path
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content) && found == nil; i += 2 {
			visit(n.Content[i+1], append(slices.Clone(at), n.Content[i].Value))
		}
	case yaml.SequenceNode:
		for i := 0; i < len(n.Content) && found == nil; i++ {
			visit(n.Content[i], append(slices.Clone(at), i))
		}
	}
	return found
}

// describeGoType says what a configuration type wants, in the file's terms.
func describeGoType(t string) string {
	switch t {
	case "[]string":
		return "a list, e.g. [a, b]"
	case "map[string]string":
		return "a mapping of names to values, e.g. {Name: value}"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "[]watch.API":
		return "a list of APIs, each a mapping with a name"
	case "watch.GoPackage", "*watch.GoPackage":
		return "a mapping, e.g. {dir: railwayapi, name: railwayapi}"
	}
	if keys, ok := keysOf()[strings.TrimPrefix(t, "*")]; ok {
		return "a mapping with the keys " + strings.Join(keys, ", ")
	}
	return t
}

// describeYAMLTag names what the file gave instead.
func describeYAMLTag(tag string) string {
	switch tag {
	case "!!str":
		return "a string"
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	}
	return tag
}
