package schema

import "fmt"

// buildRef makes the model of a type reference from its parts, or says
// why there is none, in the order model() checked: a wrapper without
// ofType, then what is wrong inside, then a non-null of a non-null.
func (d *scanner) buildRef(r *refResult, kind string, inner refResult, hasOfType bool) {
	switch kind {
	case "LIST", "NON_NULL":
		switch {
		case !hasOfType && kind == "LIST":
			r.problem = refListCutShort
		case !hasOfType:
			r.problem = refNonNullCutShort
		case inner.problem != refOK:
			r.problem = inner.problem
		case kind == "LIST":
			r.ref = d.typeRefs.new()
			*r.ref = TypeRef{Kind: RefList, OfType: inner.ref}
		case inner.ref.Kind == RefNonNull:
			r.problem = refNonNullOfNonNull
		default:
			r.ref = d.typeRefs.new()
			*r.ref = TypeRef{Kind: RefNonNull, OfType: inner.ref}
		}
	default:
		if !r.hasName || r.name == "" {
			r.problem = refNoName
		} else {
			r.ref = d.typeRefs.new()
			*r.ref = TypeRef{Kind: RefNamed, Name: r.name}
		}
	}
}

// refProblem is why a type reference makes no model type.
type refProblem uint8

const (
	refOK refProblem = iota
	refNoType
	refListCutShort
	refNonNullCutShort
	refNonNullOfNonNull
	refNoName
)

func (p refProblem) err(path refPath) error {
	switch p {
	case refNoType:
		return fmt.Errorf("not an introspection result: %s has no type", path)
	case refListCutShort, refNonNullCutShort:
		kind := "LIST"
		if p == refNonNullCutShort {
			kind = "NON_NULL"
		}
		return fmt.Errorf("the type of %s is cut short: a %s without ofType (the introspection query did not nest ofType deep enough)", path, kind)
	case refNonNullOfNonNull:
		return fmt.Errorf("not an introspection result: the type of %s is non-null of non-null", path)
	default:
		return fmt.Errorf("not an introspection result: the type of %s has no name", path)
	}
}

// refResult is a type reference as read: its model, or why there is none,
// and its name as interfaces and possibleTypes read it.
type refResult struct {
	ref     *TypeRef
	problem refProblem
	name    string
	hasName bool // a name that is not null
}

// typeRef reads a type reference (or null). The model is built from the
// inside out once the object is read, since ofType may come before kind.
func (d *scanner) typeRef() (refResult, error) {
	c := d.at()
	if c <= ' ' {
		c = d.peek()
	}
	switch c {
	case 'n':
		return refResult{problem: refNoType}, d.literal("null")
	case '{':
	default:
		return refResult{}, d.mismatch("an object")
	}
	var r refResult
	var kind string
	var inner refResult
	hasOfType := false
	err := d.object(&d.keys.typeRef, func(i int) error {
		var err error
		switch i {
		case 0:
			kind, err = d.kind()
		case 1:
			r.name, r.hasName, err = d.nullableString()
		case 2:
			inner, err = d.typeRef()
			hasOfType = inner.problem != refNoType || inner.ref != nil
		}
		return err
	})
	if err != nil {
		return r, err
	}
	d.buildRef(&r, kind, inner, hasOfType)
	return r, nil
}
