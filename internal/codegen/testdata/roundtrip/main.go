// Command roundtrip is the wire round trip of TestWireRoundTrip, run in a
// temporary module beside the generated packages: for every case of the
// JSON file it is given (type → JSON values), it decodes each value into the
// generated type with unknown fields disallowed, encodes it back, and
// compares the two as JSON. types.go, written by the test, maps type names
// to the generated types.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	var cases map[string][]json.RawMessage
	if err := json.Unmarshal(data, &cases); err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	failed, values := 0, 0
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		newValue, ok := types[name]
		if !ok {
			fmt.Printf("%s: no such generated type\n", name)
			failed++
			continue
		}
		for i, in := range cases[name] {
			values++
			if err := roundTrip(newValue(), in); err != nil {
				fmt.Printf("%s, value %d: %v\n", name, i, err)
				failed++
			}
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
	fmt.Printf("ok: %d types, %d values\n", len(cases), values)
}

func roundTrip(v any, in []byte) error {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	a, b := decodeAny(in), decodeAny(out)
	if where := difference(a, b, "$"); where != "" {
		return fmt.Errorf("encodes differently at %s\n in: %s\nout: %s", where, in, out)
	}
	return nil
}

func decodeAny(data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic(err)
	}
	return v
}

// difference returns the path of the first place where a and b differ, or
// "".
func difference(a, b any, path string) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return path
		}
		for _, k := range slices.Sorted(maps.Keys(a)) {
			bv, ok := bm[k]
			if !ok {
				return path + "." + k + " (missing)"
			}
			if d := difference(a[k], bv, path+"."+k); d != "" {
				return d
			}
		}
		for k := range bm {
			if _, ok := a[k]; !ok {
				return path + "." + k + " (added)"
			}
		}
		return ""
	case []any:
		bl, ok := b.([]any)
		if !ok || len(bl) != len(a) {
			return path
		}
		for i := range a {
			if d := difference(a[i], bl[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return path
	}
	return ""
}
