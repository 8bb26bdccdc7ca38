package watch

import "testing"

func TestConventionalCommit(t *testing.T) {
	tests := []struct {
		scope    string
		breaking bool
		summary  string
		body     string
		want     string
	}{
		{"api", false, "demo API schema changed", "", "feat(api): demo API schema changed"},
		{"api", true, "remove Project.legacyId", "", "feat(api)!: remove Project.legacyId"},
		{"", false, "schema changed", "", "feat: schema changed"},
		{"api", true, "two\nlines  summary", "\n3 breaking changes.\n\n", "feat(api)!: two lines summary\n\n3 breaking changes."},
	}
	for _, tt := range tests {
		if got := conventionalCommit(tt.scope, tt.breaking, tt.summary, tt.body); got != tt.want {
			t.Errorf("conventionalCommit(%q, %v, %q, %q) = %q, want %q", tt.scope, tt.breaking, tt.summary, tt.body, got, tt.want)
		}
	}
}
