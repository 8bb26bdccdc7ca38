package codegen

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// initialisms are the words Go spells in capitals: golint's list, and the
// ones APIs like Railway's use.
var initialisms = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"ACL": true, "API": true, "ASCII": true, "CDN": true, "CIDR": true, "CPU": true, "CSS": true,
		"CSV": true, "DNS": true, "EOF": true, "GPU": true, "GUID": true, "HTML": true, "HTTP": true,
		"HTTPS": true, "ID": true, "IP": true, "JSON": true, "JWT": true, "LHS": true, "MFA": true,
		"OIDC": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true, "SAML": true, "SLA": true,
		"SMTP": true, "SQL": true, "SSH": true, "SSL": true, "SSO": true, "TCP": true, "TLS": true,
		"TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true,
		"UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true, "SCIM": true,
	}
})

// spellings map words, in lower case, to the way Go names spell them:
// brands written with inner capitals, which no rule derives from a name in
// lower case or in capitals (github → GitHub, AZURE_DEVOPS → AzureDevOps).
type spellings map[string]string

// DefaultSpellings are the brand spellings every package uses;
// Config.Spellings adds to them.
var DefaultSpellings = []string{
	"CircleCI", "DevOps", "GitHub", "GitLab", "GraphQL", "HubSpot", "JavaScript", "LinkedIn", "MongoDB",
	"MySQL", "OAuth", "OpenAI", "OpenID", "PayPal", "PostgreSQL", "SendGrid", "TikTok", "TypeScript",
	"WebSocket", "WhatsApp", "WordPress", "YouTube",
}

// defaultSpellings is DefaultSpellings as spellings.
var defaultSpellings = sync.OnceValue(func() spellings { return mustSpellings(DefaultSpellings) })

func mustSpellings(list []string) spellings {
	sp, err := newSpellings(list)
	if err != nil {
		panic("codegen: " + err.Error())
	}
	return sp
}

// newSpellings returns DefaultSpellings and extra: exported identifiers of
// letters and digits, such as PlayStation.
func newSpellings(extra []string) (spellings, error) {
	sp := spellings{}
	for _, list := range [][]string{DefaultSpellings, extra} {
		for _, w := range list {
			if err := CheckSpelling(w); err != nil {
				return nil, err
			}
			sp[strings.ToLower(w)] = w
		}
	}
	return sp, nil
}

// CheckSpelling reports a spelling that cannot be a word of a Go name.
func CheckSpelling(w string) error {
	if len(w) < 2 || !isUpper(w[0]) || strings.IndexFunc(w, func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) >= 0 {
		return fmt.Errorf("spelling %q: want a word of ASCII letters and digits starting with a capital, such as PlayStation", w)
	}
	return nil
}

// goName turns a GraphQL name into an exported Go identifier: camel case
// with Go's initialisms (projectId → ProjectID, DNS_RECORD → DNSRecord,
// serviceIds → ServiceIDs). A name in capitals only, as enum values are
// written, is read as words rather than as one initialism (REQUIRES_UPDATE
// → RequiresUpdate). Two GraphQL names can give the same identifier; a
// scope settles that.
//
// A run of capitals stays capitals (CWEConnection), and so does a name of
// up to three capitals, a code or initialism such as a country code (AF)
// or CWE; brands keep their spelling (githubRepo → GitHubRepo).
func goName(name string) string { return defaultSpellings().goName(name) }

// goName is goName with the spellings sp.
func (sp spellings) goName(name string) string {
	id := sp.camel(name)
	if id == "" || !unicode.IsLetter(rune(id[0])) {
		// "_" or "_1": an identifier must start with a letter.
		id = "X" + id
	}
	return id
}

// camel is goName for a name that follows a prefix (an enum's constants),
// so that it may start with a digit.
func camel(name string) string { return defaultSpellings().camel(name) }

// camel is camel with the spellings sp.
func (sp spellings) camel(name string) string {
	allCaps := isUpperCase(name)
	var store [8]string
	ws := appendWords(store[:0], name)
	var b strings.Builder
	b.Grow(len(name) + 4)
	for _, w := range ws {
		single := allCaps && len(ws) == 1 && letters(w) <= 3
		if len(w) > maxFastWord || !isASCII(w) {
			sp.writeWordSlow(&b, w, allCaps, single)
			continue
		}
		// The word's upper- and lower-case forms are spelt on the stack:
		// names are spelt for every field of every type, and a map looks a
		// []byte key up without copying it.
		var upper, lower [maxFastWord]byte
		for i := range len(w) {
			upper[i], lower[i] = toUpper(w[i]), toLower(w[i])
		}
		u, l := upper[:len(w)], lower[:len(w)]
		switch {
		case single && sp[string(l)] == "":
			// A code or an initialism: CWE, AF, MX, 5GB.
			b.WriteString(w)
		case allCaps:
			sp.writeWord(&b, l, u, l)
		default:
			sp.writeWord(&b, []byte(w), u, l)
		}
	}
	return b.String()
}

// isUpperCase reports whether strings.ToUpper(name) == name, without
// making the upper-case copy for an ASCII name.
func isUpperCase(name string) bool {
	if !isASCII(name) {
		return strings.ToUpper(name) == name
	}
	for i := 0; i < len(name); i++ {
		if isLower(name[i]) {
			return false
		}
	}
	return true
}

// maxFastWord is the longest word camel spells on the stack.
const maxFastWord = 64

// writeWordSlow is camel's spelling of a word of any length and letters.
func (sp spellings) writeWordSlow(b *strings.Builder, w string, allCaps, single bool) {
	switch {
	case single && sp[strings.ToLower(w)] == "":
		b.WriteString(w)
		return
	case allCaps:
		w = strings.ToLower(w)
	}
	b.WriteString(sp.goWord(w))
}

// writeWord writes goWord(w) for an ASCII word w, given in upper and
// lower case.
func (sp spellings) writeWord(b *strings.Builder, w, upper, lower []byte) {
	if initialisms()[string(upper)] {
		b.Write(upper)
		return
	}
	if spelt, ok := sp[string(lower)]; ok {
		b.WriteString(spelt)
		return
	}
	if n := len(upper); n > 2 && upper[n-1] == 'S' && initialisms()[string(upper[:n-1])] && w[n-1] == 's' {
		b.Write(upper[:n-1]) // IDs, URLs
		b.WriteByte('s')
		return
	}
	b.WriteByte(upper[0])
	b.Write(w[1:])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func toUpper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}

func toLower(c byte) byte {
	if isUpper(c) {
		return c - 'A' + 'a'
	}
	return c
}

// letters counts the letters of a word.
func letters(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isLower(w[i]) || isUpper(w[i]) {
			n++
		}
	}
	return n
}

// goWord capitalises one word, or spells it as an initialism or a brand.
func (sp spellings) goWord(w string) string {
	upper := strings.ToUpper(w)
	if initialisms()[upper] {
		return upper
	}
	if spelt, ok := sp[strings.ToLower(w)]; ok {
		return spelt
	}
	if stem, ok := strings.CutSuffix(upper, "S"); ok && len(stem) > 1 && initialisms()[stem] && strings.HasSuffix(w, "s") {
		return stem + "s" // IDs, URLs
	}
	return upper[:1] + w[1:]
}

// words splits a GraphQL name (ASCII letters, digits and underscores) into
// words: at underscores, before a capital that follows a lower-case letter
// or a digit (projectId, s3Bucket), and before the last capital of a run
// followed by lower case (HTTPServer → HTTP Server). Digits stay with the
// word before them (utf8, http2).
func words(name string) []string { return appendWords(nil, name) }

// appendWords appends the words of name to out.
func appendWords(out []string, name string) []string {
	start := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '_' {
			if i > start {
				out = append(out, name[start:i])
			}
			start = i + 1
			continue
		}
		if i == start {
			continue
		}
		prev := name[i-1]
		switch {
		case (isLower(prev) || isDigit(prev)) && isUpper(c),
			isUpper(prev) && isUpper(c) && i+1 < len(name) && isLower(name[i+1]):
			out = append(out, name[start:i])
			start = i
		}
	}
	if len(name) > start {
		out = append(out, name[start:])
	}
	return out
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scope hands out Go identifiers unique within it: the package's top-level
// names, or one type's fields and methods.
type scope map[string]bool

// reserve takes names that the generated code declares whatever the
// schema says, so that a schema name never takes them.
func (s scope) reserve(names ...string) {
	for _, n := range names {
		s[n] = true
	}
}

// claim returns want, or, if it is taken, the first of want_2, want_3, …
// that is free, and takes it.
func (s scope) claim(want string) string {
	id := want
	for n := 2; s[id]; n++ {
		id = want + "_" + strconv.Itoa(n)
	}
	s[id] = true
	return id
}

// claimAll gives each GraphQL name its Go identifier in s. A name already
// spelt as Go spells it comes first, then the others in schema order, so
// that a type keeps its name when a near-namesake (DnsRecord beside
// DNSRecord) is added to the schema.
func claimAll(s scope, names []string, prefix string) map[string]string {
	return defaultSpellings().claimAll(s, names, prefix)
}

// claimAll is claimAll with the spellings sp.
func (sp spellings) claimAll(s scope, names []string, prefix string) map[string]string {
	// Each name is spelt once: the spelling decides the order and is the
	// identifier wanted.
	spelt := make([]string, len(names))
	for i, n := range names {
		spelt[i] = sp.goName(n)
	}
	ids := make(map[string]string, len(names))
	for _, respelt := range []bool{false, true} {
		for i, n := range names {
			if (spelt[i] != n) == respelt {
				ids[n] = s.claim(prefix + spelt[i])
			}
		}
	}
	return ids
}

// kindNoun names a kind of type: "object type", "input object".
func kindNoun(k schema.Kind) string {
	_, noun, _ := strings.Cut(kindPhrase(k), " ")
	return noun
}

// kindPhrase says what kind of type a named type is, for messages and doc
// comments.
func kindPhrase(k schema.Kind) string {
	switch k {
	case schema.KindObject:
		return "an object type"
	case schema.KindInterface:
		return "an interface"
	case schema.KindUnion:
		return "a union"
	case schema.KindEnum:
		return "an enum"
	case schema.KindInputObject:
		return "an input object"
	}
	return "a scalar"
}
