package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Name is the name schemawatch's main binary is installed under (make
// install, the GitHub Action, the README): "watch", the name go install
// would give cmd/watch, collides with procps' watch(1).
const Name = "schemawatch"

// ProgramName is the name a command was invoked with, for its help and
// messages: the base of argv[0], or fallback when argv[0] is a go run or go
// test build (a temporary file in a go-build directory) or empty.
func ProgramName(argv0, fallback string) string {
	if argv0 == "" || strings.Contains(filepath.ToSlash(argv0), "/go-build") {
		return fallback
	}
	name := filepath.Base(argv0)
	name = strings.TrimSuffix(name, ".exe")
	if name == "." || name == "/" || name == "" {
		return fallback
	}
	return name
}

// Renamer rewrites the command name a help text or message was written
// with ("watch" in "watch diff", "watch --help") to the one the program was
// invoked with. Only the name followed by one of the given subcommands or a
// flag is rewritten, so prose ("the watch cycle") stays as it is.
//
// It is written by hand rather than as a regular expression: every command
// makes one before it parses its flags, and compiling the expression cost
// each invocation 150 allocations; renaming a help text with it took
// 0.9 ms. It renames exactly what the expression
// (?m)(^|[\s'"(`])WRITTEN( (?:SUB1\b|…|<command>|--)) did, or, without
// subcommands, (?m)(^|[\s'"(`])WRITTEN(\s|$) (FuzzRenamerAsTheRegexp).
type Renamer struct {
	written, name string
	subcommands   []string // none: a command without subcommands
}

// NewRenamer returns a renamer from written to name for the subcommands;
// for a command without subcommands (nil), every word written followed by
// a space or the end of a line is renamed.
func NewRenamer(written, name string, subcommands []string) *Renamer {
	return &Renamer{written: written, name: name, subcommands: subcommands}
}

// Rename rewrites s. A nil renamer returns s unchanged.
func (r *Renamer) Rename(s string) string {
	if r == nil || r.written == "" || r.name == r.written {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is in b, or matched: no match starts before it
	for from := 0; ; {
		k := strings.Index(s[from:], r.written)
		if k < 0 {
			break
		}
		at := from + k
		end, ok := r.tailEnd(s, at+len(r.written))
		if !ok || !headBefore(s, at, done) {
			from = at + 1
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16*max(0, len(r.name)-len(r.written)))
		}
		b.WriteString(s[done:at])
		b.WriteString(r.name)
		b.WriteString(s[at+len(r.written) : end])
		done, from = end, end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// headBefore reports whether the name at s[at:] starts a line or follows
// one of \s'"(` that no earlier match took.
func headBefore(s string, at, done int) bool {
	if at == 0 || s[at-1] == '\n' {
		return true
	}
	return at-1 >= done && strings.IndexByte(" \t\n\f\r'\"(`", s[at-1]) >= 0
}

// tailEnd returns where what follows the name ends, if it is a subcommand,
// <command> or a flag (or, without subcommands, a space or the end of a
// line); the alternatives are tried in order, as the expression did.
func (r *Renamer) tailEnd(s string, p int) (int, bool) {
	if len(r.subcommands) == 0 {
		switch {
		case p == len(s):
			return p, true
		case strings.IndexByte(" \t\n\f\r", s[p]) >= 0:
			return p + 1, true
		}
		return 0, false
	}
	if p == len(s) || s[p] != ' ' {
		return 0, false
	}
	rest := s[p+1:]
	for _, sub := range r.subcommands {
		if strings.HasPrefix(rest, sub) && wordBoundary(s, p+1+len(sub)) {
			return p + 1 + len(sub), true
		}
	}
	for _, flag := range []string{"<command>", "--"} {
		if strings.HasPrefix(rest, flag) {
			return p + 1 + len(flag), true
		}
	}
	return 0, false
}

// wordBoundary is \b at s[q]: an ASCII word character on one side only.
func wordBoundary(s string, q int) bool {
	before := q > 0 && isWordByte(s[q-1])
	after := q < len(s) && isWordByte(s[q])
	return before != after
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Version is the version line of a command: its module version (a tag
// for go install …@vX, "(devel)" for a build from a checkout) and the VCS
// commit, its time and whether the tree was modified, from the build
// information the Go toolchain embeds.
func Version(name string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return name + " (no build information)\n"
	}
	return versionLine(name, info)
}

func versionLine(name string, info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	line := fmt.Sprintf("%s %s", name, version)
	if rev := settings["vcs.revision"]; rev != "" {
		line += " commit " + rev
		if settings["vcs.modified"] == "true" {
			line += " (modified)"
		}
		if t := settings["vcs.time"]; t != "" {
			line += " " + t
		}
	}
	if info.GoVersion != "" {
		line += " " + info.GoVersion
	}
	return line + "\n"
}

// PrintVersion writes Version(name) to w.
func PrintVersion(w io.Writer, name string) { fmt.Fprint(w, Version(name)) }
