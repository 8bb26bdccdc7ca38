package diff

import (
	"flag"
	"testing"
)

func TestThreshold(t *testing.T) {
	changes := func(levels ...Level) []Change {
		var out []Change
		for _, l := range levels {
			out = append(out, Change{Criticality: Criticality{Level: l}})
		}
		return out
	}
	for _, tc := range []struct {
		text    string
		want    string
		changes []Change
		met     bool
	}{
		{"", "breaking", changes(Breaking), true},
		{"breaking", "breaking", changes(Dangerous, NonBreaking), false},
		{"dangerous", "dangerous", changes(Dangerous), true},
		{"dangerous", "dangerous", changes(Breaking), true},
		{"dangerous", "dangerous", changes(NonBreaking), false},
		{"none", "none", changes(Breaking), false},
		{"breaking", "breaking", nil, false},
	} {
		th, err := ParseThreshold(tc.text)
		if err != nil {
			t.Fatalf("ParseThreshold(%q): %v", tc.text, err)
		}
		if got := th.String(); got != tc.want {
			t.Errorf("ParseThreshold(%q) = %s, want %s", tc.text, got, tc.want)
		}
		if got := th.Met(tc.changes); got != tc.met {
			t.Errorf("%s.Met(%v) = %v, want %v", th, tc.changes, got, tc.met)
		}
		text, _ := th.MarshalText()
		var back Threshold
		if err := back.UnmarshalText(text); err != nil || back != th {
			t.Errorf("round trip of %s: %v %v", th, back, err)
		}
	}
	var zero Threshold
	if zero != FailOnBreaking {
		t.Error("the zero Threshold is not the default, breaking")
	}
	for _, bad := range []string{"Breaking", "all", "safe", " none"} {
		if _, err := ParseThreshold(bad); err == nil {
			t.Errorf("ParseThreshold(%q) accepted", bad)
		}
	}
	var _ flag.Value = new(Threshold)
}

func FuzzParseThreshold(f *testing.F) {
	for _, s := range []string{"", "breaking", "dangerous", "none", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		th, err := ParseThreshold(s)
		if err != nil {
			return
		}
		if again, err := ParseThreshold(th.String()); err != nil || again != th {
			t.Errorf("%q parsed as %s, which does not parse back", s, th)
		}
	})
}
