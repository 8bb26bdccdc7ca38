package collection

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// words splits a camelCase GraphQL name into its words, keeping acronyms
// and digits whole: "githubPRInfo" → github, PR, Info; "bucketS3Credentials"
// → bucket, S3, Credentials; "serviceInstanceDeployV2" → …, Deploy, V2.
//
// The words of a name in UTF-8 (every name a loader lets in) are slices of
// it, not copies: at and startAt are the byte offsets of runes[i] and
// runes[start].
func words(name string) []string {
	var out []string
	runes := []rune(name)
	valid := utf8.ValidString(name)
	start, startAt, at := 0, 0, 0
	for i := 1; i <= len(runes); i++ {
		at += utf8.RuneLen(runes[i-1])
		if i < len(runes) && !wordBreak(runes, i) {
			continue
		}
		w := name[min(startAt, len(name)):min(at, len(name))]
		if !valid {
			w = string(runes[start:i])
		}
		if w = strings.Trim(w, "_"); w != "" {
			out = append(out, w)
		}
		start, startAt = i, at
	}
	return out
}

// wordBreak reports whether a new word starts at runes[i].
func wordBreak(runes []rune, i int) bool {
	prev, r := runes[i-1], runes[i]
	switch {
	case r == '_' || prev == '_':
		return true
	case !unicode.IsUpper(r):
		return false
	case unicode.IsLower(prev) || unicode.IsDigit(prev):
		return true
	}
	// An upper-case letter after another one starts a word when a lower-case
	// letter follows: the "I" of "PRInfo".
	return i+1 < len(runes) && unicode.IsLower(runes[i+1])
}

// initialisms are words written in capitals wherever they appear, also when
// a name spells them in lower case ("dnsQueryLogs").
var initialisms = map[string]string{
	"api": "API", "cdn": "CDN", "cli": "CLI", "dns": "DNS", "http": "HTTP", "https": "HTTPS",
	"id": "ID", "ids": "IDs", "ip": "IP", "json": "JSON", "pr": "PR", "sql": "SQL", "ssh": "SSH",
	"sso": "SSO", "tcp": "TCP", "tls": "TLS", "udp": "UDP", "url": "URL", "urls": "URLs",
}

// readable turns a field name into words a person reads: "projectCreate" →
// "Project create", "dnsQueryLogs" → "DNS query logs", "githubPRInfo" →
// "Github PR info".
func readable(name string) string {
	ws := words(name)
	for i, w := range ws {
		switch {
		case initialisms[strings.ToLower(w)] != "":
			ws[i] = initialisms[strings.ToLower(w)]
		case len(w) > 1 && strings.ToUpper(w) == w:
			// An acronym as the name spells it: PR, PITR, S3, V2.
		case i == 0:
			ws[i] = upperFirst(strings.ToLower(w))
		default:
			ws[i] = strings.ToLower(w)
		}
	}
	return strings.Join(ws, " ")
}

// title is the collection's display name.
func title(apiName string) string { return upperFirst(apiName) + " GraphQL API" }

// operationName names a root field's operation: the field name with a
// capital, as people name operations ("projectCreate" → "ProjectCreate").
func operationName(field string) string { return upperFirst(field) }

func upperFirst(s string) string { return mapFirst(s, unicode.ToUpper) }

// writeUpperFirst writes upperFirst(s).
func writeUpperFirst(b *strings.Builder, s string) {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return
	}
	b.WriteRune(unicode.ToUpper(r))
	b.WriteString(s[n:])
}

func lowerFirst(s string) string { return mapFirst(s, unicode.ToLower) }

func mapFirst(s string, to func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(to(r)) + s[n:]
}

// requestNames names every operation's request: the readable field name,
// qualified where Postman and Insomnia would otherwise not tell requests
// apart. Subscriptions are always marked, because they behave differently
// (see describeOperation); a mutation is marked when a query has its name;
// a deprecated field is marked too.
func requestNames(ops []*operation) map[*operation]string {
	queries := map[string]bool{}
	for _, op := range ops {
		if op.Type == opQuery {
			queries[op.Field.Name] = true
		}
	}
	names := make(map[*operation]string, len(ops))
	for _, op := range ops {
		var marks []string
		switch {
		case op.Type == opSubscription:
			marks = append(marks, "subscription")
		case op.Type == opMutation && queries[op.Field.Name]:
			marks = append(marks, "mutation")
		}
		if op.Field.IsDeprecated {
			marks = append(marks, "deprecated")
		}
		name := readable(op.Field.Name)
		if len(marks) > 0 {
			name += " (" + strings.Join(marks, ", ") + ")"
		}
		names[op] = name
	}
	return names
}

// sortRequests orders a folder's requests by field name, a query before a
// mutation and a mutation before a subscription of the same name, so that
// related operations (project, projectCreate, projects) stand together.
func sortRequests(reqs []*request) {
	slices.SortFunc(reqs, func(a, b *request) int {
		return cmp.Or(
			cmp.Compare(a.lowerField, b.lowerField),
			cmp.Compare(a.op.Field.Name, b.op.Field.Name),
			cmp.Compare(operationOrder(a.op.Type), operationOrder(b.op.Type)),
		)
	})
}
