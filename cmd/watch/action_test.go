package main

import (
	"bytes"
	"crypto/rand"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/watch"
)

// action is the part of action.yml the test runs.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID               string            `yaml:"id"`
			Uses             string            `yaml:"uses"`
			Shell            string            `yaml:"shell"`
			Run              string            `yaml:"run"`
			Env              map[string]string `yaml:"env"`
			WorkingDirectory string            `yaml:"working-directory"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// TestActionSteps runs action.yml's script steps as the runner would (the
// setup-go step aside): in a checkout of a repository watching the demo
// API, served on a loopback port with version 2 of its schema, in dry-run
// mode, configured by a schemawatch.yaml, with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY pointing at temporary
// files. The outputs, the job summary and the annotations are checked.
func TestActionSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary as the action does; skipped with -short")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("the action's steps are bash scripts; no bash here")
	}
	root := testcorpus.ModuleRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}

	token := rand.Text()
	srv, err := demo.NewServer(demo.Schema(demo.V2), demo.Options{BearerToken: token})
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(srv)
	t.Cleanup(api.Close)
	workspace := t.TempDir()
	seeded, err := watch.NewConfig(watch.GitHub{}, demoAPI(api.URL+demo.Path))
	if err != nil {
		t.Fatal(err)
	}
	if err := seedDemo(workspace, seeded.APIs[0]); err != nil {
		t.Fatal(err)
	}
	config := "apis:\n  - name: demo\n    endpoint: " + api.URL + demo.Path + "\n    tokenKind: bearer\n" +
		"    goPackage: {dir: demoapi}\n    operationsDir: operations/demo\n    failOn: dangerous\n"
	if err := os.WriteFile(filepath.Join(workspace, "schemawatch.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	outputFile, summaryFile := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary")
	for _, f := range []string{outputFile, summaryFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs := map[string]string{}
	for name, in := range a.Inputs {
		inputs[name] = in.Default
	}
	for name, v := range map[string]string{"config": "schemawatch.yaml", "dry-run": "true"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
		inputs[name] = v
	}
	github := map[string]string{"action_path": root, "repository": "example/demo", "workspace": workspace}
	expr := regexp.MustCompile(`\$\{\{\s*(inputs|github)\.([a-z_-]+)\s*\}\}`)
	subst := func(s string) string {
		s = expr.ReplaceAllStringFunc(s, func(m string) string {
			parts := expr.FindStringSubmatch(m)
			if parts[1] == "inputs" {
				return inputs[parts[2]]
			}
			v, ok := github[parts[2]]
			if !ok {
				t.Fatalf("action.yml uses github.%s, which the test does not provide", parts[2])
			}
			return v
		})
		if strings.Contains(s, "${{") {
			t.Fatalf("an expression the test cannot evaluate: %s", s)
		}
		return s
	}

	var stdout bytes.Buffer
	ran := 0
	for _, step := range a.Runs.Steps {
		if step.Uses != "" {
			continue // setup-go: the test runs with the Go that runs it
		}
		if strings.Contains(step.Run, "${{") {
			t.Fatalf("step %q splices an expression into its script; pass it through env", step.ID)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		cmd.Dir = workspace
		if step.WorkingDirectory != "" {
			cmd.Dir = subst(step.WorkingDirectory)
		}
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTIONS=true", "GITHUB_WORKSPACE="+workspace, "RUNNER_TEMP="+tmp,
			"GITHUB_OUTPUT="+outputFile, "GITHUB_STEP_SUMMARY="+summaryFile,
			"RAILWAY_API_TOKEN="+token, "GITHUB_TOKEN=")
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if step.ID == "run" {
			// failOn: dangerous is met: the step fails, as the job should,
			// after writing its outputs.
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Errorf("the run step exited %d, want 1 (a breaking change, failOn dangerous)\nstderr: %s", code, stderr.String())
			}
		} else if err != nil {
			t.Fatalf("step %q: %v\nstdout: %s\nstderr: %s", step.ID, err, stdout.String(), stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), token) {
			t.Errorf("step %q printed the token", step.ID)
		}
		ran++
	}
	if ran != 2 {
		t.Errorf("ran %d script steps, want 2 (build, run)", ran)
	}

	outputs := readFile(t, outputFile)
	if strings.Contains(outputs+readFile(t, summaryFile), token) {
		t.Error("the token is in the step's outputs or the job summary")
	}
	for _, want := range []string{"verdict=breaking\n", "breaking=3\n", "dangerous=4\n", "safe=28\n", "bump=major\n",
		"pull-request-url=\n", "pull-request-number=\n", "report-path=reports/demo/report.md\n", "changed=true\n"} {
		if !strings.Contains(outputs, want) {
			t.Errorf("GITHUB_OUTPUT does not hold %q:\n%s", want, outputs)
		}
	}
	for name, out := range a.Outputs {
		if want := "${{ steps.run.outputs." + name + " }}"; out.Value != want || !strings.Contains(outputs, "\n"+name+"=") && !strings.HasPrefix(outputs, name+"=") {
			t.Errorf("output %s: value %q, want %q written by the run step", name, out.Value, want)
		}
	}
	if summary := readFile(t, summaryFile); !strings.Contains(summary, "### demo") || !strings.Contains(summary, "Breaking changes") {
		t.Errorf("the job summary is not the report:\n%s", summary)
	}
	annotation := regexp.MustCompile(`(?m)^::error file=operations/demo/ProjectOverview\.graphql,line=\d+,col=\d+,title=Broken by [A-Z_]+ \S+::Operation ProjectOverview no longer validates`)
	if !annotation.MatchString(stdout.String()) {
		t.Errorf("no annotation on the broken operation:\n%s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(workspace, ".schemawatch", "dry-run", "demo", "body.md")); err != nil {
		t.Errorf("the dry run wrote no pull request: %v", err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
