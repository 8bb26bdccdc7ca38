package schema

// The value readers the decoders of introspection_decode*.go share:
// objects, arrays and the optional scalars.

// object reads the object at pos (its '{'), calling member with the index
// in keys of each name it has; member reads the value. object checks that
// no name comes twice, and skips the members of other names.
func (d *scanner) object(keys *keySet, member func(i int) error) error {
	if err := d.enter(); err != nil {
		return err
	}
	var mask uint32
	var names memberNames
	guess := 0
	for first := true; ; first = false {
		i, err := d.nextMember(keys, guess, first)
		if err != nil || i == endOfObject {
			return err
		}
		if i >= 0 {
			if !seen(&mask, 1<<i) {
				return errSyntax
			}
			if err := member(i); err != nil {
				return err
			}
			guess = i + 1
			continue
		}
		if !names.add(d.otherName) {
			return errSyntax
		}
		if err := d.skip(); err != nil {
			return err
		}
	}
}

// array reads the array at pos (or null), calling elem for each element.
func (d *scanner) array(elem func() error) error {
	c := d.at()
	if c <= ' ' {
		c = d.peek()
	}
	switch c {
	case 'n':
		return d.literal("null")
	case '[':
	default:
		return d.mismatch("an array")
	}
	if err := d.enter(); err != nil {
		return err
	}
	for first := true; ; first = false {
		more, err := d.more(']', first)
		if err != nil || !more {
			return err
		}
		if err := elem(); err != nil {
			return err
		}
	}
}

// nullableString reads a string or null: a Go string field (null leaves
// ""), a *string (ok false for null).
func (d *scanner) nullableString() (s string, ok bool, err error) {
	c := d.at()
	if c <= ' ' {
		c = d.peek()
	}
	switch c {
	case '"':
		s, err = d.str()
		return d.name(s), err == nil, err
	case 'n':
		return "", false, d.literal("null")
	}
	return "", false, d.mismatch("a string")
}

// optString reads an optional string property (optString): present, a
// string or null.
func (d *scanner) optString() (*string, error) {
	c := d.at()
	if c <= ' ' {
		c = d.peek()
	}
	switch c {
	case '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		kept := d.strings.new()
		*kept = d.keep(s) // a description: seldom repeated
		return kept, nil
	case 'n':
		return nil, d.literal("null")
	default:
		return nil, d.methodMismatch(c, "a string or null")
	}
}

// optBool reads an optional boolean property (optBool): null is false.
func (d *scanner) optBool() (bool, error) {
	c := d.at()
	if c <= ' ' {
		c = d.peek()
	}
	switch c {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return false, d.literal("null")
	default:
		return false, d.methodMismatch(c, "a boolean")
	}
}
