package schema

import (
	"errors"
	"fmt"
	"strings"
)

// decodeIntrospection reads an introspection answer straight into the
// model, in one pass over the bytes.
//
// Why by hand: go-json-experiment into wire structs and then a second walk
// to build the model was ~45% of loading a schema, and its jsontext token
// stream alone was slower than that whole path; no JSON library decodes
// into a shape that is not Go's own (a type's members depend on its kind,
// a type reference is built inside out). The scanner (introspection_scan.go)
// reads names and skips unknown values over the []byte; strings without
// escapes become slices of one copy of the input rather than a copy each.
// Loading BenchmarkLoadGenerated went from ~206 to several hundred MB/s of
// CPU time (see the benchmark figures in the commit that made this).
//
// It accepts and rejects exactly what json.Unmarshal into the wire structs
// followed by their model() did (TestDecoderAgreesWithWireDecoding and
// FuzzDecoderAgreesWithWireDecoding hold it to that): the first error in
// document order wins, syntax and wrong kinds alike; errors of the model
// (a null entry, a type without a name) come after the whole document has
// been read, in the order model() found them.
func decodeIntrospection(data []byte) (*Schema, error) {
	d := &scanner{data: data, names: newInternTable(len(data)), keys: decoderKeys()}
	s, err := d.document(new(envelope))
	if err != nil {
		return nil, decodeError(data, err)
	}
	return s, nil
}

// decodeError words an error of document.
func decodeError(data []byte, err error) error {
	// The depth check came before decoding: it wins over any other error.
	if offset := tooDeep(data, maxJSONDepth); offset >= 0 {
		return deepError(data, offset)
	}
	var sem *semanticError
	switch {
	case errors.Is(err, errSyntax):
		return syntaxError(data)
	case errors.As(err, &sem):
		return semanticMessage(data, sem)
	}
	return err
}

func deepError(data []byte, offset int) error {
	line, col := lineCol(data, int64(offset))
	return fmt.Errorf("%d:%d: not an introspection result: the JSON nests deeper than %d levels (an answer to the introspection query needs about 20)", line, col, maxJSONDepth)
}

// schemaBuilder collects one __schema object: the model it makes, the
// capabilities it shows, and the first problem model() would have found
// in its types and then in its directives.
type schemaBuilder struct {
	s          Schema
	caps       Capabilities
	typeErr    error
	dirErr     error
	sawTypes   bool // "types" was there and not null (the bare form)
	directives []*Directive
}

// ParseIntrospectionResponse is ParseIntrospection for the body of an
// HTTP answer to the introspection query, read in the same one pass. plain
// reports that the body is what a client needs nothing more of: a GraphQL
// response whose schema came under "data", without "errors" entries and
// without a member that a reader matching names case-insensitively
// (encoding/json) would take for either. A client reads any other body as
// a GraphQL response again, for its errors.
func ParseIntrospectionResponse(data []byte) (s *Schema, plain bool, err error) {
	var env envelope
	d := &scanner{data: data, names: newInternTable(len(data)), keys: decoderKeys()}
	s, err = d.document(&env)
	if err != nil {
		return nil, false, decodeError(data, err)
	}
	return s, env.data != nil && len(env.errors) == 0 && !env.lookalike, nil
}

// document reads the whole answer into env and picks its schema as
// ParseIntrospection always has: data.__schema, else __schema, else the
// answer itself when it has "types".
func (d *scanner) document(env *envelope) (*Schema, error) {
	switch c := d.peek(); c {
	case '{':
		if err := d.envelope(env); err != nil {
			return nil, err
		}
	case 'n':
		if err := d.literal("null"); err != nil {
			return nil, err
		}
	default:
		return nil, d.mismatch("an object")
	}
	if d.skipSpace(); d.pos < len(d.data) {
		return nil, errSyntax // something after the answer (a NUL byte too)
	}
	b := env.schema
	if env.data != nil {
		b = env.data
	}
	if b == nil && env.bare.sawTypes {
		if env.bareErr != nil {
			return nil, env.bareErr
		}
		b = &env.bare
	}
	if b == nil {
		if len(env.errors) > 0 {
			return nil, fmt.Errorf("not an introspection result: the response carries errors and no data: %s", strings.Join(env.errors, "; "))
		}
		return nil, errors.New(`not an introspection result: no "data.__schema", "__schema" or "types" key`)
	}
	return b.finish()
}

func (b *schemaBuilder) finish() (*Schema, error) {
	if b.typeErr != nil {
		return nil, b.typeErr
	}
	if b.dirErr != nil {
		return nil, b.dirErr
	}
	s := &b.s
	s.Capabilities = b.caps
	if s.Types == nil {
		s.Types = []*Type{}
	}
	s.Directives = b.directives
	if err := s.canonicalize(); err != nil {
		return nil, err
	}
	return s, nil
}

// envelope is the answer's top-level object. A bare __schema object's own
// members were decoded in a second pass after the envelope's: a wrong kind
// there (bareErr) counts only when no syntax or envelope error comes
// anywhere in the document.
type envelope struct {
	data, schema *schemaBuilder
	bare         schemaBuilder
	bareErr      error
	errors       []string
	lookalike    bool // a member named "Data", "ERRORS" or the like
}

// Member bits: which known names an object has had.
const (
	bitData = 1 << iota
	bitErrors
	bitSchema
	bitTypes
	bitQueryType
	bitMutationType
	bitSubscriptionType
	bitDirectives
)

var schemaMemberBits = map[string]uint32{
	"types": bitTypes, "queryType": bitQueryType, "mutationType": bitMutationType,
	"subscriptionType": bitSubscriptionType, "directives": bitDirectives,
}

func (d *scanner) envelope(env *envelope) error {
	if err := d.enter(); err != nil {
		return err
	}
	var mask uint32
	var names memberNames
	for first := true; ; first = false {
		more, err := d.more('}', first)
		if err != nil || !more {
			return err
		}
		k, err := d.key()
		if err != nil {
			return err
		}
		var bit uint32
		switch k {
		case "data":
			bit = bitData
		case "errors":
			bit = bitErrors
		case "__schema":
			bit = bitSchema
		default:
			bit = schemaMemberBits[k]
		}
		if bit == 0 {
			if !names.add(k) {
				return errSyntax
			}
			env.lookalike = env.lookalike || strings.EqualFold(k, "data") || strings.EqualFold(k, "errors")
			if err := d.skip(); err != nil {
				return err
			}
			continue
		}
		if !seen(&mask, bit) {
			return errSyntax
		}
		if err := d.envelopeMember(env, bit); err != nil {
			return err
		}
	}
}

func (d *scanner) envelopeMember(env *envelope, bit uint32) error {
	var err error
	switch bit {
	case bitData:
		env.data, err = d.dataObject()
	case bitErrors:
		env.errors, err = d.errorList()
	case bitSchema:
		env.schema, err = d.schemaValue()
	case bitTypes:
		err = d.schemaMember(&env.bare, bit)
	default:
		start, depth := d.pos, d.depth
		err = d.schemaMember(&env.bare, bit)
		var sem *semanticError
		if errors.As(err, &sem) {
			if env.bareErr == nil {
				env.bareErr = err
			}
			d.pos, d.depth = start, depth
			err = d.skip()
		}
	}
	return err
}

// dataObject reads "data": only its __schema matters.
func (d *scanner) dataObject() (*schemaBuilder, error) {
	switch c := d.peek(); c {
	case 'n':
		return nil, d.literal("null")
	case '{':
	default:
		return nil, d.mismatch("an object")
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	var b *schemaBuilder
	var mask uint32
	var names memberNames
	for first := true; ; first = false {
		more, err := d.more('}', first)
		if err != nil || !more {
			return b, err
		}
		k, err := d.key()
		if err != nil {
			return nil, err
		}
		if k != "__schema" {
			if !names.add(k) {
				return nil, errSyntax
			}
			if err := d.skip(); err != nil {
				return nil, err
			}
			continue
		}
		if !seen(&mask, bitSchema) {
			return nil, errSyntax
		}
		if b, err = d.schemaValue(); err != nil {
			return nil, err
		}
	}
}

// errorList reads "errors": the messages of a GraphQL error response.
func (d *scanner) errorList() ([]string, error) {
	var msgs []string
	err := d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			msgs = append(msgs, "")
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		var msg string
		err := d.object(&d.keys.errors, func(int) error {
			var err error
			msg, _, err = d.nullableString()
			return err
		})
		msgs = append(msgs, msg)
		return err
	})
	return msgs, err
}

// schemaValue reads a __schema object (or null).
func (d *scanner) schemaValue() (*schemaBuilder, error) {
	switch c := d.peek(); c {
	case 'n':
		return nil, d.literal("null")
	case '{':
	default:
		return nil, d.mismatch("an object")
	}
	b := new(schemaBuilder)
	err := d.object(&d.keys.schema, func(i int) error {
		return d.schemaMember(b, schemaMemberBits[d.keys.schema.names[i]])
	})
	return b, err
}

func (d *scanner) schemaMember(b *schemaBuilder, bit uint32) error {
	var err error
	switch bit {
	case bitQueryType:
		b.s.QueryType, err = d.rootName()
	case bitMutationType:
		b.s.MutationType, err = d.rootName()
	case bitSubscriptionType:
		b.s.SubscriptionType, err = d.rootName()
	case bitTypes:
		err = d.types(b)
	case bitDirectives:
		err = d.directives(b)
	}
	return err
}

// rootName reads {"name": …} of a root operation type (or null).
func (d *scanner) rootName() (string, error) {
	switch c := d.peek(); c {
	case 'n':
		return "", d.literal("null")
	case '{':
	default:
		return "", d.mismatch("an object")
	}
	var name string
	err := d.object(&d.keys.root, func(int) error {
		var err error
		name, _, err = d.nullableString()
		return err
	})
	return name, err
}

func (d *scanner) types(b *schemaBuilder) error {
	if d.peek() == '[' {
		b.sawTypes = true
		b.s.Types = make([]*Type, 0, 64)
	}
	return d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			if b.typeErr == nil {
				b.typeErr = errors.New("not an introspection result: a null entry in types")
			}
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		t, problem, err := d.typeObject(&b.caps)
		if err != nil {
			return err
		}
		if problem != nil && b.typeErr == nil {
			b.typeErr = problem
		}
		if t != nil {
			b.s.Types = append(b.s.Types, t)
		}
		return nil
	})
}

func (d *scanner) directives(b *schemaBuilder) error {
	return d.array(func() error {
		switch c := d.peek(); c {
		case 'n':
			if b.dirErr == nil {
				b.dirErr = errors.New("not an introspection result: a null entry in directives")
			}
			return d.literal("null")
		case '{':
		default:
			return d.mismatch("an object")
		}
		dir, problem, err := d.directive(&b.caps)
		if err != nil {
			return err
		}
		if problem != nil && b.dirErr == nil {
			b.dirErr = problem
		}
		b.directives = append(b.directives, dir)
		return nil
	})
}

func (d *scanner) directive(caps *Capabilities) (*Directive, error, error) {
	dir := new(Directive)
	var args []*InputValue
	var argsProblem *inputProblem
	err := d.object(&d.keys.directive, func(i int) error {
		var err error
		switch i {
		case 0:
			dir.Name, _, err = d.nullableString()
		case 1:
			caps.Descriptions = true
			dir.Description, err = d.optString()
		case 2:
			caps.DirectiveIsRepeatable = true
			dir.IsRepeatable, err = d.optBool()
		case 3:
			dir.Locations = nil
			err = d.array(func() error {
				loc, _, err := d.nullableString()
				dir.Locations = append(dir.Locations, loc)
				return err
			})
		case 4:
			args, argsProblem, err = d.inputValues(caps)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	dir.Args = args
	if argsProblem != nil {
		return dir, argsProblem.err(refPath{directive: true, owner: dir.Name}), nil
	}
	return dir, nil, nil
}
