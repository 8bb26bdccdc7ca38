package diff_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// TestChangesRebuildFromMeta: the change-kind table is the single source of
// each change's level, reason, path and message. Every change the engine
// emits, once through report.json, is rebuilt exactly from its identifier
// and meta: on the unit cases, on every conformance fixture, and on a
// generated pair of a few hundred types.
func TestChangesRebuildFromMeta(t *testing.T) {
	type pair struct {
		name    string
		changes []diff.Change
	}
	var pairs []pair
	for _, tc := range changeCases {
		pairs = append(pairs, pair{tc.name, diff.Changes(parseSDL(t, tc.old), parseSDL(t, tc.new))})
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "conformance", "*"))
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		old, new := loadPair(t, fixtureFile(t, dir, "old"), fixtureFile(t, dir, "new"))
		pairs = append(pairs, pair{filepath.Base(dir), diff.Changes(old, new)})
	}
	old, new := schemagen.Pair(schemagen.Config{Seed: 5, Entities: 40, Changes: 200})
	pairs = append(pairs, pair{"generated", diff.Changes(old, new)})

	seen := map[diff.ChangeType]bool{}
	for _, p := range pairs {
		data, err := json.Marshal(p.changes)
		if err != nil {
			t.Fatal(err)
		}
		var read []diff.Change
		if err := json.Unmarshal(data, &read); err != nil {
			t.Fatal(err)
		}
		for i, c := range read {
			seen[c.Type] = true
			got := diff.FromMeta(c.Type, c.Meta)
			if got.Criticality != c.Criticality || got.Path != c.Path || got.Message != c.Message || got.Meta != c.Meta {
				t.Errorf("%s: %s rebuilt from its meta:\n got %+v\nwant %+v", p.name, c.Type, got, p.changes[i])
			}
		}
	}
	for _, k := range diff.ChangeTypes() {
		if !seen[k] {
			t.Errorf("no pair emits %s", k)
		}
	}
}

// TestKindTable: every kind has a wording, reasons exactly for the
// levels that need one, and the additions reports fold contents under.
func TestKindTable(t *testing.T) {
	additions := map[diff.ChangeType]bool{diff.TypeAdded: true, diff.FieldAdded: true, diff.InputFieldAdded: true,
		diff.EnumValueAdded: true, diff.DirectiveAdded: true}
	for _, k := range diff.ChangeTypes() {
		c := diff.FromMeta(k, diff.Meta{TypeName: "T", FieldName: "f", ArgumentName: "a", EnumValueName: "V", DirectiveName: "d"})
		if c.Message == "" {
			t.Errorf("%s has no message", k)
		}
		if (c.Criticality.Level == diff.NonBreaking) != (c.Criticality.Reason == "") {
			t.Errorf("%s: level %s with reason %q", k, c.Criticality.Level, c.Criticality.Reason)
		}
		if k.IsAddition() != additions[k] {
			t.Errorf("%s.IsAddition() = %v", k, k.IsAddition())
		}
	}
}
