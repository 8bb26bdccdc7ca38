package demo_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/schema"
)

const token = "demo-secret-token"

type response struct {
	Status int
	Header http.Header
	Body   struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Locations  []any          `json:"locations"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
}

func post(t *testing.T, url string, header map[string]string, body any) response {
	t.Helper()
	raw, ok := body.(string)
	if !ok {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		raw = string(b)
	}
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var r response
	r.Status, r.Header = resp.StatusCode, resp.Header
	if err := json.Unmarshal(data, &r.Body); err != nil {
		t.Fatalf("the response is not JSON: %v: %s", err, data)
	}
	return r
}

// serve serves a demo schema version as watch demo does.
func serve(t *testing.T, v demo.Version, opts demo.Options) (*demo.Server, string) {
	t.Helper()
	srv, err := demo.NewServer(demo.Schema(v).WithCapabilities(demo.DefaultIntrospection), opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL + demo.Path
}

// serveTest serves a demo schema version with the test double's options.
func serveTest(t *testing.T, v demo.Version, opts demotest.Options) (*demotest.Server, string) {
	t.Helper()
	srv, err := demotest.NewServer(demo.Schema(v), opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL + demo.Path
}

var bearer = map[string]string{"Authorization": "Bearer " + token}

// TestDemoSchemaVersions pins the changes version 2 is meant to carry, one
// of each criticality, so that the demo always shows them.
func TestDemoSchemaVersions(t *testing.T) {
	v1, v2 := demo.Schema(demo.V1), demo.Schema(demo.V2)
	checks := []struct {
		name string
		ok   bool
	}{
		{"v1 has Project.teamId, deprecated", v1.Type("Project").Field("teamId") != nil && v1.Type("Project").Field("teamId").IsDeprecated},
		{"v2 removed Project.teamId", v2.Type("Project").Field("teamId") == nil},
		{"v2 added a required argument", v1.Type("Query").Field("volumeInstance").Arg("environmentId") == nil &&
			v2.Type("Query").Field("volumeInstance").Arg("environmentId").Type.String() == "String!"},
		{"v2 added an enum value", slices.ContainsFunc(v2.Type("DeploymentStatus").EnumValues, func(e *schema.EnumValue) bool { return e.Name == "QUEUED" })},
		{"v2 changed a type", v1.Type("VolumeInstance").Field("currentSizeMB").Type.String() == "Float!" && v2.Type("VolumeInstance").Field("currentSizeMB").Type.String() == "Float"},
		{"v2 added fields and a type", v2.Type("Service").Field("updatedAt") != nil && v2.Type("Bucket") != nil && v1.Type("Bucket") == nil},
		{"v2 added a deprecation", !v1.Type("Deployment").Field("staticUrl").IsDeprecated && v2.Type("Deployment").Field("staticUrl").IsDeprecated},
		{"v2 added a union member", len(v2.Type("SearchResult").PossibleTypes) == len(v1.Type("SearchResult").PossibleTypes)+1},
		{"a @oneOf input", v1.Type("ServiceSourceInput").IsOneOf && v2.Type("ServiceSourceInput").IsOneOf},
		{"an interface and a union", v1.Type("Node").Kind == schema.KindInterface && v1.Type("SearchResult").Kind == schema.KindUnion},
		{"custom scalars with specifiedBy", v1.Type("DateTime").SpecifiedByURL != nil && v1.Type("JSON") != nil},
		{"a subscription", v1.SubscriptionType == "Subscription"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("demo schema: %s: not so", c.name)
		}
	}
}

// TestAuth: the shipped server accepts its one bearer token; the test
// double emulates both of Railway's credentials.
func TestAuth(t *testing.T) {
	_, shipped := serve(t, demo.V1, demo.Options{BearerToken: token})
	_, double := serveTest(t, demo.V1, demotest.Options{BearerToken: token, ProjectToken: "p-" + token})
	query := map[string]any{"query": "{ __typename }"}
	tests := []struct {
		name   string
		url    string
		header map[string]string
		status int
	}{
		{"no credentials", shipped, nil, 401},
		{"bearer", shipped, bearer, 200},
		{"wrong bearer", shipped, map[string]string{"Authorization": "Bearer nope"}, 401},
		{"bearer without the scheme", shipped, map[string]string{"Authorization": token}, 401},
		{"a project token header", shipped, map[string]string{"Project-Access-Token": token}, 401},
		{"double: no credentials", double, nil, 401},
		{"double: bearer", double, bearer, 200},
		{"double: project token", double, map[string]string{"Project-Access-Token": "p-" + token}, 200},
		{"double: wrong bearer", double, map[string]string{"Authorization": "Bearer nope"}, 401},
		{"double: project token sent as bearer", double, map[string]string{"Authorization": "Bearer p-" + token}, 401},
		{"double: bearer without the scheme", double, map[string]string{"Authorization": token}, 401},
	}
	for _, tt := range tests {
		r := post(t, tt.url, tt.header, query)
		if r.Status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, r.Status, tt.status)
		}
		if tt.status == 401 {
			if len(r.Body.Errors) != 1 || r.Body.Errors[0].Extensions["code"] != "UNAUTHENTICATED" || r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: 401 body %+v, headers %v", tt.name, r.Body, r.Header)
			}
		}
	}
	_, open := serve(t, demo.V1, demo.Options{})
	if r := post(t, open, nil, query); r.Status != 200 {
		t.Errorf("without configured tokens the server is open; got %d", r.Status)
	}
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimit(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 26, 12, 0, 10, 0, time.UTC)}
	srv, url := serveTest(t, demo.V1, demotest.Options{BearerToken: token, RateLimit: 2, RateWindow: time.Minute, Now: clk.Now})
	query := map[string]any{"query": "{ __typename }"}
	reset := fmt.Sprint(time.Date(2026, 11, 26, 12, 1, 0, 0, time.UTC).Unix())
	for i, want := range []struct {
		status    int
		remaining string
	}{{200, "1"}, {200, "0"}, {429, "0"}} {
		r := post(t, url, bearer, query)
		if r.Status != want.status || r.Header.Get("X-RateLimit-Limit") != "2" || r.Header.Get("X-RateLimit-Remaining") != want.remaining || r.Header.Get("X-RateLimit-Reset") != reset {
			t.Errorf("request %d: status %d, headers %v", i+1, r.Status, r.Header)
		}
		if want.status == 429 && (r.Header.Get("Retry-After") != "50" || r.Body.Errors[0].Extensions["code"] != "RATE_LIMITED") {
			t.Errorf("429: Retry-After %q, body %+v", r.Header.Get("Retry-After"), r.Body)
		}
	}
	// Another credential has its own window.
	if r := post(t, url, map[string]string{"Authorization": "Bearer other"}, query); r.Status != 401 || r.Header.Get("X-RateLimit-Remaining") != "1" {
		t.Errorf("another credential: %d, remaining %q", r.Status, r.Header.Get("X-RateLimit-Remaining"))
	}
	clk.advance(50 * time.Second)
	if r := post(t, url, bearer, query); r.Status != 200 {
		t.Errorf("after the reset: status %d", r.Status)
	}
	srv.Throttle(1, 30*time.Second)
	if r := post(t, url, bearer, query); r.Status != 429 || r.Header.Get("Retry-After") != "30" {
		t.Errorf("throttled: status %d, Retry-After %q", r.Status, r.Header.Get("Retry-After"))
	}
	if r := post(t, url, bearer, query); r.Status != 200 {
		t.Errorf("after the throttle: status %d", r.Status)
	}
}

func TestRequestErrors(t *testing.T) {
	_, url := serve(t, demo.V1, demo.Options{})
	tests := []struct {
		name   string
		body   any
		status int
		want   string
		code   string
	}{
		{"unknown field", map[string]any{"query": "{ project(id: \"1\") { nope } }"}, 200, `Cannot query field "nope" on type "Project".`, "GRAPHQL_VALIDATION_FAILED"},
		{"missing argument", map[string]any{"query": "{ project { id } }"}, 200, `Field "project" argument "id" of type "String!" is required`, "GRAPHQL_VALIDATION_FAILED"},
		{"syntax error", map[string]any{"query": "{ project("}, 200, "Expected Name", ""},
		{"variable of the wrong type", map[string]any{"query": "query Q($id: String!) { project(id: $id) { id } }", "variables": map[string]any{"id": 5}}, 200, "cannot use float64 as String", "BAD_USER_INPUT"},
		{"missing variable", map[string]any{"query": "query Q($id: String!) { project(id: $id) { id } }"}, 200, "must be defined", "BAD_USER_INPUT"},
		{"oneOf with two members", map[string]any{"query": "mutation M($i: ServiceCreateInput!) { serviceCreate(input: $i) { id } }", "variables": map[string]any{"i": map[string]any{"projectId": "p", "source": map[string]any{"image": "a", "repo": "b"}}}}, 200, `variable $i.source: OneOf Input Object "ServiceSourceInput" must specify exactly one key`, "BAD_USER_INPUT"},
		{"two operations, no name", map[string]any{"query": "query A { __typename } query B { __typename }"}, 200, "name one with operationName", ""},
		{"unknown operation name", map[string]any{"query": "query A { __typename }", "operationName": "B"}, 200, `unknown operation named "B"`, ""},
		{"not JSON", "{", 400, "not a JSON GraphQL request", ""},
		{"no query", map[string]any{"variables": map[string]any{}}, 400, `no "query"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, url, nil, tt.body)
			if r.Status != tt.status || len(r.Body.Errors) == 0 || r.Body.Data != nil {
				t.Fatalf("status %d, body %+v", r.Status, r.Body)
			}
			e := r.Body.Errors[0]
			if !strings.Contains(e.Message, tt.want) {
				t.Errorf("message %q, want %q", e.Message, tt.want)
			}
			if tt.code != "" && e.Extensions["code"] != tt.code {
				t.Errorf("code %v, want %s", e.Extensions["code"], tt.code)
			}
		})
	}
	for path, status := range map[string]int{"/": 404, "/graphql": 404} {
		resp, err := http.Post(strings.TrimSuffix(url, demo.Path)+path, "application/json", strings.NewReader(`{"query":"{__typename}"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != status {
			t.Errorf("POST %s: %d, want %d", path, resp.StatusCode, status)
		}
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// TestMockDataIsTypeCorrect runs operations that use every kind of
// selection and checks each answer against the operation and the schema.
func TestMockDataIsTypeCorrect(t *testing.T) {
	s := demo.Schema(demo.V2)
	gs, err := s.ValidationSchema()
	if err != nil {
		t.Fatal(err)
	}
	_, url := serve(t, demo.V2, demo.Options{})
	ops := []struct {
		query string
		vars  map[string]any
	}{
		{`query { me { id name email avatar createdAt } }`, nil},
		{`query P($id: String!) { project(id: $id) { id name isPublic createdAt workspaceId
			services(first: 2) { edges { cursor node { id name source { image repo } deployments { edges { node { id status meta url creator { email } } } pageInfo { hasNextPage endCursor } } } } }
			environments { edges { node { ...Env } } } volumes { id sizeMB } } } fragment Env on Environment { id name isEphemeral }`, map[string]any{"id": "p1"}},
		{`{ search(query: "x") { __typename ... on Project { id name } ... on Service { id icon } ... on Volume { sizeMB } } }`, nil},
		{`{ node(id: "1") { __typename id ... on Deployment { status } } a: me { e: email } b: me { name } }`, nil},
		{`query($skip: Boolean!) { me { id @skip(if: $skip) name @include(if: $skip) email } }`, map[string]any{"skip": true}},
		{`{ variables(projectId: "p", environmentId: "e") domains(projectId: "p", environmentId: "e", serviceId: "s") { customDomains { status { dnsRecords { recordType status } certificateStatus } } serviceDomains { domain targetPort } } }`, nil},
		{`mutation($i: ServiceCreateInput!) { serviceCreate(input: $i) { id name } variableUpsert(input: {projectId: "p", environmentId: "e", name: "A", value: "1"}) }`,
			map[string]any{"i": map[string]any{"projectId": "p", "source": map[string]any{"image": "postgres:16"}}}},
		{`subscription { deploymentLogs(deploymentId: "d") { message severity timestamp attributes { key value } } }`, nil},
		{`{ __schema { queryType { name } types { name kind } } __type(name: "Project") { name kind fields { name type { kind ofType { name kind } } } } }`, nil},
	}
	for _, op := range ops {
		doc, errs := gqlparser.LoadQueryWithRules(gs, op.query, nil)
		if len(errs) > 0 {
			t.Fatalf("test query invalid: %v", errs)
		}
		r := post(t, url, nil, map[string]any{"query": op.query, "variables": op.vars})
		if r.Status != 200 || len(r.Body.Errors) > 0 || r.Body.Data == nil {
			t.Errorf("%s: status %d, errors %+v", op.query, r.Status, r.Body.Errors)
			continue
		}
		o := doc.Operations[0]
		root := gs.Query
		switch o.Operation {
		case ast.Mutation:
			root = gs.Mutation
		case ast.Subscription:
			root = gs.Subscription
		}
		c := checker{t: t, gs: gs, doc: doc, vars: op.vars}
		c.object(root.Name, o.SelectionSet, r.Body.Data, "data")
	}
}

// checker walks a response alongside its operation.
type checker struct {
	t    *testing.T
	gs   *ast.Schema
	doc  *ast.QueryDocument
	vars map[string]any
}

func (c checker) object(typeName string, set ast.SelectionSet, v any, path string) {
	obj, ok := v.(map[string]any)
	if !ok {
		c.t.Errorf("%s: want an object, got %T", path, v)
		return
	}
	if tn, ok := obj["__typename"].(string); ok {
		typeName = tn
	}
	want := map[string]*ast.Field{}
	c.collect(typeName, set, want)
	for key := range obj {
		if want[key] == nil {
			c.t.Errorf("%s.%s: not selected", path, key)
		}
	}
	for key, f := range want {
		val, ok := obj[key]
		if !ok {
			c.t.Errorf("%s.%s: missing", path, key)
			continue
		}
		if f.Name == "__typename" {
			if val != typeName {
				c.t.Errorf("%s.%s = %v, want %s", path, key, val, typeName)
			}
			continue
		}
		c.value(f.Definition.Type, f.SelectionSet, val, path+"."+key)
	}
}

func (c checker) collect(typeName string, set ast.SelectionSet, into map[string]*ast.Field) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if c.skipped(s.Directives) {
				continue
			}
			into[s.Alias] = s
		case *ast.InlineFragment:
			if c.applies(s.TypeCondition, typeName) {
				c.collect(typeName, s.SelectionSet, into)
			}
		case *ast.FragmentSpread:
			if f := c.doc.Fragments.ForName(s.Name); c.applies(f.TypeCondition, typeName) {
				c.collect(typeName, f.SelectionSet, into)
			}
		}
	}
}

func (c checker) skipped(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil && d.ArgumentMap(c.vars)["if"] == true {
		return true
	}
	if d := dirs.ForName("include"); d != nil && d.ArgumentMap(c.vars)["if"] != true {
		return true
	}
	return false
}

func (c checker) applies(cond, typeName string) bool {
	if cond == "" || cond == typeName {
		return true
	}
	return slices.ContainsFunc(c.gs.GetPossibleTypes(c.gs.Types[cond]), func(d *ast.Definition) bool { return d.Name == typeName })
}

func (c checker) value(typ *ast.Type, set ast.SelectionSet, v any, path string) {
	if v == nil {
		if typ.NonNull {
			c.t.Errorf("%s: null for %s", path, typ)
		}
		return
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			c.t.Errorf("%s: want a list for %s, got %T", path, typ, v)
			return
		}
		for i, item := range list {
			c.value(typ.Elem, set, item, fmt.Sprintf("%s[%d]", path, i))
		}
		return
	}
	def := c.gs.Types[typ.NamedType]
	switch def.Kind {
	case ast.Enum:
		if s, ok := v.(string); !ok || def.EnumValues.ForName(s) == nil {
			c.t.Errorf("%s: %v is not a %s value", path, v, def.Name)
		}
	case ast.Scalar:
		ok := true
		switch def.Name {
		case "Int":
			f, isNum := v.(float64)
			ok = isNum && f == math.Trunc(f)
		case "Float":
			_, ok = v.(float64)
		case "String", "ID":
			_, ok = v.(string)
		case "Boolean":
			_, ok = v.(bool)
		}
		if !ok {
			c.t.Errorf("%s: %v (%T) is not a %s", path, v, v, def.Name)
		}
	default:
		c.object(def.Name, set, v, path)
	}
}

// TestResponseKeepsSelectionOrder: keys come in the order they are asked.
func TestResponseKeepsSelectionOrder(t *testing.T) {
	_, url := serve(t, demo.V2, demo.Options{})
	resp, err := http.Post(url, "application/json", strings.NewReader(`{"query": "{ me { email name id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !bytes.Contains(body, []byte(`{"me":{"email":"demo@example.com","name":"demo-user","id":"user-0001"}}`)) {
		t.Errorf("body %s", body)
	}
}

func TestListen(t *testing.T) {
	srv, err := demo.NewServer(demo.Schema(demo.V1), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := demo.Listen(srv)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ep.URL, "http://127.0.0.1:") || !strings.HasSuffix(ep.URL, demo.Path) {
		t.Errorf("URL %q", ep.URL)
	}
	if r := post(t, ep.URL, nil, map[string]any{"query": "{ __typename }"}); r.Status != 200 || r.Body.Data["__typename"] != "Query" {
		t.Errorf("status %d, body %+v", r.Status, r.Body)
	}
	if err := ep.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Post(ep.URL, "application/json", strings.NewReader("{}")); err == nil {
		t.Error("the endpoint still answers after Close")
	}
}

// TestServesTheSchemasCapabilities: the server supports the optional
// introspection properties its schema carries, and no others.
func TestServesTheSchemasCapabilities(t *testing.T) {
	query := map[string]any{"query": "{ __type(name: \"Query\") { fields { args(includeDeprecated: true) { name isDeprecated } } } }"}
	tests := []struct {
		name   string
		schema *schema.Schema
		ok     bool
	}{
		{"all", demo.Schema(demo.V1), true},
		{"as watch demo serves it", demo.Schema(demo.V1).WithCapabilities(demo.DefaultIntrospection), false},
	}
	for _, tt := range tests {
		srv, err := demo.NewServer(tt.schema, demo.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		r := post(t, ts.URL+demo.Path, nil, query)
		ts.Close()
		if ok := len(r.Body.Errors) == 0; ok != tt.ok {
			t.Errorf("%s: argument deprecation answered %v, want %v: %+v", tt.name, ok, tt.ok, r.Body.Errors)
		}
	}
}
