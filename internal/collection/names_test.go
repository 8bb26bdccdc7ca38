package collection

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"me", []string{"me"}},
		{"projectCreate", []string{"project", "Create"}},
		{"githubPRInfo", []string{"github", "PR", "Info"}},
		{"volumeInstancePITRRestore", []string{"volume", "Instance", "PITR", "Restore"}},
		{"bucketS3Credentials", []string{"bucket", "S3", "Credentials"}},
		{"serviceInstanceDeployV2", []string{"service", "Instance", "Deploy", "V2"}},
		{"snake_case_name", []string{"snake", "case", "name"}},
		{"JSON", []string{"JSON"}},
		{"BigInt", []string{"Big", "Int"}},
	} {
		if got := words(tc.name); !slices.Equal(got, tc.want) {
			t.Errorf("words(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestReadable(t *testing.T) {
	for name, want := range map[string]string{
		"me":                        "Me",
		"projectCreate":             "Project create",
		"dnsQueryLogs":              "DNS query logs",
		"apiTokens":                 "API tokens",
		"githubPRInfo":              "Github PR info",
		"projectsByIds":             "Projects by IDs",
		"volumeInstancePITRRestore": "Volume instance PITR restore",
		"serviceInstanceDeployV2":   "Service instance deploy V2",
		"httpLogs":                  "HTTP logs",
	} {
		if got := readable(name); got != want {
			t.Errorf("readable(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRequestNamesMarkWhatNamesCannotTell(t *testing.T) {
	s := loadSchema(t, "testdata/edges.graphql")
	names := map[string]string{}
	for op, name := range requestNames(operations(s, DefaultDepth)) {
		names[string(op.Type)+" "+op.Field.Name] = name
	}
	for op, want := range map[string]string{
		"query gamma":               "Gamma",
		"mutation gamma":            "Gamma (mutation)",
		"mutation alphaCreate":      "Alpha create",
		"subscription alphaChanged": "Alpha changed (subscription)",
		"query legacy":              "Legacy (deprecated)",
	} {
		if names[op] != want {
			t.Errorf("%s is named %q, want %q", op, names[op], want)
		}
	}
}
