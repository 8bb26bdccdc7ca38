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
	for _, g := range groupByFolder(ops, railwayFolders) {
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

// railwayFolders group an API by explicit keys (Config.Folders) the way
// Railway's documentation of its public API does: projects, services, deployments, variables, environments,
// domains, volumes, and the account, workspace and platform around them.
var railwayFolders = []Folder{
	{Name: "Account", Type: "User",
		Description: "The user behind the token: profile, preferences, API tokens, sessions, passkeys, two-factor authentication and SSH keys.",
		Keys:        []string{"me", "user", "apiToken", "passkey", "twoFactorInfo", "recoveryCode", "session", "loginSession", "sshPublicKey", "sshSignup", "preferences", "emailChange", "referralInfo", "providerAuth", "customer", "fairUse", "inviteCode"}},
	{Name: "Buckets", Type: "Bucket",
		Description: "S3-compatible object storage buckets and their credentials.",
		Keys:        []string{"bucket"}},
	{Name: "Deployments", Type: "Deployment",
		Description: "Deployments of a service: list them, read their build, runtime and HTTP logs, redeploy, restart, roll back, stop and remove them, and the triggers that start them.",
		Keys:        []string{"deployment", "buildLog", "httpLog"}},
	{Name: "Domains", Type: "Domain",
		Description: "Where services are reachable: generated service domains, custom domains and their DNS records, and TCP proxies.",
		Keys:        []string{"domain", "customDomain", "serviceDomain", "railwayDomain", "tcpProxy"}},
	{Name: "Environments", Type: "Environment",
		Description: "Environments of a project, such as production or a pull request's preview, and the changes staged in them.",
		Keys:        []string{"environment", "baseEnvironment"}},
	{Name: "Integrations", Type: "Integration",
		Description: "Connections to other services: GitHub repositories, Heroku and Vercel imports, Slack, and integrations in general.",
		Keys:        []string{"integration", "github", "gitHub", "heroku", "vercel", "slack"}},
	{Name: "Networking", Type: "PrivateNetwork",
		Description: "Private networks between services and egress gateways.",
		Keys:        []string{"privateNetwork", "egressGateway", "networkFlowLog", "dnsQueryLog"}},
	{Name: "Observability", Type: "ObservabilityDashboard",
		Description: "Metrics, dashboards, events, audit logs, notifications and usage.",
		Keys:        []string{"metric", "httpMetric", "httpDurationMetric", "observabilityDashboard", "event", "auditLog", "notification", "notificationRule", "webhook", "usage", "estimatedUsage", "usageLimit", "signal"}},
	{Name: "Plugins", Type: "Plugin",
		Description: "Plugins, the databases of projects from before templates.",
		Keys:        []string{"plugin"}},
	{Name: "Projects", Type: "Project",
		Description: "Projects, their members, invitations, tokens and transfers.",
		Keys:        []string{"project"}},
	{Name: "Sandboxes", Type: "Sandbox",
		Description: "Sandboxes, their sessions and checkpoints.",
		Keys:        []string{"sandbox"}},
	{Name: "Services", Type: "Service",
		Description: "Services and their instances in each environment: create, configure, connect, deploy and delete them.",
		Keys:        []string{"service", "serviceInstance", "dockerCompose"}},
	{Name: "Templates", Type: "Template",
		Description: "Templates: find, deploy, publish and manage them.",
		Keys:        []string{"template", "userTemplate", "teamTemplate", "workspaceTemplate"}},
	{Name: "Variables", Type: "Variable",
		Description: "Variables of services and environments: read, upsert and delete them.",
		Keys:        []string{"variable", "sharedVariable"}},
	{Name: "Volumes", Type: "Volume",
		Description: "Volumes, their instances in each environment, and their backups.",
		Keys:        []string{"volume", "volumeInstance"}},
	{Name: "Workspaces", Type: "Workspace",
		Description: "Workspaces (formerly teams), their members, policies and trusted domains.",
		Keys:        []string{"workspace", "team", "externalWorkspace", "trustedDomain"}},
}
