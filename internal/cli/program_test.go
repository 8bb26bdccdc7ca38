package cli

import (
	"regexp"
	"strings"
	"testing"
)

// regexpRenamer is how Renamer was written before it was written by hand
// (a regular expression compiled by every command at startup): the answer
// key of FuzzRenamerAsTheRegexp.
func regexpRenamer(written, name string, subcommands []string) func(string) string {
	tail := `(\s|$)`
	if len(subcommands) > 0 {
		quoted := make([]string, 0, len(subcommands)+2)
		for _, s := range subcommands {
			quoted = append(quoted, regexp.QuoteMeta(s)+`\b`)
		}
		quoted = append(quoted, `<command>`, `--`)
		tail = `( (?:` + strings.Join(quoted, "|") + `))`
	}
	re := regexp.MustCompile(`(?m)(^|[\s'"(` + "`" + `])` + regexp.QuoteMeta(written) + tail)
	return func(s string) string {
		return re.ReplaceAllString(s, "${1}"+strings.ReplaceAll(name, "$", "$$")+"${2}")
	}
}

// TestNewRenamerCostsNothing: every command makes a renamer before it
// parses its flags, so making one does no work (it compiled a regular
// expression: 150 allocations and 0.1 ms of every invocation).
func TestNewRenamerCostsNothing(t *testing.T) {
	subcommands := []string{"run", "diff", "generate", "history", "demo", "help"}
	if n := testing.AllocsPerRun(100, func() { NewRenamer("watch", "schemawatch", subcommands) }); n > 1 {
		t.Errorf("NewRenamer allocates %v times, want at most 1", n)
	}
}

// TestRenamerAsTheRegexp checks cases of each rule against the regexp.
func TestRenamerAsTheRegexp(t *testing.T) {
	for _, tc := range []struct {
		written     string
		subcommands []string
		s           string
	}{
		{"watch", []string{"diff", "run"}, "watch diff\nwatch diff watch run\twatch --x 'watch <command>' (watch diffs) `watch run`"},
		{"watch", []string{"run", "run-x"}, "watch run-x watch runs watch run_x watch run"},
		{"watch", []string{""}, "watch  x watch x"},
		{"introspect", nil, "introspect introspect introspect\nintrospect\n\nintrospect\r(introspect)introspect"},
		{"introspect", nil, "xintrospect introspect\tintrospect\f\"introspect\v"},
		{"aa", nil, "aaa aa aaaa\naa aa"},
		{"w", nil, "w\xffw w\u00e9 w"},
	} {
		for _, name := range []string{"sw", "watch", "a$1b", ""} {
			want := regexpRenamer(tc.written, name, tc.subcommands)(tc.s)
			if got := NewRenamer(tc.written, name, tc.subcommands).Rename(tc.s); got != want {
				t.Errorf("NewRenamer(%q, %q, %q).Rename(%q)\n = %q\nthe regexp says\n   %q", tc.written, name, tc.subcommands, tc.s, got, want)
			}
		}
	}
}

// Help texts and messages hold the API's text (errors quoting it): the
// hand-written renamer must rename exactly what the regexp renamed.
func FuzzRenamerAsTheRegexp(f *testing.F) {
	f.Add("watch", "schemawatch", "diff,run,help", "Usage: watch diff [flags]\n  watch run --once\n(see watch --help) 'watch <command> --help' watch diffs")
	f.Add("introspect", "intro$1", "", "Usage: introspect [flags]\nby introspection\n  introspect")
	f.Add("aa", "b", "a,", "aaa aa a\naa aa")
	f.Fuzz(func(t *testing.T, written, name, subcommands, s string) {
		if written == "" {
			return // a program has a name
		}
		for _, c := range []byte(written + subcommands) {
			if c < ' ' || c > '~' {
				return // program and command names are printable ASCII
			}
		}
		var subs []string
		if subcommands != "" {
			subs = strings.Split(subcommands, ",")
		}
		want := regexpRenamer(written, name, subs)(s)
		if got := NewRenamer(written, name, subs).Rename(s); got != want {
			t.Fatalf("NewRenamer(%q, %q, %q).Rename(%q)\n = %q\nthe regexp says\n   %q", written, name, subs, s, got, want)
		}
	})
}

// BenchmarkRenameHelp renames a help text of watch's size, as --help does
// when the program was installed as schemawatch.
func BenchmarkRenameHelp(b *testing.B) {
	help := strings.Repeat("Usage: watch diff [flags] OLD NEW\n  watch run --once: runs the watch cycle (see watch --help).\n", 40)
	b.ReportAllocs()
	for b.Loop() {
		NewRenamer("watch", "schemawatch", []string{"run", "diff", "generate", "history", "demo", "help"}).Rename(help)
	}
}
