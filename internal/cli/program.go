package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
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
type Renamer struct {
	re   *regexp.Regexp
	name string
}

// NewRenamer returns a renamer from written to name for the subcommands;
// for a command without subcommands (nil), every word written followed by
// a space or the end of a line is renamed.
func NewRenamer(written, name string, subcommands []string) *Renamer {
	tail := `(\s|$)`
	if len(subcommands) > 0 {
		quoted := make([]string, 0, len(subcommands)+2)
		for _, s := range subcommands {
			quoted = append(quoted, regexp.QuoteMeta(s)+`\b`)
		}
		quoted = append(quoted, `<command>`, `--`)
		tail = `( (?:` + strings.Join(quoted, "|") + `))`
	}
	return &Renamer{
		re:   regexp.MustCompile(`(?m)(^|[\s'"(` + "`" + `])` + regexp.QuoteMeta(written) + tail),
		name: name,
	}
}

// Rename rewrites s. A nil renamer returns s unchanged.
func (r *Renamer) Rename(s string) string {
	if r == nil {
		return s
	}
	return r.re.ReplaceAllString(s, "${1}"+strings.ReplaceAll(r.name, "$", "$$")+"${2}")
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
