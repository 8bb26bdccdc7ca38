package collection

import (
	"slices"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

func TestGroupByFolder(t *testing.T) {
	want := map[string]string{
		"project":                       "Projects",
		"projects":                      "Projects",
		"projectCreate":                 "Projects",
		"projectToken":                  "Projects",
		"service":                       "Services",
		"serviceInstanceDeployV2":       "Services",
		"purgeServiceCache":             "Services",
		"serviceDomainCreate":           "Domains",
		"customDomain":                  "Domains",
		"tcpProxies":                    "Domains",
		"deploymentLogs":                "Deployments",
		"buildLogs":                     "Deployments",
		"httpLogs":                      "Deployments",
		"httpMetrics":                   "Observability",
		"environmentLogs":               "Environments",
		"variablesForServiceDeployment": "Variables",
		"volumeInstanceBackupList":      "Volumes",
		"userTemplates":                 "Templates",
		"me":                            "Account",
		"metrics":                       "Observability",
		"regions":                       "Other",
		"node":                          "Other",
	}
	var ops []*operation
	for _, name := range []string{"regions", "node", "project", "projects", "projectCreate", "projectToken", "service",
		"serviceInstanceDeployV2", "purgeServiceCache", "serviceDomainCreate", "customDomain", "tcpProxies",
		"deploymentLogs", "buildLogs", "httpLogs", "httpMetrics", "environmentLogs", "variablesForServiceDeployment",
		"volumeInstanceBackupList", "userTemplates", "me", "metrics"} {
		ops = append(ops, &operation{Type: opQuery, Field: &schema.Field{Name: name}})
	}
	var folders []string
	for _, g := range groupByFolder(ops, DefaultFolders) {
		folders = append(folders, g.folder.Name)
		for _, op := range g.ops {
			if want[op.Field.Name] != g.folder.Name {
				t.Errorf("%s is in %s, want %s", op.Field.Name, g.folder.Name, want[op.Field.Name])
			}
		}
	}
	// Sorted, Other last, no empty folder.
	if wantFolders := []string{"Account", "Deployments", "Domains", "Environments", "Observability", "Projects",
		"Services", "Templates", "Variables", "Volumes", "Other"}; !slices.Equal(folders, wantFolders) {
		t.Errorf("folders %q, want %q", folders, wantFolders)
	}
}

func TestStartsWithKey(t *testing.T) {
	for _, tc := range []struct {
		words, key []string
		want       bool
	}{
		{[]string{"project"}, []string{"project"}, true},
		{[]string{"projects", "by", "ids"}, []string{"project"}, true},
		{[]string{"tcp", "proxies"}, []string{"tcp", "proxy"}, true},
		{[]string{"tcp", "proxy"}, []string{"tcp", "proxy"}, true},
		{[]string{"tcps", "proxy"}, []string{"tcp", "proxy"}, false},
		{[]string{"projection"}, []string{"project"}, false},
		{[]string{"service"}, []string{"service", "domain"}, false},
	} {
		if got := startsWithKey(tc.words, tc.key); got != tc.want {
			t.Errorf("startsWithKey(%q, %q) = %v, want %v", tc.words, tc.key, got, tc.want)
		}
	}
}
