package diff

import "fmt"

// Threshold is the level at or above which a change fails a run (exit 1):
// the fail-on setting of `watch diff`, `watch run` and schemawatch.yaml.
// Its zero value is the default, Breaking.
type Threshold struct{ level Level }

// The thresholds a user can choose.
var (
	FailOnBreaking  = Threshold{} // the default
	FailOnDangerous = Threshold{Dangerous}
	// FailOnNone never fails a run.
	FailOnNone = Threshold{level: "none"}
)

// ParseThreshold parses "breaking", "dangerous" or "none"; "" is the
// default, breaking.
func ParseThreshold(s string) (Threshold, error) {
	switch s {
	case "", "breaking":
		return FailOnBreaking, nil
	case "dangerous":
		return FailOnDangerous, nil
	case "none":
		return FailOnNone, nil
	}
	return Threshold{}, fmt.Errorf("%q: want breaking, dangerous or none", s)
}

// String returns the threshold as ParseThreshold reads it.
func (t Threshold) String() string {
	switch t.level {
	case Dangerous:
		return "dangerous"
	case "none":
		return "none"
	}
	return "breaking"
}

// MarshalText writes the threshold as ParseThreshold reads it.
func (t Threshold) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a threshold with ParseThreshold.
func (t *Threshold) UnmarshalText(text []byte) error {
	v, err := ParseThreshold(string(text))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Set makes a *Threshold a flag.Value.
func (t *Threshold) Set(s string) error { return t.UnmarshalText([]byte(s)) }

// Met reports whether a change at or above the threshold is among changes.
func (t Threshold) Met(changes []Change) bool {
	if t == FailOnNone {
		return false
	}
	top, ok := Max(changes)
	if !ok {
		return false
	}
	min := Breaking
	if t.level == Dangerous {
		min = Dangerous
	}
	return top.AtLeast(min)
}

// Equal reports whether t and u are the same threshold (and lets go-cmp
// compare configurations that hold one).
func (t Threshold) Equal(u Threshold) bool { return t == u }
