package schema

import (
	"fmt"
	"testing"
	"unsafe"
)

// The intern table keeps one copy per distinct name, whether the name
// found room in the table's slots or went to the overflow map: a table of
// 512 slots fed 5,000 names, and names that all hash alike, overflow.
func TestInternTableKeepsOneCopyPerName(t *testing.T) {
	tests := []struct {
		name  string
		names []string
	}{
		{"few", []string{"", "a", "ab", "abc", "abcd", "String", "ID", "Boolean", "deprecationReason", "a very long name that needs three words"}},
		{"more than the slots", numbered("Type", 5000)},
		{"one hash", sameHash(t, 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newInternTable(0)
			kept := map[string]string{}
			for round := range 3 {
				for _, n := range tt.names {
					got := internForTest(&tab, n)
					if got != n {
						t.Fatalf("round %d: interned %q as %q", round, n, got)
					}
					if first, ok := kept[n]; ok {
						if unsafe.StringData(first) != unsafe.StringData(got) {
							t.Fatalf("round %d: %q kept twice", round, n)
						}
					} else {
						kept[n] = got
					}
				}
			}
			if got, want := tab.kept.n+len(tab.overflow), len(kept); got != want {
				t.Errorf("the table holds %d names, want %d", got, want)
			}
			if len(tt.names) > len(tab.slots) && len(tab.overflow) == 0 {
				t.Errorf("%d names in %d slots and none overflowed", len(tt.names), len(tab.slots))
			}
			if tt.name == "one hash" && len(tab.overflow) != len(tt.names)-maxInternProbes {
				t.Errorf("%d names of one hash overflowed, want %d", len(tab.overflow), len(tt.names)-maxInternProbes)
			}
		})
	}
}

// internForTest is scanner.name without the text arena.
func internForTest(tab *internTable, s string) string {
	kept, slot, found := tab.lookup(s)
	if found {
		return kept
	}
	kept = string([]byte(s)) // a copy, as keep makes
	tab.add(kept, slot)
	return kept
}

func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// sameHash finds n names whose hashes fall in one slot of a 512-slot
// table.
func sameHash(t *testing.T, n int) []string {
	t.Helper()
	var out []string
	for i := 0; len(out) < n; i++ {
		s := fmt.Sprintf("n%d", i)
		if nameHash(s)&511 == 7 {
			out = append(out, s)
		}
	}
	return out
}

// nameHash reads exactly the bytes of its string, whatever its length:
// equal strings at different places hash alike, and every byte counts.
func TestNameHashReadsEveryByte(t *testing.T) {
	buf := []byte("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
	for n := 0; n <= 24; n++ {
		a := string(buf[:n])
		b := unsafe.String(&buf[8], n) // same bytes, other address
		if nameHash(a) != nameHash(b) {
			t.Fatalf("length %d: equal strings hash differently", n)
		}
		for i := range n {
			c := []byte(a)
			c[i] = 'y'
			if nameHash(string(c)) == nameHash(a) {
				t.Errorf("length %d: byte %d does not count", n, i)
			}
		}
	}
}
