package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// ParseIntrospection loads a schema from an introspection result: the full
// response {"data":{"__schema":…}}, {"__schema":…} or the bare __schema
// object. decodeIntrospection reads it (introspection_decode.go).
func ParseIntrospection(data []byte) (*Schema, error) {
	return decodeIntrospection(data)
}

// maxJSONDepth bounds the nesting of an introspection answer. The deepest
// part of an answer to our query is a type reference of an argument:
// data.__schema.types[].fields[].args[].type and MaxTypeRefDepth levels,
// about 20. The JSON decoder allows 10,000 levels, and an answer nesting
// thousands of type wrappers in a few hundred kilobytes would become
// hundreds of megabytes of indented canonical JSON.
const maxJSONDepth = 32

// tooDeep returns the byte offset of the first '[' or '{' that nests more
// than limit levels deep, or -1. jsontext has no option to lower its own
// bound, and this scan costs a fraction of decoding; it leaves syntax
// errors to the decoder. Strings, most of an answer, are skipped with
// bytes.IndexByte from quote to quote: a quote ends the string unless an
// odd run of backslashes precedes it.
func tooDeep(data []byte, limit int) int {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end, ok := stringEnd(data, i+1)
			if !ok {
				return -1
			}
			i = end
		case '[', '{':
			depth++
			if depth > limit {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

// stringEnd returns the offset of the quote that closes the JSON string
// whose content starts at start; false when the data ends first.
func stringEnd(data []byte, start int) (int, bool) {
	for from := start; ; {
		j := bytes.IndexByte(data[from:], '"')
		if j < 0 {
			return 0, false
		}
		end := from + j
		backslashes := 0
		for k := end - 1; k >= start && data[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return end, true
		}
		from = end + 1
	}
}

// jsonError turns a JSON syntax error into one that names the line and
// column of the problem.
func jsonError(data []byte, err error) error {
	var syn *jsontext.SyntacticError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("%d:%d: invalid JSON: unexpected end of input (is the file truncated?)", line, col)
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.ByteOffset)
		return fmt.Errorf("%d:%d: invalid JSON: %v", line, col, syn.Err)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 'f', 't':
		return "a boolean"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "a JSON value"
}

// lineCol returns the 1-based line and column of a byte offset.
func lineCol(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// WithCapabilities returns a copy of s that carries only the capabilities
// in c: the schema as an introspection query asking for less would have
// fetched it. The copy shares nothing with s.
func (s *Schema) WithCapabilities(c Capabilities) *Schema {
	restricted := *s
	restricted.Capabilities = s.Capabilities.Intersect(c)
	out, err := ParseIntrospection(restricted.MarshalIntrospection())
	if err != nil {
		// The canonical JSON of a valid model always loads.
		panic(fmt.Sprintf("schema: reload canonical JSON: %v", err))
	}
	out.Capabilities = restricted.Capabilities
	return out
}
