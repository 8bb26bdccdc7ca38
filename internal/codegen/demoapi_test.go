package codegen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/demoapi"
	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// regenerateDemoAPI is how the committed demoapi package is remade from the
// committed demo snapshot, which the watch cycle keeps (make refresh-demo).
const regenerateDemoAPI = "make generate"

// TestDemoAPIIsUpToDate checks that the committed demoapi package is what
// codegen generates from the demo schema now.
func TestDemoAPIIsUpToDate(t *testing.T) {
	s, err := snapshot.Load(filepath.Join(testcorpus.ModuleRoot(t), "snapshots", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := codegen.Generate(s, codegen.Config{Package: "demoapi"})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testcorpus.ModuleRoot(t), "demoapi")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for _, e := range entries {
		if _, ok := want[e.Name()]; !ok {
			stale = append(stale, e.Name()+" (not generated)")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want[name]) {
			stale = append(stale, name)
		}
	}
	if len(stale) > 0 {
		t.Errorf("demoapi is out of date (%s): run `%s` in the module root to update it", strings.Join(stale, ", "), regenerateDemoAPI)
	}
}

// demoClient returns a client of a demo endpoint serving schema V2, which
// demoapi is generated from.
func demoClient(t *testing.T) *introspect.Client {
	t.Helper()
	srv, err := demotest.NewServer(demo.Schema(demo.V2), demotest.Options{BearerToken: "demo-token"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &introspect.Client{
		Endpoint:    ts.URL + demo.Path,
		Credentials: introspect.Credentials{Token: "demo-token", Kind: introspect.Bearer, Source: "the test"},
		MaxRetries:  -1,
	}
}

// send sends an operation and decodes its data into out with unknown fields
// disallowed, failing the test on any error.
func send(t *testing.T, client *introspect.Client, query string, variables map[string]any, out any) {
	t.Helper()
	resp, err := client.Do(context.Background(), introspect.Request{Query: query, Variables: variables})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) > 0 {
		t.Fatalf("the demo endpoint answered with errors: %v", resp.Messages())
	}
	dec := json.NewDecoder(bytes.NewReader(resp.Data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		t.Fatalf("decode %s: %v", resp.Data, err)
	}
}

// TestDemoAPIDecodesResponses sends a query over real HTTP to the demo
// endpoint and decodes its response (mock data of the right types) into
// demoapi.Query.
func TestDemoAPIDecodesResponses(t *testing.T) {
	client := demoClient(t)
	const query = `query Everything {
  __typename
  me { __typename id name email avatar createdAt }
  project(id: "p") {
    __typename id name description isPublic createdAt updatedAt workspaceId
    services(first: 2) {
      edges { cursor node { __typename id name icon createdAt updatedAt source { image repo } } }
      pageInfo { hasNextPage endCursor }
    }
    volumes { id name sizeMB }
  }
  deployment(id: "d") { __typename id status createdAt url staticUrl statusUpdatedAt meta canRedeploy creator { id email } }
  variables(projectId: "p", environmentId: "e")
  domains(projectId: "p", environmentId: "e", serviceId: "s") {
    serviceDomains { __typename id domain targetPort }
    customDomains { id domain status { certificateStatus dnsRecords { hostlabel recordType requiredValue currentValue status } } }
  }
  node(id: "n") { __typename id }
  search(query: "demo") {
    __typename
    ... on Project { id name }
    ... on Service { id name }
    ... on Environment { id name isEphemeral }
    ... on Volume { id name }
  }
}`
	var q demoapi.Query
	send(t, client, query, nil, &q)

	if q.Typename != "Query" || q.Me == nil || q.Me.Email != "demo@example.com" || q.Me.Avatar == nil {
		t.Errorf("me: %+v", q.Me)
	}
	if got := q.Me.CreatedAt; !got.Equal(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("me.createdAt decoded as %v", got)
	}
	if q.Project == nil || len(q.Project.Services.Edges) != 2 || q.Project.Services.Edges[0].Node.Source == nil || len(q.Project.Volumes) != 2 {
		t.Errorf("project: %+v", q.Project)
	}
	if d := q.Deployment; d == nil || !d.Status.IsValid() || d.Creator == nil || d.Meta == nil || !json.Valid(*d.Meta) {
		t.Errorf("deployment: %+v", d)
	}
	var variables map[string]string
	if err := json.Unmarshal(q.Variables, &variables); err != nil || variables["PORT"] != "8080" {
		t.Errorf("variables: %s", q.Variables)
	}
	if c := q.Domains.CustomDomains; len(c) != 2 || !c[0].Status.CertificateStatus.IsValid() || len(c[0].Status.DNSRecords) != 2 {
		t.Errorf("custom domains: %+v", c)
	}
	// The demo endpoint answers an interface or union with its first
	// possible type by name.
	node, ok := q.Node.(*demoapi.Bucket)
	if !ok || node.GetID() != "bucket-0001" {
		t.Errorf("node decoded as %#v, want a *demoapi.Bucket", q.Node)
	}
	if len(q.Search) != 2 {
		t.Fatalf("search: %d results, want 2", len(q.Search))
	}
	for _, r := range q.Search {
		if env, ok := r.(*demoapi.Environment); !ok || env.Name == "" {
			t.Errorf("search result decoded as %#v, want a *demoapi.Environment", r)
		}
	}
}

// TestDemoAPIEncodesVariables sends demoapi input objects as variables,
// which the demo endpoint validates against the schema as any GraphQL
// server does: required fields present, absent fields left out, explicit
// nulls where the schema allows them, one field of a @oneOf input.
func TestDemoAPIEncodesVariables(t *testing.T) {
	client := demoClient(t)
	const mutation = `mutation Create($project: ProjectCreateInput!, $service: ServiceCreateInput!, $variable: VariableUpsertInput!) {
  projectCreate(input: $project) { __typename id name }
  serviceCreate(input: $service) { id source { image } }
  variableUpsert(input: $variable)
}`
	variables := map[string]any{
		"project": demoapi.ProjectCreateInput{
			Name:        demoapi.OptionalOf("shop"),
			Description: demoapi.OptionalNull[string](),
			IsPublic:    demoapi.OptionalOf(true),
		},
		"service": demoapi.ServiceCreateInput{
			ProjectID: "project-0001",
			Source:    demoapi.OptionalOf(demoapi.ServiceSourceInput{Image: demoapi.OptionalOf("postgres:16")}),
			Variables: demoapi.OptionalOf(demoapi.EnvironmentVariables(`{"PORT":"8080"}`)),
		},
		"variable": demoapi.VariableUpsertInput{
			ProjectID:     "project-0001",
			EnvironmentID: "environment-0001",
			Name:          "PORT",
			Value:         "8080",
			SkipDeploys:   demoapi.OptionalOf(true),
		},
	}
	var m demoapi.Mutation
	send(t, client, mutation, variables, &m)
	if m.ProjectCreate == nil || m.ProjectCreate.Name == "" || m.ServiceCreate == nil || !m.VariableUpsert {
		t.Errorf("mutation data: %+v", m)
	}

	const query = `query Deployments($filter: DeploymentListInput!) {
  deployments(input: $filter, first: 1) { edges { node { id status } } }
}`
	filter := demoapi.DeploymentListInput{Status: demoapi.OptionalOf(demoapi.DeploymentStatusBuilding)}
	var q demoapi.Query
	send(t, client, query, map[string]any{"filter": filter}, &q)
	if q.Deployments == nil || len(q.Deployments.Edges) == 0 || !q.Deployments.Edges[0].Node.Status.IsValid() {
		t.Errorf("deployments: %+v", q.Deployments)
	}

	// What the server would reject, the client refuses to send.
	bad := demoapi.ServiceSourceInput{Image: demoapi.OptionalOf("postgres:16"), Repo: demoapi.OptionalOf("acme/shop")}
	if _, err := json.Marshal(bad); !errors.Is(err, demoapi.ErrNotOneOf) {
		t.Errorf("a @oneOf input with two fields set encoded (error %v)", err)
	}
}

// TestDemoAPISurvivesSchemaGrowth decodes what a server sends after it has
// grown beyond the package: an enum value and a union member the package
// does not know.
func TestDemoAPISurvivesSchemaGrowth(t *testing.T) {
	data := `{
  "deployment": {"__typename": "Deployment", "id": "d", "status": "PAUSED"},
  "search": [
    {"__typename": "Project", "id": "p", "name": "shop"},
    {"__typename": "Bucket", "id": "b", "region": "eu"}
  ],
  "node": {"__typename": "Database", "id": "db", "engine": "postgres"}
}`
	var q demoapi.Query
	if err := json.Unmarshal([]byte(data), &q); err != nil {
		t.Fatal(err)
	}
	if q.Deployment.Status != "PAUSED" || q.Deployment.Status.IsValid() {
		t.Errorf("status decoded as %q, valid %v; want PAUSED, not valid", q.Deployment.Status, q.Deployment.Status.IsValid())
	}
	if _, ok := q.Search[0].(*demoapi.Project); !ok {
		t.Errorf("search[0] decoded as %#v, want a *demoapi.Project", q.Search[0])
	}
	unknown, ok := q.Search[1].(*demoapi.UnknownSearchResult)
	if !ok || unknown.Typename != "Bucket" {
		t.Fatalf("search[1] decoded as %#v, want a *demoapi.UnknownSearchResult", q.Search[1])
	}
	if out, _ := json.Marshal(unknown); string(out) != `{"__typename":"Bucket","id":"b","region":"eu"}` {
		t.Errorf("the unknown member encodes as %s, not as the server sent it", out)
	}
	node, ok := q.Node.(*demoapi.UnknownNode)
	if !ok || node.GetID() != "db" {
		t.Errorf("node decoded as %#v, want a *demoapi.UnknownNode whose GetID is db", q.Node)
	}

	var missing demoapi.Query
	err := json.Unmarshal([]byte(`{"node": {"id": "n"}}`), &missing)
	if err == nil || !strings.Contains(err.Error(), "select __typename") {
		t.Errorf("an interface without __typename: error %v, want one that says to select __typename", err)
	}
}
