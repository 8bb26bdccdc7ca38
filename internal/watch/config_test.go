package watch

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/diff"
)

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := ParseConfig("schemawatch.yaml", []byte(`
github:
  repo: acme/platform
schedule: "@hourly"
apis:
  - name: railway
    goPackage:
      dir: gen/railwayapi
      bind: {DateTime: time.Time}
    headers:
      X-Team: "${TEAM}"
    reviewers: [alice, acme/api-team]
  - name: demo
    endpoint: http://127.0.0.1:4000/graphql/v2
    tokenKind: project
    collectionDir: "-"
    failOn: dangerous
    branch: bots/demo
    labels: [api, schema-change]
`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		GitHub:   GitHub{Repo: "acme/platform", Base: "main", TokenEnv: "GITHUB_TOKEN"},
		Schedule: "@hourly",
		File:     "schemawatch.yaml",
		APIs: []API{{
			Name: "railway", Endpoint: "https://backboard.railway.com/graphql/v2", TokenKind: "bearer", TokenEnv: "RAILWAY_API_TOKEN",
			Headers:     map[string]string{"X-Team": "${TEAM}"},
			SnapshotDir: "snapshots/railway", GoPackage: &GoPackage{Dir: "gen/railwayapi", Name: "railwayapi", Bind: map[string]string{"DateTime": "time.Time"}},
			CollectionDir: "collection", CollectionName: "railway", ReportDir: "reports/railway", Branch: "schemawatch/railway",
			Labels: []string{"schema-change"}, Reviewers: []string{"alice", "acme/api-team"}, FailOn: diff.FailOnBreaking,
		}, {
			Name: "demo", Endpoint: "http://127.0.0.1:4000/graphql/v2", TokenKind: "project", TokenEnv: "RAILWAY_TOKEN",
			SnapshotDir: "snapshots/demo", CollectionDir: "-", CollectionName: "demo", ReportDir: "reports/demo", Branch: "bots/demo",
			Labels: []string{"api", "schema-change"}, FailOn: diff.FailOnDangerous,
		}},
	}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Error(diff)
	}
	headers, err := cfg.APIs[0].ExpandHeaders(func(k string) string { return map[string]string{"TEAM": "platform"}[k] })
	if err != nil || headers["X-Team"] != "platform" {
		t.Errorf("ExpandHeaders = %v, %v", headers, err)
	}
	if _, err := cfg.APIs[0].ExpandHeaders(func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "${TEAM}, which is not set") {
		t.Errorf("an unset variable: %v", err)
	}
}

// TestConfigErrors: every error names the file, the line and the key.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "apis:\n  - name: a\n    endpont: https://x\n", `cfg.yaml:3: unknown key "endpont"`},
		{"no APIs", "github:\n  repo: a/b\n", "cfg.yaml:1: apis: no API to watch"},
		{"bad name", "apis:\n  - name: Railway API\n", `cfg.yaml:2: apis[0].name: "Railway API": want lowercase`},
		{"duplicate name", "apis:\n  - name: a\n  - name: a\n", `cfg.yaml:3: apis[1].name: "a" is used by two APIs`},
		{"bad endpoint", "apis:\n  - name: a\n    endpoint: ftp://x\n", `cfg.yaml:3: apis[0].endpoint: "ftp://x" is not an http(s) URL`},
		{"token in tokenEnv", "apis:\n  - name: a\n    tokenEnv: ey.abc-123\n", `apis[0].tokenEnv: "ey.abc-123" is not an environment variable name (the token itself never goes in this file)`},
		{"bad token kind", "apis:\n  - name: a\n    tokenKind: oauth\n", `cfg.yaml:3: apis[0].tokenKind: unknown token kind "oauth"`},
		{"path outside", "apis:\n  - name: a\n    snapshotDir: ../elsewhere\n", `cfg.yaml:3: apis[0].snapshotDir: "../elsewhere" must be a relative path inside the repository`},
		{"absolute path", "apis:\n  - name: a\n    goPackage:\n      dir: /tmp/x\n", `cfg.yaml:4: apis[0].goPackage.dir: "/tmp/x" must be a relative path`},
		{"bad package name", "apis:\n  - name: a\n    goPackage:\n      dir: x\n      name: My-Pkg\n", `apis[0].goPackage.name: "My-Pkg" is not a Go package name`},
		{"bad binding", "apis:\n  - name: a\n    goPackage:\n      dir: x\n      bind: {DateTime: Time}\n", `cfg.yaml:5: apis[0].goPackage.bind.DateTime: Go type "Time" is neither a predeclared type such as int64 nor importpath.Type such as time.Time`},
		{"bad failOn", "apis:\n  - name: a\n    failOn: always\n", `cfg.yaml:3: apis[0].failOn: "always": want breaking, dangerous or none`},
		{"shared branch", "apis:\n  - name: a\n    branch: sw\n  - name: b\n    branch: sw\n", `cfg.yaml:5: apis[1].branch: "sw" is used by two APIs`},
		{"bad repo", "github:\n  repo: just-a-name\napis:\n  - name: a\n", `cfg.yaml:2: github.repo: "just-a-name" is not owner/name`},
		{"bad schedule", "schedule: every hour\napis:\n  - name: a\n", `cfg.yaml:1: schedule: invalid cron spec "every hour"`},
		{"bad header", "apis:\n  - name: a\n    headers:\n      \"X Bad\": v\n", `apis[0].headers.X Bad: "X Bad" is not a valid header name`},
		{"not YAML", "apis: [\n", "cfg.yaml: "},
		{"wrong type", "apis:\n  - name: a\n    labels: nope\n", "cfg.yaml:3: apis[0].labels: want a list, e.g. [a, b], not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestNewConfigNamesFlags(t *testing.T) {
	tests := []struct {
		api  API
		gh   GitHub
		want string
	}{
		{API{Name: "x", Endpoint: "ftp://nope"}, GitHub{}, `--endpoint: "ftp://nope" is not an http(s) URL`},
		{API{Name: "x", GoPackage: &GoPackage{Dir: "d", Name: "Bad-Name"}}, GitHub{}, `--go-package: "Bad-Name" is not a Go package name`},
		{API{Name: "x", GoPackage: &GoPackage{Dir: "/abs"}}, GitHub{}, `--go-out: "/abs" must be a relative path`},
		{API{Name: "x"}, GitHub{Repo: "nope"}, `--repo: "nope" is not owner/name`},
		{API{Name: "Bad Name"}, GitHub{}, `--name: "Bad Name"`},
	}
	for _, tt := range tests {
		if _, err := NewConfig(tt.gh, tt.api); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
	cfg, err := NewConfig(GitHub{Repo: "a/b"}, API{Name: "railway"})
	if err != nil || cfg.APIs[0].SnapshotDir != "snapshots/railway" || cfg.GitHub.Base != "main" {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
}
