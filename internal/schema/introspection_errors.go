package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// errSyntax marks input that is not valid JSON; syntaxError describes it.
var errSyntax = errors.New("invalid JSON")

// tooDeepError is JSON nesting deeper than maxJSONDepth at offset.
type tooDeepError struct{ offset int }

func (e *tooDeepError) Error() string { return "too deep" }

// semanticError is a JSON value of the wrong kind for its key: what
// go-json-experiment reported as a SemanticError.
type semanticError struct {
	offset int    // where the value starts
	got    byte   // its jsontext kind
	want   string // "an object", "a string", …
	method bool   // an optional property: "want X, got Y" rather than "holds Y, want X"
}

func (e *semanticError) Error() string { return "semantic" }

// mismatch is a value of the wrong kind for a struct field, read as the
// decoder read it: for a string, the whole value first (a syntax error in
// it comes first); for an object or an array, only its first token.
func (d *scanner) mismatch(want string) error {
	c := d.peek()
	start := d.pos
	if want == "a string" {
		if err := d.skip(); err != nil {
			return err
		}
		return &semanticError{offset: start, got: kindAt(c), want: want}
	}
	return d.tokenMismatch(c, want, false)
}

// methodMismatch is a value of the wrong kind for an optional property,
// whose UnmarshalJSONFrom (optString, optBool) read one token.
func (d *scanner) methodMismatch(c byte, want string) error {
	return d.tokenMismatch(c, want, true)
}

// tokenMismatch reads the first token of a value of the wrong kind (a
// string, number or literal whole) and reports it.
func (d *scanner) tokenMismatch(c byte, want string, method bool) error {
	start := d.pos
	if c != '{' && c != '[' {
		ok, err := d.scalar(c)
		if !ok || err != nil {
			return errSyntax
		}
	}
	return &semanticError{offset: start, got: kindAt(c), want: want, method: method}
}

// syntaxError describes the first syntax error of data in jsontext's
// words and at its position, as json.Unmarshal into the wire structs did
// when they were the loader: jsontext reads the answer token by token up
// to the error the scanner found. Into an any, a number too large for a
// float64 stops it before that error, with a semantic one; then the answer
// is read again as a raw value, which checks the syntax alone (in other
// words than the token reader's, so only then).
func syntaxError(data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	var syn *jsontext.SyntacticError
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.As(err, &syn) {
		var raw jsontext.Value
		err = json.Unmarshal(data, &raw)
	}
	if err != nil {
		return jsonError(data, err)
	}
	return errors.New("invalid JSON") // the scanner and jsontext disagree: a bug
}

// semanticMessage words a semanticError as jsonError worded the decoder's
// SemanticError: jsontext walks to the value to name its JSON pointer.
func semanticMessage(data []byte, e *semanticError) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		off := int(dec.InputOffset())
		for off < len(data) && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t' || data[off] == ',' || data[off] == ':') {
			off++
		}
		if off >= e.offset {
			break
		}
		if _, err := dec.ReadToken(); err != nil {
			break
		}
	}
	_, _ = dec.ReadToken() // the value itself, so that the pointer names it
	where := "the document"
	if p := string(dec.StackPointer()); p != "" {
		where = strings.ReplaceAll(strings.TrimPrefix(p, "/"), "/", ".")
	}
	line, col := lineCol(data, int64(e.offset))
	if e.method {
		return fmt.Errorf("%d:%d: not an introspection result: %s: want %s, got %s", line, col, where, e.want, kindName(jsontext.Kind(e.got)))
	}
	return fmt.Errorf("%d:%d: not an introspection result: %s holds %s, want %s", line, col, where, kindName(jsontext.Kind(e.got)), e.want)
}
