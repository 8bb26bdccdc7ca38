package support

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// decodeAbstract decodes an interface or union value: it reads the
// object's __typename and decodes the object into the member newMember
// returns for it (the "unknown member" type for a typename the package does
// not know, so that a member the server adds later does not fail decoding).
// null, or nothing at all, is the nil interface.
func decodeAbstract[I any](data []byte, abstract string, newMember func(typename string) I) (I, error) {
	var zero I
	if isJSONNull(data) {
		return zero, nil
	}
	var head struct {
		Typename *string `json:"__typename"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return zero, fmt.Errorf("%s: %w", abstract, err)
	}
	if head.Typename == nil {
		return zero, fmt.Errorf("%s: the object has no __typename: select __typename in every selection of %s", abstract, abstract)
	}
	member := newMember(*head.Typename)
	if err := json.Unmarshal(data, any(member)); err != nil {
		return zero, fmt.Errorf("%s %s: %w", abstract, *head.Typename, err)
	}
	return member, nil
}

// decodeList decodes a JSON list whose items decode must decode: a list of
// interfaces or unions, or a list of such lists. null is the nil slice.
func decodeList[T any](data []byte, decode func([]byte) (T, error)) ([]T, error) {
	if isJSONNull(data) {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, err
	}
	list := make([]T, len(items))
	for i, item := range items {
		v, err := decode(item)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		list[i] = v
	}
	return list, nil
}

// isJSONNull reports whether data is JSON null, or empty: a field the
// response left out.
func isJSONNull(data []byte) bool {
	data = bytes.TrimSpace(data)
	return len(data) == 0 || bytes.Equal(data, []byte("null"))
}
