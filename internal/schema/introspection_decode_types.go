package schema

import (
	"fmt"
)

// problem is what model() would have refused in a well-formed answer: it
// is reported after the whole document has been read, since a syntax
// error anywhere came first.
type problem interface{ error }

// typeParts is one element of "types" as read: the type, and its lists
// with the first problem of each, which count only for its kind.
type typeParts struct {
	t                       *Type
	kind                    string
	interfaces, possible    []string
	ifaceNoName, possNoName bool
	fields                  []*Field
	fieldProblem            *fieldProblem
	enumValues              []*EnumValue
	enumNull                bool
	inputFields             []*InputValue
	inputProblem            *inputProblem
}

// typeObject reads one element of "types". It returns a nil type for the
// introspection types, which the model leaves out (and whose problems
// model() never looked at).
func (d *scanner) typeObject(caps *Capabilities) (*Type, problem, error) {
	p := typeParts{t: new(Type)}
	if err := d.object(&d.keys.typ, func(i int) error { return d.typeMember(&p, caps, i) }); err != nil {
		return nil, nil, err
	}
	if IsIntrospectionType(p.t.Name) {
		return nil, nil, nil
	}
	if problem := p.model(); problem != nil {
		return nil, problem, nil
	}
	return p.t, nil, nil
}

// typeMember reads the member of a type object named typeKeys.names[i].
func (d *scanner) typeMember(p *typeParts, caps *Capabilities, i int) error {
	var err error
	switch i {
	case 0:
		p.kind, err = d.kind()
	case 1:
		p.t.Name, _, err = d.nullableString()
	case 2:
		caps.Descriptions = true
		p.t.Description, err = d.optString()
	case 3:
		caps.SpecifiedByURL = true
		p.t.SpecifiedByURL, err = d.optString()
	case 4:
		caps.InputObjectIsOneOf = true
		p.t.IsOneOf, err = d.optBool()
	case 5:
		p.fields, p.fieldProblem, err = d.fields(caps)
	case 6:
		p.inputFields, p.inputProblem, err = d.inputValues(caps)
	case 7:
		p.interfaces, p.ifaceNoName, err = d.refNames()
	case 8:
		p.enumValues, p.enumNull, err = d.enumValues()
	case 9:
		p.possible, p.possNoName, err = d.refNames()
	}
	return err
}

// model completes p.t with the lists of its kind, or returns the first
// problem model() found, in its order: name, kind, then the lists.
func (p *typeParts) model() problem {
	t := p.t
	if t.Name == "" {
		return fmt.Errorf("not an introspection result: a type of kind %q has no name", p.kind)
	}
	t.Kind = Kind(p.kind)
	if !t.Kind.valid() {
		return fmt.Errorf("not an introspection result: type %q has kind %q", t.Name, p.kind)
	}
	switch t.Kind {
	case KindObject, KindInterface:
		if p.ifaceNoName {
			return fmt.Errorf("not an introspection result: an interface of %q has no name", t.Name)
		}
		if p.fieldProblem != nil {
			return p.fieldProblem.err(t.Name)
		}
		t.Interfaces, t.Fields = p.interfaces, p.fields
	case KindUnion:
		if p.possNoName {
			return fmt.Errorf("not an introspection result: a member of union %q has no name", t.Name)
		}
		t.PossibleTypes = p.possible
	case KindEnum:
		if p.enumNull {
			return fmt.Errorf("not an introspection result: a null value in enum %q", t.Name)
		}
		t.EnumValues = p.enumValues
	case KindInputObject:
		if p.inputProblem != nil {
			return p.inputProblem.err(refPath{owner: t.Name})
		}
		t.InputFields = p.inputFields
	}
	return nil
}

// refNames reads "interfaces" or "possibleTypes": type references of which
// only the names count; noName when one is null or has no name.
func (d *scanner) refNames() (_ []string, noName bool, err error) {
	mark := len(d.nameStack)
	err = d.array(func() error {
		r, err := d.typeRef()
		if err != nil {
			return err
		}
		if !r.hasName {
			noName = true
		} else {
			d.nameStack = append(d.nameStack, r.name)
		}
		return nil
	})
	return take(&d.nameStack, mark), noName, err
}

// fieldProblem is the first field of a type that model() refused.
type fieldProblem struct {
	null bool
	name string
	ref  refProblem
	args *inputProblem
}

func (p *fieldProblem) err(owner string) error {
	if p.null {
		return fmt.Errorf("not an introspection result: a null field in %q", owner)
	}
	path := refPath{owner: owner, member: p.name}
	if p.ref != refOK {
		return p.ref.err(path)
	}
	return p.args.err(path)
}

func (d *scanner) fields(caps *Capabilities) ([]*Field, *fieldProblem, error) {
	mark := len(d.fieldStack)
	var first *fieldProblem
	err := d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			if first == nil {
				first = &fieldProblem{null: true}
			}
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		f, p, err := d.field(caps)
		if err != nil {
			return err
		}
		if p != nil && first == nil {
			first = p
		}
		d.fieldStack = append(d.fieldStack, f)
		return nil
	})
	return take(&d.fieldStack, mark), first, err
}

func (d *scanner) field(caps *Capabilities) (*Field, *fieldProblem, error) {
	f := d.fields_.new()
	var ref refResult
	var argsProblem *inputProblem
	var dep deprecationState
	ref.problem = refNoType
	err := d.object(&d.keys.field, func(i int) error {
		var err error
		switch i {
		case 0:
			f.Name, _, err = d.nullableString()
		case 1:
			f.Description, err = d.optString()
		case 2:
			f.Args, argsProblem, err = d.inputValues(caps)
		case 3:
			ref, err = d.typeRef()
		default:
			err = d.deprecation(i == 5, &dep)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	f.Type = ref.ref
	f.IsDeprecated, f.DeprecationReason = dep.model()
	if ref.problem != refOK || argsProblem != nil {
		return f, &fieldProblem{name: f.Name, ref: ref.problem, args: argsProblem}, nil
	}
	return f, nil, nil
}

// deprecationState is isDeprecated and deprecationReason as read.
type deprecationState struct {
	flagSet, flag bool
	reason        *string
}

// deprecation reads isDeprecated, or deprecationReason when reason.
func (d *scanner) deprecation(reason bool, dep *deprecationState) error {
	var err error
	if reason {
		dep.reason, err = d.optString()
	} else {
		dep.flagSet = true
		dep.flag, err = d.optBool()
	}
	return err
}

// model reads the deprecation state: the isDeprecated flag when present,
// else whether a reason is given (docs/breaking-changes.md §1.4, D5).
func (dep deprecationState) model() (bool, *string) {
	if dep.flagSet {
		return dep.flag, dep.reason
	}
	return dep.reason != nil, dep.reason
}

func (d *scanner) enumValues() (_ []*EnumValue, null bool, err error) {
	mark := len(d.enumStack)
	err = d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			null = true
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		v := d.enumValues_.new()
		var dep deprecationState
		err := d.object(&d.keys.enumValue, func(i int) error {
			var err error
			switch i {
			case 0:
				v.Name, _, err = d.nullableString()
			case 1:
				v.Description, err = d.optString()
			default:
				err = d.deprecation(i == 3, &dep)
			}
			return err
		})
		v.IsDeprecated, v.DeprecationReason = dep.model()
		d.enumStack = append(d.enumStack, v)
		return err
	})
	return take(&d.enumStack, mark), null, err
}

// inputProblem is the first input value of a list that model() refused.
type inputProblem struct {
	null       bool
	name       string
	ref        refProblem
	defaultErr error
}

func (p *inputProblem) err(parent refPath) error {
	if p.null {
		return fmt.Errorf("not an introspection result: a null input value in %s", parent)
	}
	path := parent.child(p.name)
	if p.ref != refOK {
		return p.ref.err(path)
	}
	return fmt.Errorf("default value of %s: %w", path, p.defaultErr)
}

// inputValues reads "args" or "inputFields"; the model has no empty
// lists, only nil ones.
func (d *scanner) inputValues(caps *Capabilities) ([]*InputValue, *inputProblem, error) {
	mark := len(d.inputStack)
	var first *inputProblem
	err := d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			if first == nil {
				first = &inputProblem{null: true}
			}
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		v, p, err := d.inputValue(caps)
		if err != nil {
			return err
		}
		if p != nil && first == nil {
			first = p
		}
		d.inputStack = append(d.inputStack, v)
		return nil
	})
	return take(&d.inputStack, mark), first, err
}

func (d *scanner) inputValue(caps *Capabilities) (*InputValue, *inputProblem, error) {
	v := d.inputValues_.new()
	var ref refResult
	var dep deprecationState
	var defaultValue string
	var hasDefault bool
	ref.problem = refNoType
	err := d.object(&d.keys.inputValue, func(i int) error {
		var err error
		switch i {
		case 0:
			v.Name, _, err = d.nullableString()
		case 1:
			v.Description, err = d.optString()
		case 2:
			ref, err = d.typeRef()
		case 3:
			defaultValue, hasDefault, err = d.nullableString()
		case 4:
			caps.InputValueDeprecation = true
			err = d.deprecation(false, &dep)
		case 5:
			err = d.deprecation(true, &dep)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	v.Type = ref.ref
	v.IsDeprecated, v.DeprecationReason = dep.model()
	if ref.problem != refOK {
		return v, &inputProblem{name: v.Name, ref: ref.problem}, nil
	}
	if hasDefault {
		lit, err := d.defaultLiteral(defaultValue)
		if err != nil {
			return v, &inputProblem{name: v.Name, defaultErr: err}, nil
		}
		v.DefaultValue = d.strings.new()
		*v.DefaultValue = lit
	}
	return v, nil, nil
}

// defaultLiteral is canonicalLiteral, once per distinct default value of the
// answer: most are false, null, 0 or an empty list, parsed again and
// again otherwise.
func (d *scanner) defaultLiteral(raw string) (string, error) {
	if lit, ok := d.literals[raw]; ok {
		return lit.canonical, lit.err
	}
	lit, err := canonicalLiteral(raw)
	if d.literals == nil {
		d.literals = map[string]canonicalDefault{}
	}
	d.literals[raw] = canonicalDefault{lit, err}
	return lit, err
}

type canonicalDefault struct {
	canonical string
	err       error
}

// kind reads a type's or a type reference's kind: one of a few constants,
// matched in place (keySet) rather than read and looked up.
func (d *scanner) kind() (string, error) {
	if c := d.at(); c != '"' && (c > ' ' || d.peek() != '"') {
		s, _, err := d.nullableString()
		return s, err
	}
	kinds := &d.keys.kinds
	if i, end := kinds.match(d.data, d.pos, 0); i >= 0 {
		d.pos = end
		return kinds.names[i], nil
	}
	s, err := d.str()
	if err != nil {
		return "", err
	}
	return d.name(s), nil
}
