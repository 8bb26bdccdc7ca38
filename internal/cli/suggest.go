package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Suggest returns the candidate closest to what the user typed, for a "did
// you mean" hint, or "" when none is close enough to be a typo: at most
// half the word's letters apart (at least one, at most three edits; a swap
// of two letters is two), or the word a prefix of exactly one candidate.
func Suggest(typed string, candidates []string) string {
	var prefixed []string
	for _, c := range candidates {
		if len(typed) >= 2 && strings.HasPrefix(c, typed) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	best, bestDist := "", 0
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(strings.ToLower(typed), strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" && bestDist <= min(3, max(1, (len(typed)+1)/2)) {
		return best
	}
	return ""
}

// DidYouMean is " (did you mean X?)" for Suggest's answer, or "".
func DidYouMean(typed string, candidates []string, format string) string {
	s := Suggest(typed, candidates)
	if s == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean "+format+"?", s)
}

// unknownFlag turns the flag package's "flag provided but not defined: -x"
// into a message that spells the flag the way it was typed (--x, as the
// help text writes flags) and suggests the flag that was probably meant.
func unknownFlag(fs *flag.FlagSet, err error, args []string) (string, bool) {
	const prefix = "flag provided but not defined: -"
	name, ok := strings.CutPrefix(err.Error(), prefix)
	if !ok {
		return "", false
	}
	typed := "--" + name
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-"+name || strings.HasPrefix(a, "-"+name+"=") {
			typed = "-" + name
			break
		}
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	msg := fmt.Sprintf("unknown flag %s", typed)
	if s := Suggest(name, names); s != "" {
		dashes := "--"
		if len(s) == 1 {
			dashes = "-"
		}
		msg += fmt.Sprintf("; did you mean %s%s?", dashes, s)
	}
	return msg, true
}
