package collection

import (
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
)

func TestConfigErrors(t *testing.T) {
	const secret = "s3cr3t-token"
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"a name that is no file name", Config{Name: "../etc"}, "it becomes a file name"},
		{"a relative endpoint", Config{Endpoint: "/graphql"}, "absolute http:// or https:// URL"},
		{"an endpoint of another scheme", Config{Endpoint: "ftp://example.com/graphql"}, "absolute http:// or https:// URL"},
		{"a password in the endpoint", Config{Endpoint: "https://user:" + secret + "@example.com/graphql"}, "may hold a secret"},
		{"a token in the query", Config{Endpoint: "https://example.com/graphql?token=" + secret}, "may hold a secret"},
		{"a token in the fragment", Config{Endpoint: "https://example.com/graphql#" + secret}, "may hold a secret"},
		{"a negative depth", Config{Depth: -2}, "want 0 or more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, err := Generate(demo.Schema(demo.V2), tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Generate: %v, want an error saying %q", err, tc.want)
			}
			if files != nil {
				t.Error("Generate returned files with an error")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error repeats the secret: %v", err)
			}
		})
	}
}

func TestZeroConfigIsRailways(t *testing.T) {
	files, err := Generate(demo.Schema(demo.V2), Config{})
	if err != nil {
		t.Fatal(err)
	}
	postman, insomnia := FileNames(DefaultName)
	if !strings.Contains(string(files[postman]), `"value": "`+DefaultEndpoint+`"`) || files[insomnia] == nil {
		t.Errorf("the zero Config does not give %s and %s with baseUrl %s", postman, insomnia, DefaultEndpoint)
	}
}
