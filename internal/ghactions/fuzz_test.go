package ghactions

import (
	"strings"
	"testing"
)

// FuzzEscape: an escaped message or property holds no line break (which
// would end the workflow command and start another), and a property no
// separator of the command's properties.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\n::warning::b", "x,y:z", "100%", "\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := escapeData(s); strings.ContainsAny(d, "\r\n") {
			t.Errorf("escapeData(%q) = %q", s, d)
		}
		if p := escapeProperty(s); strings.ContainsAny(p, "\r\n,:") {
			t.Errorf("escapeProperty(%q) = %q", s, p)
		}
		// The toolkit's unescaping gives the text back.
		unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
		if got := unescape.Replace(escapeProperty(s)); got != s {
			t.Errorf("escapeProperty(%q) unescapes to %q", s, got)
		}
	})
}
