package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWithheldTokenMessage: a token set in the environment but withheld
// from a host that is not Railway's is named, with the flag that sends it —
// not the advice to set the variable that is already set.
func TestWithheldTokenMessage(t *testing.T) {
	url := demoEndpoint(t)
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"RAILWAY_API_TOKEN": token}, "RAILWAY_API_TOKEN is set but not sent to 127.0.0.1 (not a Railway host); pass --token-kind bearer to send it"},
		{map[string]string{"RAILWAY_TOKEN": token}, "RAILWAY_TOKEN is set but not sent to 127.0.0.1 (not a Railway host); pass --token-kind project to send it"},
	}
	for _, tt := range tests {
		r := runCmd(t, tt.env, "--endpoint", url)
		if r.code != 3 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("exit %d, stderr %q; want 3 and %q", r.code, r.stderr, tt.want)
		}
	}
}

// TestEndpointSecretsNeverPrinted: an endpoint whose query string holds a
// key is never printed whole: not when it cannot be parsed (a usage
// error), not when the server cannot be reached.
func TestEndpointSecretsNeverPrinted(t *testing.T) {
	const key = "endpoint-key-secret"
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	tests := []struct {
		endpoint string
		code     int
		want     string
	}{
		{"http://127.0.0.1:1/gr%zz?api_key=" + key, 2, "--endpoint: not a valid URL: it has a % not followed by two hex digits"},
		{"ftp://user:" + key + "@example.com/?api_key=" + key, 2, "--endpoint: ftp://example.com/ is not an http(s) URL"},
		{downURL + "/graphql?api_key=" + key, 3, "could not reach " + downURL + "/graphql after 1 attempt(s)"},
	}
	for _, tt := range tests {
		r := runCmd(t, nil, "--endpoint", tt.endpoint, "--retries", "0")
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.endpoint, r.code, r.stderr, tt.code, tt.want)
		}
		if strings.Contains(r.stdout+r.stderr, key) {
			t.Errorf("%s: the key was printed: %s", tt.endpoint, r.stderr)
		}
	}
}
