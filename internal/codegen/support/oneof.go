package support

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotOneOf is what a @oneOf input object that does not hold exactly one
// value fails to encode with (wrapped; test with errors.Is).
var ErrNotOneOf = errors.New("a @oneOf input object must have exactly one field set, to a value")

// oneOfField is what checkOneOf needs of an Optional of any type.
type oneOfField interface {
	IsZero() bool
	IsNull() bool
}

// checkOneOf checks that exactly one of a @oneOf input object's fields is
// present and that it is not null, as the GraphQL specification requires.
// names are the fields' GraphQL names, in the order of fields.
func checkOneOf(input string, names []string, fields ...oneOfField) error {
	var set []string
	for i, f := range fields {
		if !f.IsZero() {
			set = append(set, names[i])
		}
	}
	switch {
	case len(set) == 0:
		return fmt.Errorf("%s: %w; none is (its fields: %s)", input, ErrNotOneOf, strings.Join(names, ", "))
	case len(set) > 1:
		return fmt.Errorf("%s: %w; %d are: %s", input, ErrNotOneOf, len(set), strings.Join(set, ", "))
	}
	for i, f := range fields {
		if f.IsNull() {
			return fmt.Errorf("%s: %w; %s is null", input, ErrNotOneOf, names[i])
		}
	}
	return nil
}
