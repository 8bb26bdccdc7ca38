package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestRepositoryConfig: this repository's own configuration is valid.
func TestRepositoryConfig(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(testcorpus.ModuleRoot(t), "schemawatch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.APIs) == 0 || cfg.APIs[0].Name != "railway" {
		t.Errorf("APIs %+v", cfg.APIs)
	}
}

// TestReadmeConfigExample: the configuration README.md shows is valid.
func TestReadmeConfigExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testcorpus.ModuleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "### schemawatch.yaml\n\n")
	if !ok {
		t.Fatal("README.md has no schemawatch.yaml section")
	}
	var block []string
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "    ") && line != "" {
			break
		}
		block = append(block, strings.TrimPrefix(line, "    "))
	}
	if _, err := ParseConfig("README.md example", []byte(strings.Join(block, "\n"))); err != nil {
		t.Errorf("the README's example does not load: %v", err)
	}
}

// TestWorkflowRunsEveryConfiguredAPI: the scheduled workflow has a job for
// each API of the configuration, the permissions the publisher needs, and
// runs one cycle.
func TestWorkflowRunsEveryConfiguredAPI(t *testing.T) {
	root := testcorpus.ModuleRoot(t)
	cfg, err := LoadConfig(filepath.Join(root, "schemawatch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, ".github", "workflows", "schema-watch.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Strategy struct {
				Matrix struct {
					API []string `yaml:"api"`
				} `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	job := wf.Jobs["watch"]
	var names []string
	for _, a := range cfg.APIs {
		names = append(names, a.Name)
	}
	if !slices.Equal(sorted(job.Strategy.Matrix.API), sorted(names)) {
		t.Errorf("the workflow's matrix %v is not the configuration's APIs %v", job.Strategy.Matrix.API, names)
	}
	for _, p := range []string{"contents", "pull-requests", "issues"} {
		if wf.Permissions[p] != "write" {
			t.Errorf("permissions.%s = %q, want write", p, wf.Permissions[p])
		}
	}
	if _, ok := wf.On["schedule"]; !ok {
		t.Error("the workflow is not scheduled")
	}
	if _, ok := wf.On["workflow_dispatch"]; !ok {
		t.Error("the workflow cannot be run by hand")
	}
	ran := false
	for _, s := range job.Steps {
		// The repository's own action (action.yml) runs watch run --once.
		if strings.Contains(s.Run, "./cmd/watch run --once") || s.Uses == "./" {
			ran = true
			for _, api := range cfg.APIs {
				if _, ok := s.Env[api.TokenEnv]; !ok {
					t.Errorf("the step does not pass %s", api.TokenEnv)
				}
			}
		}
	}
	if !ran {
		t.Error("no step runs watch run --once or the repository's action")
	}
}
