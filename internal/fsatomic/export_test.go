package fsatomic

// WritesInPlace exposes writesInPlace: /dev/null is checked by the
// decision alone, so that a regression cannot replace the machine's
// /dev/null while the test runs as root.
var WritesInPlace = writesInPlace

// SetCrashPoints makes ReplaceDir call f at each step where a process
// could die (see crashPoints).
func SetCrashPoints(f func(step string)) { crashPoints = f }

// SetSyncs sets the function called before every sync (see syncs).
func SetSyncs(f func()) { syncs = f }

// Glob exposes glob, held to filepath.Glob's matches.
var Glob = glob
