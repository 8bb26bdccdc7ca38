package introspect_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// TestCapabilityFallback introspects the demo endpoint configured to know
// every combination of the optional introspection fields: the client gives
// up exactly the unknown ones, newest first, and the schema it gets is the
// demo schema as far as the server can tell it.
func TestCapabilityFallback(t *testing.T) {
	full := demo.Schema(demo.V2)
	optional := []struct {
		name string
		flag func(*schema.Capabilities) *bool
	}{
		{"isOneOf", func(c *schema.Capabilities) *bool { return &c.InputObjectIsOneOf }},
		{"input value deprecation", func(c *schema.Capabilities) *bool { return &c.InputValueDeprecation }},
		{"specifiedByURL", func(c *schema.Capabilities) *bool { return &c.SpecifiedByURL }},
		{"isRepeatable", func(c *schema.Capabilities) *bool { return &c.DirectiveIsRepeatable }},
	}
	for mask := range 1 << len(optional) {
		supported := schema.Capabilities{Descriptions: true}
		var wantGaveUp []string
		for i, o := range optional {
			if mask&(1<<i) != 0 {
				*o.flag(&supported) = true
			} else {
				wantGaveUp = append(wantGaveUp, o.name)
			}
		}
		t.Run(strings.Join(append([]string{"without"}, wantGaveUp...), " "), func(t *testing.T) {
			srv, err := demotest.NewServer(full, demotest.Options{BearerToken: secret, Introspection: &supported})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			res, err := newClient(t, ts.URL+demo.Path, newFakeClock(), nil).Introspect(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.GaveUp, wantGaveUp) {
				t.Errorf("gave up %v, want %v", res.GaveUp, wantGaveUp)
			}
			if res.Asked != supported || res.Schema.Capabilities != supported {
				t.Errorf("asked %v, carried %v, want %v", res.Asked.Names(), res.Schema.Capabilities.Names(), supported.Names())
			}
			if srv.Requests() != len(wantGaveUp)+1 {
				t.Errorf("%d requests, want one per capability given up plus one", srv.Requests())
			}
			if diff := cmp.Diff(full.WithCapabilities(supported), res.Schema); diff != "" {
				t.Errorf("introspected schema differs from the served one:\n%s", diff)
			}
		})
	}
}

// TestFallbackOnAnonymousValidationError: a server that rejects the query
// without naming the field still gets the newest property given up first.
func TestFallbackOnAnonymousValidationError(t *testing.T) {
	srv, err := demotest.NewServer(demo.Schema(demo.V1), demotest.Options{Introspection: &schema.AllCapabilities})
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		queries = append(queries, string(body))
		if strings.Contains(string(body), "isOneOf") {
			io.WriteString(w, `{"errors":[{"message":"Validation failed","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}`)
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		srv.ServeHTTP(w, r)
	}))
	defer ts.Close()
	res, err := newClient(t, ts.URL+demo.Path, newFakeClock(), nil).Introspect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.GaveUp, []string{"isOneOf"}) || len(queries) != 2 {
		t.Errorf("gave up %v after %d requests, want [isOneOf] after 2", res.GaveUp, len(queries))
	}
}

// TestIntrospectionQueryIsValid: the query is valid GraphQL for every
// combination of capabilities, with ofType nested deep enough.
func TestIntrospectionQueryIsValid(t *testing.T) {
	gs, err := gqlparser.LoadSchema(&ast.Source{Input: "type Query { a: Int }"})
	if err != nil {
		t.Fatal(err)
	}
	for mask := range 32 {
		c := schema.Capabilities{
			Descriptions:          mask&1 != 0,
			DirectiveIsRepeatable: mask&2 != 0,
			SpecifiedByURL:        mask&4 != 0,
			InputObjectIsOneOf:    mask&8 != 0,
			InputValueDeprecation: mask&16 != 0,
		}
		q := introspect.Query(c)
		if _, errs := gqlparser.LoadQueryWithRules(gs, q, nil); len(errs) > 0 {
			t.Errorf("%v: %v\n%s", c.Names(), errs, q)
		}
		for field, on := range map[string]bool{"isOneOf": c.InputObjectIsOneOf, "specifiedByURL": c.SpecifiedByURL, "isRepeatable": c.DirectiveIsRepeatable, "args(includeDeprecated: true)": c.InputValueDeprecation} {
			if strings.Contains(q, field) != on {
				t.Errorf("%v: query asks for %s: %v", c.Names(), field, !on)
			}
		}
		if !strings.Contains(q, "fields(includeDeprecated: true)") || !strings.Contains(q, "enumValues(includeDeprecated: true)") {
			t.Errorf("%v: deprecated fields and enum values must always be asked for", c.Names())
		}
	}
	if depth := strings.Count(introspect.Query(schema.AllCapabilities), "ofType {"); depth != 9 {
		t.Errorf("ofType nests %d levels, want 9", depth)
	}
}

// TestDeeplyWrappedTypes: a type wrapped nine times comes through.
func TestDeeplyWrappedTypes(t *testing.T) {
	sdl := "type Query { deep: [[[[String!]!]!]!]! }"
	srv, err := demotest.NewServer(mustSDL(t, sdl), demotest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	res, err := newClient(t, ts.URL+demo.Path, newFakeClock(), nil).Introspect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Schema.Type("Query").Field("deep").Type.String(); got != "[[[[String!]!]!]!]!" {
		t.Errorf("deep = %s", got)
	}
}

func mustSDL(t *testing.T, sdl string) *schema.Schema {
	t.Helper()
	s, err := schema.ParseSDL("test.graphql", sdl)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestResolveCredentials(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	both := env(map[string]string{"RAILWAY_API_TOKEN": "acct", "RAILWAY_TOKEN": "proj"})
	onlyProject := env(map[string]string{"RAILWAY_TOKEN": "proj"})
	railway := introspect.DefaultEndpoint
	other := "https://api.example.com/graphql"
	tests := []struct {
		name, endpoint, token, kind string
		getenv                      func(string) string
		want                        introspect.Credentials
		wantErr                     string
	}{
		{"account token from the environment", railway, "", "", both, introspect.Credentials{Token: "acct", Kind: introspect.Bearer, Source: "RAILWAY_API_TOKEN"}, ""},
		{"project token when it is the only one", railway, "", "", onlyProject, introspect.Credentials{Token: "proj", Kind: introspect.Project, Source: "RAILWAY_TOKEN"}, ""},
		{"kind picks the variable", railway, "", "project", both, introspect.Credentials{Token: "proj", Kind: introspect.Project, Source: "RAILWAY_TOKEN"}, ""},
		{"flag token, bearer by default", railway, "flag", "", both, introspect.Credentials{Token: "flag", Kind: introspect.Bearer, Source: "--token"}, ""},
		{"flag token as a project token", railway, "flag", "project", both, introspect.Credentials{Token: "flag", Kind: introspect.Project, Source: "--token"}, ""},
		{"no Railway token to another host", other, "", "", both, introspect.Credentials{Kind: introspect.Bearer, Source: "RAILWAY_API_TOKEN",
			Withheld: "RAILWAY_API_TOKEN is set but not sent to api.example.com (not a Railway host); pass --token-kind bearer to send it"}, ""},
		{"no project token to another host", other, "", "", onlyProject, introspect.Credentials{Kind: introspect.Project, Source: "RAILWAY_TOKEN",
			Withheld: "RAILWAY_TOKEN is set but not sent to api.example.com (not a Railway host); pass --token-kind project to send it"}, ""},
		{"no token to Railway over plain http", "http://backboard.railway.com/graphql/v2", "", "", both, introspect.Credentials{Kind: introspect.Bearer, Source: "RAILWAY_API_TOKEN",
			Withheld: "RAILWAY_API_TOKEN is set but not sent to backboard.railway.com over plain http://: Railway's API is served over https://, use that"}, ""},
		{"not even a --token to Railway over plain http", "http://BACKBOARD.railway.app./graphql/v2", "flag", "", both, introspect.Credentials{Kind: introspect.Bearer, Source: "--token",
			Withheld: "--token is set but not sent to BACKBOARD.railway.app. over plain http://: Railway's API is served over https://, use that"}, ""},
		{"a --token goes where it is pointed", other, "flag", "", both, introspect.Credentials{Token: "flag", Kind: introspect.Bearer, Source: "--token"}, ""},
		{"unparsable endpoint", "https://api.example.com/gr%zz?api_key=query-secret", "", "", both, introspect.Credentials{}, "endpoint: not a valid URL: it has a % not followed by two hex digits"},
		{"unless a kind is named", other, "", "bearer", both, introspect.Credentials{Token: "acct", Kind: introspect.Bearer, Source: "RAILWAY_API_TOKEN"}, ""},
		{"a named kind whose variable is unset", railway, "", "project", env(nil), introspect.Credentials{Kind: introspect.Project, Source: "RAILWAY_TOKEN"}, ""},
		{"nothing set", railway, "", "", env(nil), introspect.Credentials{}, ""},
		{"bad kind", railway, "", "oauth", both, introspect.Credentials{}, `unknown token kind "oauth"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := introspect.ResolveCredentials(introspect.CredentialOptions{Endpoint: tt.endpoint, Token: tt.token, Kind: tt.kind}, tt.getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "query-secret") {
					t.Errorf("err = %v: it quotes the query string", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestSafeEndpoint(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:pass@api.example.com/graphql?key=secret#frag": "https://api.example.com/graphql",
		introspect.DefaultEndpoint:                                  introspect.DefaultEndpoint,
	} {
		if got := introspect.SafeEndpoint(in); got != want {
			t.Errorf("SafeEndpoint(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPartialAnswerIsRefused: an answer with the schema and errors beside
// it is refused however the errors member is spelt (encoding/json, which
// reads the response, matches names case-insensitively), and an answer
// without errors loads in one pass.
func TestPartialAnswerIsRefused(t *testing.T) {
	good := string(demo.Schema(demo.V1).MarshalIntrospection())
	inner := strings.TrimSuffix(strings.TrimSpace(good), "}") // {"data":{…}
	for _, tt := range []struct {
		name, body, wantErr string
	}{
		{"no errors", good, ""},
		{"empty errors", inner + `, "errors": []}`, ""},
		{"errors", inner + `, "errors": [{"message": "resolver failed"}]}`, "partial answer"},
		{"Errors", inner + `, "Errors": [{"message": "resolver failed"}]}`, "partial answer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts, _ := serve(t, status(200, map[string]string{"Content-Type": "application/json"}, tt.body))
			res, err := newClient(t, ts.URL, newFakeClock(), nil).Introspect(context.Background())
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr == "":
				if !schema.CanonicalEqual(res.Schema, demo.Schema(demo.V1)) {
					t.Error("the introspected schema differs from the served one")
				}
			case err == nil || !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
