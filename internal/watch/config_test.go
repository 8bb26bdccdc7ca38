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
			Name: "railway", Endpoint: "https://backboard.railway.com/graphql/v2", TokenKind: "", TokenEnv: "RAILWAY_API_TOKEN",
			Headers:     map[string]string{"X-Team": "${TEAM}"},
			SnapshotDir: "snapshots/railway", GoPackage: &GoPackage{Dir: "gen/railwayapi", Name: "railwayapi", Bind: map[string]string{"DateTime": "time.Time"}},
			CollectionDir: "collection", CollectionName: "railway", ReportDir: "reports/railway", HistoryDir: "history/railway", Branch: "schemawatch/railway",
			Labels: []string{"schema-change"}, Reviewers: []string{"alice", "acme/api-team"}, FailOn: diff.FailOnBreaking,
		}, {
			Name: "demo", Endpoint: "http://127.0.0.1:4000/graphql/v2", TokenKind: "project", TokenEnv: "RAILWAY_TOKEN",
			SnapshotDir: "snapshots/demo", CollectionDir: "-", CollectionName: "demo", ReportDir: "reports/demo", HistoryDir: "history/demo", Branch: "bots/demo",
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
		{"bad endpoint", "apis:\n  - name: a\n    endpoint: ftp://x\n", `cfg.yaml:3: apis[0].endpoint: ftp://x is not an http(s) URL`},
		{"token in tokenEnv", "apis:\n  - name: a\n    tokenEnv: ey.abc-123\n", `apis[0].tokenEnv: "ey.abc-123" is not an environment variable name (the token itself never goes in this file)`},
		{"bad token kind", "apis:\n  - name: a\n    tokenKind: oauth\n", `cfg.yaml:3: apis[0].tokenKind: unknown token kind "oauth"`},
		{"path outside", "apis:\n  - name: a\n    snapshotDir: ../elsewhere\n", `cfg.yaml:3: apis[0].snapshotDir: "../elsewhere" must be a relative path inside the repository`},
		{"absolute path", "apis:\n  - name: a\n    goPackage:\n      dir: /tmp/x\n", `cfg.yaml:4: apis[0].goPackage.dir: "/tmp/x" must be a relative path`},
		{"bad package name", "apis:\n  - name: a\n    goPackage:\n      dir: x\n      name: My-Pkg\n", `apis[0].goPackage.name: "My-Pkg" is not a Go package name`},
		{"bad binding", "apis:\n  - name: a\n    goPackage:\n      dir: x\n      bind: {DateTime: Time}\n", `cfg.yaml:5: apis[0].goPackage.bind.DateTime: type "Time" is neither a predeclared type such as int64 nor importpath.Type such as time.Time`},
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
		{API{Name: "x", Endpoint: "ftp://nope"}, GitHub{}, `--endpoint: ftp://nope is not an http(s) URL`},
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

// TestConfigRejectsDangerousOutputDirs: no output may wipe the checkout,
// .git, or another output, within one API or across APIs.
func TestConfigRejectsDangerousOutputDirs(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"snapshot is the work dir", "apis:\n  - name: a\n    snapshotDir: .\n", `cfg.yaml:3: apis[0].snapshotDir: "." is the work directory itself`},
		{"snapshot is ./", "apis:\n  - name: a\n    snapshotDir: ./\n", `apis[0].snapshotDir: "./" is the work directory itself`},
		{"go package is the work dir", "apis:\n  - name: a\n    goPackage: {dir: .}\n", `cfg.yaml:3: apis[0].goPackage.dir: "." is the work directory itself`},
		{"snapshot is .git", "apis:\n  - name: a\n    snapshotDir: .git\n", `apis[0].snapshotDir: ".git" is inside .git`},
		{"report under .git", "apis:\n  - name: a\n    reportDir: .git/hooks\n", `apis[0].reportDir: ".git/hooks" is inside .git`},
		{"collections in the work dir", "apis:\n  - name: a\n    collectionDir: .\n", `apis[0].collectionDir: "." is the work directory itself`},
		{"go package is the snapshot", "apis:\n  - name: a\n    snapshotDir: s\n    goPackage: {dir: s}\n", `cfg.yaml:4: apis[0].goPackage.dir: "s" is also the directory of apis[0].snapshotDir`},
		{"go package inside the snapshot", "apis:\n  - name: a\n    snapshotDir: s\n    goPackage: {dir: s/go}\n", `apis[0].goPackage.dir: "s/go" and "s" are nested`},
		{"report inside the go package", "apis:\n  - name: a\n    goPackage: {dir: api}\n    reportDir: api/reports\n", `apis[0].reportDir: "api/reports" and "api" are nested`},
		{"operations inside the go package", "apis:\n  - name: a\n    goPackage: {dir: api}\n    operationsDir: api/ops\n", `apis[0].operationsDir: "api/ops" and "api" are nested`},
		{"two APIs, one snapshot dir", "apis:\n  - name: a\n    snapshotDir: s\n  - name: b\n    snapshotDir: s\n", `cfg.yaml:5: apis[1].snapshotDir: "s" is also the directory of apis[0].snapshotDir`},
		{"two APIs, one report dir", "apis:\n  - name: a\n    reportDir: r\n  - name: b\n    reportDir: r\n", `apis[1].reportDir: "r" would get the file report.md, as does apis[0].reportDir`},
		{"two APIs, one collection name", "apis:\n  - name: a\n    collectionName: c\n  - name: b\n    collectionName: c\n", `apis[1].collectionDir: "collection" would get the file c.postman_collection.json, as does apis[0].collectionDir`},
		{"one API's package in another's snapshot", "apis:\n  - name: a\n  - name: b\n    goPackage: {dir: snapshots/a/go}\n", `apis[1].goPackage.dir: "snapshots/a/go" and "snapshots/a" are nested`},
		{"bad branch", "apis:\n  - name: a\n    branch: schemawatch/a..b\n", `cfg.yaml:3: apis[0].branch: "schemawatch/a..b" is not a valid branch name`},
		{"branch lock", "apis:\n  - name: a\n    branch: x.lock\n", `apis[0].branch: "x.lock" is not a valid branch name`},
		{"bad base", "github:\n  base: \"main~1\"\napis:\n  - name: a\n", `cfg.yaml:2: github.base: "main~1" is not a valid branch name`},
		{"branch is base", "apis:\n  - name: a\n    branch: main\n", `apis[0].branch: "main" is also the base branch`},
		{"binding not a type", "apis:\n  - name: a\n    goPackage: {dir: x, bind: {JSON: \"map[string]any\"}}\n", `apis[0].goPackage.bind.JSON: type "map[string]any"`},
		{"binding unexported", "apis:\n  - name: a\n    goPackage: {dir: x, bind: {DateTime: time.time}}\n", `apis[0].goPackage.bind.DateTime:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	// Two APIs may share the collection directory (each has its own files)
	// and the default directories.
	if _, err := ParseConfig("cfg.yaml", []byte("apis:\n  - name: a\n  - name: b\n    goPackage: {dir: bapi}\n")); err != nil {
		t.Errorf("defaults of two APIs: %v", err)
	}
}

// TestConfigTypeErrorsNameTheKey: a value of the wrong type names its key
// and what it wants; a misspelt key gets a suggestion.
func TestConfigTypeErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"labels as a string", "apis:\n  - name: a\n    labels: schema-change\n", "cfg.yaml:3: apis[0].labels: want a list, e.g. [a, b], not a string"},
		{"goPackage as a string", "apis:\n  - name: a\n    goPackage: demoapi\n", "cfg.yaml:3: apis[0].goPackage: want a mapping, e.g. {dir: railwayapi, name: railwayapi}, not a string"},
		{"headers as a list", "apis:\n  - name: a\n    headers: [a]\n", "cfg.yaml:3: apis[0].headers: want a mapping of names to values"},
		{"apis as a mapping", "apis: {name: a}\n", "cfg.yaml:1: apis: want a list of APIs"},
		{"github as a string", "github: a/b\napis:\n  - name: a\n", "cfg.yaml:1: github: want a mapping with the keys repo, base, apiURL, tokenEnv"},
		{"allowMassRemoval not a bool", "apis:\n  - name: a\n    allowMassRemoval: sure\n", "cfg.yaml:3: apis[0].allowMassRemoval: want true or false"},
		{"endpiont", "apis:\n  - name: a\n    endpiont: https://x\n", `cfg.yaml:3: unknown key "endpiont" (did you mean endpoint?)`},
		{"snapshotdir", "apis:\n  - name: a\n    snapshotdir: s\n", `unknown key "snapshotdir" (did you mean snapshotDir?)`},
		{"repository", "github:\n  repository: a/b\napis:\n  - name: a\n", `cfg.yaml:2: unknown key "repository"`},
		{"top-level typo", "api:\n  - name: a\n", `cfg.yaml:1: unknown key "api" (did you mean apis?)`},
		{"nothing close", "apis:\n  - name: a\n    colour: red\n", `unknown key "colour" (see the configuration keys in README.md)`},
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

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("apis:\n  - name: a\n    goPackage: {dir: x, bind: {DateTime: time.Time}}\n"))
	f.Add([]byte("github: {repo: a/b}\napis:\n  - {name: a, snapshotDir: s}\n  - {name: b, labels: x}\n"))
	f.Add([]byte("apis: [ {name: a, endpiont: x} ]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		for _, a := range cfg.APIs {
			if a.SnapshotDir == "" || a.Branch == "" || a.ReportDir == "" {
				t.Errorf("defaults not applied: %+v", a)
			}
		}
	})
}
