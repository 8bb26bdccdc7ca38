package watch

import (
	"errors"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

func TestMassRemoval(t *testing.T) {
	parse := func(sdl string) *schema.Schema {
		t.Helper()
		s, err := schema.ParseSDL("test.graphql", sdl)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	prev := parse(`type Query { a: A b: B c: C d: D }
type A { x: Int y: Int } type B { x: Int } type C { x: Int } type D { x: Int }`)
	tests := []struct {
		name, live string
		allow      bool
		suspect    bool
	}{
		{"a field added", `type Query { a: A b: B c: C d: D e: Int }
type A { x: Int y: Int } type B { x: Int } type C { x: Int } type D { x: Int }`, false, false},
		{"one type of several removed", `type Query { a: A b: B c: C }
type A { x: Int y: Int } type B { x: Int } type C { x: Int }`, false, false},
		{"most types removed", `type Query { a: A }
type A { x: Int y: Int }`, false, true},
		{"one field removed", `type Query { a: A b: B c: C d: D }
type A { x: Int } type B { x: Int } type C { x: Int } type D { x: Int }`, false, false},
		{"a proxy's schema", `type Query { status: String }`, false, true},
		{"a proxy's schema, allowed", `type Query { status: String }`, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkMassRemoval(API{Name: "a", AllowMassRemoval: tt.allow}, prev, parse(tt.live))
			var mass *ErrMassRemoval
			if got := errors.As(err, &mass); got != tt.suspect {
				t.Fatalf("suspect = %v (%v), want %v", got, err, tt.suspect)
			}
			if mass != nil && !strings.Contains(err.Error(), "allowMassRemoval") {
				t.Errorf("the message does not say how to allow it: %v", err)
			}
		})
	}
	// Fields alone: a type that loses most of its fields.
	wide := parse(`type Query { a: Int b: Int c: Int d: Int e: Int }`)
	if err := checkMassRemoval(API{}, wide, parse(`type Query { a: Int }`)); err == nil {
		t.Error("four of five fields removed passed")
	}
}
