package support

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

type filter struct {
	Name Optional[string] `json:"name,omitzero"`
	Not  Optional[filter] `json:"not,omitzero"`
}

func TestOptionalEncodesThreeStates(t *testing.T) {
	tests := []struct {
		name string
		in   filter
		want string
	}{
		{"absent", filter{}, `{}`},
		{"null", filter{Name: OptionalNull[string]()}, `{"name":null}`},
		{"value", filter{Name: OptionalOf("x")}, `{"name":"x"}`},
		{"empty value is not absent", filter{Name: OptionalOf("")}, `{"name":""}`},
		{"recursive", filter{Not: OptionalOf(filter{Name: OptionalNull[string]()})}, `{"not":{"name":null}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			var back filter
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(back)
			if string(again) != tt.want {
				t.Errorf("after a round trip: got %s, want %s", again, tt.want)
			}
		})
	}
}

func TestOptionalAccessors(t *testing.T) {
	tests := []struct {
		name                 string
		o                    Optional[int]
		wantValue            int
		wantOK, null, absent bool
	}{
		{"absent", Optional[int]{}, 0, false, false, true},
		{"null", OptionalNull[int](), 0, false, true, false},
		{"value", OptionalOf(7), 7, true, false, false},
	}
	for _, tt := range tests {
		v, ok := tt.o.Get()
		if v != tt.wantValue || ok != tt.wantOK || tt.o.IsNull() != tt.null || tt.o.IsZero() != tt.absent {
			t.Errorf("%s: Get()=(%v, %v) IsNull()=%v IsZero()=%v", tt.name, v, ok, tt.o.IsNull(), tt.o.IsZero())
		}
	}
	// Outside a struct field nothing can leave an absent value out.
	if b, _ := json.Marshal(Optional[int]{}); string(b) != "null" {
		t.Errorf("absent on its own encodes as %s, want null", b)
	}
}

type shape interface{ isShape() }

type circle struct {
	Typename string `json:"__typename,omitempty"`
	Radius   int    `json:"radius"`
}

type unknownShape struct {
	Typename string `json:"__typename"`
}

func (*circle) isShape()       {}
func (*unknownShape) isShape() {}

func decodeShape(data []byte) (shape, error) {
	return decodeAbstract(data, "Shape", func(typename string) shape {
		if typename == "Circle" {
			return new(circle)
		}
		return new(unknownShape)
	})
}

func TestDecodeAbstract(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    shape
		wantErr string
	}{
		{"known member", `{"__typename":"Circle","radius":2}`, &circle{Typename: "Circle", Radius: 2}, ""},
		{"unknown member", `{"__typename":"Square","side":2}`, &unknownShape{Typename: "Square"}, ""},
		{"null", `null`, nil, ""},
		{"left out", ``, nil, ""},
		{"no __typename", `{"radius":2}`, nil, "Shape: the object has no __typename: select __typename"},
		{"member does not decode", `{"__typename":"Circle","radius":"two"}`, nil, "Shape Circle: json: cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeShape([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			gotJSON, _ := json.Marshal(got)
			wantJSON, _ := json.Marshal(tt.want)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("got %T %s, want %T %s", got, gotJSON, tt.want, wantJSON)
			}
		})
	}
}

func TestDecodeList(t *testing.T) {
	nested, err := decodeList([]byte(`[[{"__typename":"Circle","radius":1}],null,[]]`), func(data []byte) ([]shape, error) {
		return decodeList(data, decodeShape)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(nested) != 3 || len(nested[0]) != 1 || nested[1] != nil || nested[2] == nil {
		t.Errorf("got %#v", nested)
	}
	if c, ok := nested[0][0].(*circle); !ok || c.Radius != 1 {
		t.Errorf("got %#v, want the circle", nested[0][0])
	}
	if list, err := decodeList([]byte("null"), decodeShape); err != nil || list != nil {
		t.Errorf("null: got %v, %v", list, err)
	}
	_, err = decodeList([]byte(`[{"__typename":"Circle"},{"radius":1}]`), decodeShape)
	if err == nil || !strings.HasPrefix(err.Error(), "[1]: Shape:") {
		t.Errorf("error %v, want it to name item [1]", err)
	}
}

func TestCheckOneOf(t *testing.T) {
	names := []string{"image", "repo"}
	tests := []struct {
		name       string
		image      Optional[string]
		repo       Optional[string]
		wantSuffix string
	}{
		{"one value", OptionalOf("postgres"), Optional[string]{}, ""},
		{"none", Optional[string]{}, Optional[string]{}, "none is (its fields: image, repo)"},
		{"two", OptionalOf("postgres"), OptionalOf("a/b"), "2 are: image, repo"},
		{"one null", Optional[string]{}, OptionalNull[string](), "repo is null"},
	}
	for _, tt := range tests {
		err := checkOneOf("ServiceSourceInput", names, tt.image, tt.repo)
		if tt.wantSuffix == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrNotOneOf) || !strings.HasPrefix(err.Error(), "ServiceSourceInput: ") || !strings.HasSuffix(err.Error(), tt.wantSuffix) {
			t.Errorf("%s: error %v, want ErrNotOneOf ending in %q", tt.name, err, tt.wantSuffix)
		}
	}
}
