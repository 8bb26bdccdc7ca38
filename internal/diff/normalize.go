package diff

// Text normalisation for descriptions and deprecation reasons
// (docs/breaking-changes.md, "Comparing texts and defaults").

// void reports whether a text is absent, null or "".
func void(s *string) bool { return s == nil || *s == "" }

// textChanged reports whether a text changed: void texts equal each other,
// other texts are compared exactly (no trimming, no whitespace folding).
func textChanged(old, new *string) bool {
	if void(old) || void(new) {
		return void(old) != void(new)
	}
	return *old != *new
}

// descriptionChange classifies a changed description the way Inspector does
// for types, fields and input fields: added when the old text is absent or
// null, removed when the new one is, changed otherwise ("" counts as a text
// here, so "" → "x" is a change, not an addition). It returns "" when the
// description did not change.
func descriptionChange(old, new *string, added, removed, changed ChangeType) ChangeType {
	switch {
	case !textChanged(old, new):
		return ""
	case old == nil:
		return added
	case new == nil:
		return removed
	}
	return changed
}

// defaultDeprecationReason is what graphql-js reports for a bare
// @deprecated. It counts as no reason at all.
const defaultDeprecationReason = "No longer supported"

// noReason reports whether a deprecated element gives no reason of its own.
// "" is a reason (an empty one).
func noReason(r *string) bool { return r == nil || *r == defaultDeprecationReason }

// reasonChanged reports whether a deprecation reason changed. Absent and
// graphql-js's default text are the same "no reason": a legacy SDL snapshot
// holds a bare @deprecated where the introspection of the same schema says
// "No longer supported".
func reasonChanged(old, new *string) bool {
	if noReason(old) && noReason(new) {
		return false
	}
	return textChanged(old, new)
}

// reasonChange classifies a changed reason of an element deprecated in both
// schemas: added when the old side had no reason (tested first), removed
// when the new side has none, changed otherwise. It returns "" when the
// reason did not change.
func reasonChange(old, new *string, added, removed, changed ChangeType) ChangeType {
	switch {
	case !reasonChanged(old, new):
		return ""
	case noReason(old):
		return added
	case noReason(new):
		return removed
	}
	return changed
}

// deprecationSource is an element that can be deprecated.
type deprecationSource struct {
	deprecated bool
	reason     *string
}

// inspectorDisagrees reports whether Inspector 8, which reads deprecation
// from the reason alone, could see this element's deprecation differently
// from us (docs/breaking-changes.md D5): the flag disagrees with the nullness of the reason.
func (d deprecationSource) inspectorDisagrees() bool {
	return d.deprecated != (d.reason != nil)
}
