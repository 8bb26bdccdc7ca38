package diff

import "github.com/schemawatch/schemawatch/internal/schema"

// The type-wrapping rules of docs/breaking-changes.md §4. The named type at the core is compared
// by name only: changing it is never safe, whatever it becomes.

// safeOutputChange reports whether a field's type may change from old to new
// without breaking a client: a response may become more precise (gain
// non-null at any level), never less.
func safeOutputChange(old, new *schema.TypeRef) bool {
	for {
		switch {
		case new.Kind == schema.RefNonNull:
			if old.Kind == schema.RefNonNull {
				old = old.OfType
			}
			new = new.OfType
		case old.Kind == schema.RefNonNull:
			return false // non-null dropped
		case old.Kind == schema.RefList && new.Kind == schema.RefList:
			old, new = old.OfType, new.OfType
		case old.Kind == schema.RefNamed && new.Kind == schema.RefNamed:
			return old.Name == new.Name
		default:
			return false // a list on one side, a named type on the other
		}
	}
}

// safeInputChange reports whether an argument's or input field's type may
// change from old to new without breaking a client: the server may accept
// more (drop non-null at any level), never less. It is the output rule
// with the two sides swapped: an input may loosen exactly where an output
// may tighten.
func safeInputChange(old, new *schema.TypeRef) bool { return safeOutputChange(new, old) }
