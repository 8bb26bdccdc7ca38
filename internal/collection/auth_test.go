package collection

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
)

// TestAuthFollowsTheAPI checks that Railway's two ways to authenticate
// appear only for Railway's API (or when configured), and that other APIs
// get what their configuration says: a bearer token, a named header, or
// nothing.
func TestAuthFollowsTheAPI(t *testing.T) {
	const other = "https://api.example.com/graphql"
	for _, tc := range []struct {
		name string
		cfg  Config
		// want holds what both files must say, wantNot what neither may.
		want, wantNot []string
		// postmanAuth is the Postman auth type.
		postmanAuth string
	}{
		{"Railway's endpoint", Config{}, []string{projectTokenHeader, `"projectToken"`, "token"}, nil, "bearer"},
		{"Railway's, configured", Config{Endpoint: other, Auth: Auth{Kind: AuthRailway}}, []string{projectTokenHeader, `"projectToken"`}, nil, "bearer"},
		{"another API", Config{Endpoint: other}, []string{`"token"`}, []string{projectTokenHeader, "projectToken}}", "projectToken }}", `"projectToken"`, "workspace token"}, "bearer"},
		{"a named header", Config{Endpoint: other, Auth: Auth{Kind: AuthHeader, Header: "X-Api-Key"}}, []string{"X-Api-Key"}, []string{projectTokenHeader, "projectToken}}", `"projectToken"`, "Bearer"}, "apikey"},
		{"no auth", Config{Endpoint: other, Auth: Auth{Kind: AuthNone}}, nil, []string{projectTokenHeader, "projectToken}}", `"projectToken"`, "{{token}}", "_.token"}, "noauth"},
		{"headers", Config{Endpoint: other, Headers: map[string]string{"X-Api-Version": "2024-01", "Accept-Language": "en"}},
			[]string{`"X-Api-Version"`, `"2024-01"`, "header_X_Api_Version", `"Accept-Language"`}, []string{projectTokenHeader}, "bearer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			postman, insomnia := generate(t, demo.Schema(demo.V2), tc.cfg)
			for file, data := range map[string][]byte{"postman": postman, "insomnia": insomnia} {
				for _, w := range tc.want {
					if !strings.Contains(string(data), w) {
						t.Errorf("%s: no %q", file, w)
					}
				}
				for _, w := range tc.wantNot {
					if strings.Contains(string(data), w) {
						t.Errorf("%s: holds %q", file, w)
					}
				}
			}
			var c struct{ Auth struct{ Type string } }
			if err := json.Unmarshal(postman, &c); err != nil {
				t.Fatal(err)
			}
			if c.Auth.Type != tc.postmanAuth {
				t.Errorf("postman auth type %q, want %q", c.Auth.Type, tc.postmanAuth)
			}
		})
	}
}

func TestParseAuth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Auth
		err  string
	}{
		{"", Auth{}, ""},
		{"bearer", Auth{Kind: AuthBearer}, ""},
		{"Railway", Auth{Kind: AuthRailway}, ""},
		{"none", Auth{Kind: AuthNone}, ""},
		{"header:X-Api-Key", Auth{Kind: AuthHeader, Header: "X-Api-Key"}, ""},
		{"header", Auth{}, "header:NAME"},
		{"header:bad name", Auth{}, "not a header name"},
		{"basic", Auth{}, "want bearer, header:NAME, none or railway"},
	} {
		got, err := ParseAuth(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseAuth(%q): %v, want an error saying %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseAuth(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestHeadersMustNotHoldASecret(t *testing.T) {
	_, err := Generate(demo.Schema(demo.V2), Config{Endpoint: "https://api.example.com/", Headers: map[string]string{"Authorization": "Bearer x"}})
	if err == nil || !strings.Contains(err.Error(), "Authorization") {
		t.Errorf("Generate: %v, want an error about the Authorization header", err)
	}
}

// FuzzParseAuth: any setting parses to an Auth that checks, or to an error.
func FuzzParseAuth(f *testing.F) {
	for _, s := range []string{"", "bearer", "header:X-Api-Key", "none", "railway", "header:", "HEADER:a b", "basic:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAuth(s)
		if err != nil {
			return
		}
		if err := a.check(); err != nil {
			t.Errorf("ParseAuth(%q) = %+v, which does not check: %v", s, a, err)
		}
	})
}
