// Package watch runs schemawatch's cycle: introspect an API, compare it with
// the committed snapshot, and when it changed, regenerate everything and
// publish it as one pull request. It also holds the configuration of the
// watched APIs and the scheduler that runs cycles on a cron spec.
package watch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/outbound"
)

// Config is the content of a schemawatch.yaml: where to publish, and the
// APIs to watch.
type Config struct {
	GitHub GitHub `yaml:"github"`
	// Schedule is the cron spec `watch run --schedule` uses when the flag is
	// not given, e.g. "@hourly" or "0 * * * *".
	Schedule string `yaml:"schedule"`
	APIs     []API  `yaml:"apis"`

	// File is where the configuration was read from, for messages; empty
	// for a configuration made of command-line flags.
	File string `yaml:"-"`
}

// GitHub says where pull requests go.
type GitHub struct {
	// Repo is owner/name.
	Repo string `yaml:"repo"`
	// Base is the branch pull requests target (default main).
	Base string `yaml:"base"`
	// APIURL is a GitHub Enterprise Server API URL,
	// e.g. https://github.example.com/api/v3/; empty for github.com.
	APIURL string `yaml:"apiURL"`
	// TokenEnv names the environment variable holding the GitHub token
	// (default GITHUB_TOKEN).
	TokenEnv string `yaml:"tokenEnv"`
}

// API is one watched GraphQL API.
type API struct {
	// Name identifies the API in branch, file and log names ([a-z0-9-]).
	Name string `yaml:"name"`
	// Endpoint is the GraphQL endpoint (default Railway's).
	Endpoint string `yaml:"endpoint"`
	// TokenKind is how the token is sent: bearer (Authorization: Bearer) or
	// project (Project-Access-Token). Default bearer.
	TokenKind string `yaml:"tokenKind"`
	// TokenEnv names the environment variable holding the token (default
	// RAILWAY_API_TOKEN for bearer, RAILWAY_TOKEN for project tokens). The
	// token itself never appears in a configuration file.
	TokenEnv string `yaml:"tokenEnv"`
	// Headers are extra request headers; a value may refer to environment
	// variables as ${NAME}, which is how secrets get in.
	Headers map[string]string `yaml:"headers"`
	// SnapshotDir holds the committed snapshot (default snapshots/<name>).
	SnapshotDir string `yaml:"snapshotDir"`
	// GoPackage is the generated Go package; leave out to generate none.
	GoPackage *GoPackage `yaml:"goPackage"`
	// CollectionDir receives <collectionName>.postman_collection.json and
	// <collectionName>.insomnia.json (default collection; "-" for none).
	CollectionDir  string `yaml:"collectionDir"`
	CollectionName string `yaml:"collectionName"` // default <name>
	// CollectionEndpoint is the baseUrl the collections send requests to
	// (default: Endpoint).
	CollectionEndpoint string `yaml:"collectionEndpoint"`
	// ReportDir receives report.md and report.json, the full change report
	// the pull request body links to (default reports/<name>).
	ReportDir string `yaml:"reportDir"`
	// Branch is the pull request's branch (default schemawatch/<name>).
	Branch string `yaml:"branch"`
	// Labels always set on the pull request (default schema-change); a
	// breaking-change label is added when a change is breaking.
	Labels []string `yaml:"labels"`
	// Reviewers to request on the pull request.
	Reviewers []string `yaml:"reviewers"`
	// OperationsDir holds .graphql operations of a client; the report says
	// which of them a change breaks.
	OperationsDir string `yaml:"operationsDir"`
	// FailOn is the level at which `watch run` exits 1: breaking (default),
	// dangerous or none.
	FailOn string `yaml:"failOn"`
}

// GoPackage is where the generated Go types go.
type GoPackage struct {
	Dir  string `yaml:"dir"`
	Name string `yaml:"name"` // default: the last element of Dir
	// Bind maps scalars to Go types, e.g. DateTime: time.Time.
	Bind map[string]string `yaml:"bind"`
}

// Default configuration values.
const (
	DefaultBase     = "main"
	DefaultTokenEnv = "GITHUB_TOKEN"
	DefaultLabel    = "schema-change"
	BreakingLabel   = "breaking-change"
)

var (
	apiName     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	repoName    = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
	envVarName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	goIdent     = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	envRef      = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)
	headerToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	unknownKey  = regexp.MustCompile(`^(\d+): field (\S+) not found in type`)
)

// LoadConfig reads and checks a configuration file. Errors name the file,
// the line and the key.
func LoadConfig(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return ParseConfig(file, data)
}

// ParseConfig parses and checks configuration text; file names it in
// errors.
func ParseConfig(file string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg := strings.TrimPrefix(te.Errors[0], "line ")
			if m := unknownKey.FindStringSubmatch(msg); m != nil {
				return nil, fmt.Errorf("%s:%s: unknown key %q (misspelt? see the configuration keys in README.md)", file, m[1], m[2])
			}
			return nil, fmt.Errorf("%s:%s", file, msg)
		}
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	cfg.File = file
	if err := cfg.check(&root); err != nil {
		return nil, err
	}
	cfg.applyDefaults()
	return &cfg, nil
}

// NewConfig checks a configuration made in code, from the command line's
// flags: errors name the flags rather than keys of a file.
func NewConfig(gh GitHub, apis ...API) (*Config, error) {
	c := &Config{GitHub: gh, APIs: apis}
	if err := c.check(nil); err != nil {
		return nil, err
	}
	c.applyDefaults()
	return c, nil
}

// flagOf names the command-line flag that sets a configuration key, for a
// configuration made of flags.
var flagOf = map[string]string{
	"name": "--name", "endpoint": "--endpoint", "tokenKind": "--token-kind", "tokenEnv": "--token-env",
	"headers": "--header", "snapshotDir": "--snapshot-dir", "dir": "--go-out", "goPackage": "--go-out",
	"bind": "--bind", "collectionDir": "--collection-out", "collectionEndpoint": "--collection-endpoint",
	"reportDir": "--report-dir", "operationsDir": "--operations", "branch": "--branch", "failOn": "--fail-on",
	"repo": "--repo", "apiURL": "--github-url", "schedule": "--schedule",
}

// keyError is a problem with one key of the file, or one flag.
func (c *Config) keyError(root *yaml.Node, keyPath []any, format string, args ...any) error {
	if c.File == "" {
		return fmt.Errorf("%s: %s", flagFor(keyPath), fmt.Sprintf(format, args...))
	}
	key := formatKeyPath(keyPath)
	if line := lineOf(root, keyPath); line > 0 {
		return fmt.Errorf("%s:%d: %s: %s", c.File, line, key, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s: %s", c.File, key, fmt.Sprintf(format, args...))
}

// flagFor names the flag of a key path; the deepest key with a flag wins.
func flagFor(keyPath []any) string {
	for i := len(keyPath) - 1; i >= 0; i-- {
		if k, ok := keyPath[i].(string); ok {
			if k == "name" && i > 0 && keyPath[i-1] == "goPackage" {
				return "--go-package"
			}
			if f, ok := flagOf[k]; ok {
				return f
			}
		}
	}
	return formatKeyPath(keyPath)
}

func formatKeyPath(keyPath []any) string {
	var b strings.Builder
	for _, k := range keyPath {
		switch k := k.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", k)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, k)
		}
	}
	return b.String()
}

// lineOf finds the line of a key in the YAML tree; the deepest one found
// when the key itself is missing.
func lineOf(root *yaml.Node, keyPath []any) int {
	if root == nil {
		return 0
	}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keyPath {
		switch k := k.(type) {
		case int:
			if n.Kind != yaml.SequenceNode || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line = n.Content[i].Line
					n = n.Content[i+1]
					found = true
					break
				}
			}
			if !found {
				return line
			}
		}
		line = n.Line
	}
	return line
}

func (c *Config) check(root *yaml.Node) error {
	if c.GitHub.Repo != "" && !repoName.MatchString(c.GitHub.Repo) {
		return c.keyError(root, []any{"github", "repo"}, "%q is not owner/name", c.GitHub.Repo)
	}
	if err := checkURL(c.GitHub.APIURL, false); err != nil {
		return c.keyError(root, []any{"github", "apiURL"}, "%v", err)
	}
	if c.GitHub.TokenEnv != "" && !envVarName.MatchString(c.GitHub.TokenEnv) {
		return c.keyError(root, []any{"github", "tokenEnv"}, "%q is not an environment variable name (the token itself never goes in this file)", c.GitHub.TokenEnv)
	}
	if c.Schedule != "" {
		if _, err := ParseSchedule(c.Schedule); err != nil {
			return c.keyError(root, []any{"schedule"}, "%v", err)
		}
	}
	if len(c.APIs) == 0 {
		return c.keyError(root, []any{"apis"}, "no API to watch: add at least one entry with a name")
	}
	seen := map[string]bool{}
	branches := map[string]bool{}
	for i := range c.APIs {
		a := &c.APIs[i]
		at := func(key ...any) []any { return append([]any{"apis", i}, key...) }
		if !apiName.MatchString(a.Name) {
			return c.keyError(root, at("name"), "%q: want lowercase letters, digits and dashes", a.Name)
		}
		if seen[a.Name] {
			return c.keyError(root, at("name"), "%q is used by two APIs", a.Name)
		}
		seen[a.Name] = true
		if err := checkURL(a.Endpoint, true); err != nil {
			return c.keyError(root, at("endpoint"), "%v", err)
		}
		if err := checkURL(a.CollectionEndpoint, false); err != nil {
			return c.keyError(root, at("collectionEndpoint"), "%v (it is written into the collections)", err)
		}
		if a.TokenKind != "" {
			if _, err := introspect.ParseTokenKind(a.TokenKind); err != nil {
				return c.keyError(root, at("tokenKind"), "%v", err)
			}
		}
		if a.TokenEnv != "" && !envVarName.MatchString(a.TokenEnv) {
			return c.keyError(root, at("tokenEnv"), "%q is not an environment variable name (the token itself never goes in this file)", a.TokenEnv)
		}
		for name := range a.Headers {
			if !headerToken.MatchString(name) {
				return c.keyError(root, at("headers", name), "%q is not a valid header name", name)
			}
		}
		for key, dir := range map[string]string{"snapshotDir": a.SnapshotDir, "collectionDir": a.CollectionDir, "reportDir": a.ReportDir, "operationsDir": a.OperationsDir} {
			if dir != "" && dir != "-" && !localPath(dir) {
				return c.keyError(root, at(key), "%q must be a relative path inside the repository", dir)
			}
		}
		if g := a.GoPackage; g != nil {
			if g.Dir == "" || !localPath(g.Dir) {
				return c.keyError(root, at("goPackage", "dir"), "%q must be a relative path inside the repository", g.Dir)
			}
			if g.Name != "" && !goIdent.MatchString(g.Name) {
				return c.keyError(root, at("goPackage", "name"), "%q is not a Go package name", g.Name)
			}
			for scalar, goType := range g.Bind {
				if !strings.Contains(goType, ".") {
					return c.keyError(root, at("goPackage", "bind", scalar), "%q: want importpath.Type, e.g. time.Time", goType)
				}
			}
		}
		switch a.FailOn {
		case "", "breaking", "dangerous", "none":
		default:
			return c.keyError(root, at("failOn"), "%q: want breaking, dangerous or none", a.FailOn)
		}
		branch := a.Branch
		if branch == "" {
			branch = "schemawatch/" + a.Name
		}
		if branches[branch] {
			return c.keyError(root, at("branch"), "%q is used by two APIs: each needs its own pull request branch", branch)
		}
		branches[branch] = true
	}
	return nil
}

// checkURL is the one check of a URL setting: empty (for the default), or
// an http(s) URL with a host. Only an endpoint may carry user information
// or a query string (?api_key=…): the others are written into files or
// used to build further URLs. Its error never quotes either.
func checkURL(raw string, secretsAllowed bool) error {
	if raw == "" {
		return nil
	}
	u, err := outbound.ParseHTTPURL(raw)
	if err != nil {
		return err
	}
	if !secretsAllowed && (u.User != nil || u.RawQuery != "" || u.Fragment != "") {
		return fmt.Errorf("%s: want a URL without user information, query or fragment", outbound.SafeURL(raw))
	}
	return nil
}

// localPath reports whether p is a relative, slash-separated path that
// stays inside the repository.
func localPath(p string) bool {
	clean := path.Clean(p)
	return !path.IsAbs(p) && clean != ".." && !strings.HasPrefix(clean, "../")
}

func (c *Config) applyDefaults() {
	if c.GitHub.Base == "" {
		c.GitHub.Base = DefaultBase
	}
	if c.GitHub.TokenEnv == "" {
		c.GitHub.TokenEnv = DefaultTokenEnv
	}
	for i := range c.APIs {
		c.APIs[i].applyDefaults()
	}
}

func (a *API) applyDefaults() {
	if a.Endpoint == "" {
		a.Endpoint = introspect.DefaultEndpoint
	}
	// TokenKind stays empty when not set: naming it is what allows a token
	// from the environment to go to a host that is not Railway's.
	if a.TokenEnv == "" {
		a.TokenEnv = introspect.TokenKind(a.TokenKind).EnvVar()
	}
	if a.SnapshotDir == "" {
		a.SnapshotDir = "snapshots/" + a.Name
	}
	if a.CollectionDir == "" {
		a.CollectionDir = "collection"
	}
	if a.CollectionName == "" {
		a.CollectionName = a.Name
	}
	if a.ReportDir == "" {
		a.ReportDir = "reports/" + a.Name
	}
	if a.Branch == "" {
		a.Branch = "schemawatch/" + a.Name
	}
	if len(a.Labels) == 0 {
		a.Labels = []string{DefaultLabel}
	}
	if a.FailOn == "" {
		a.FailOn = "breaking"
	}
	if a.GoPackage != nil && a.GoPackage.Name == "" {
		a.GoPackage.Name = path.Base(path.Clean(a.GoPackage.Dir))
	}
}

// ExpandHeaders returns the API's headers with ${NAME} references replaced
// by the environment's values. A reference to an unset variable is an error,
// naming the variable, never a value.
func (a *API) ExpandHeaders(getenv func(string) string) (map[string]string, error) {
	out := make(map[string]string, len(a.Headers))
	for name, value := range a.Headers {
		var missing string
		expanded := envRef.ReplaceAllStringFunc(value, func(ref string) string {
			v := getenv(ref[2 : len(ref)-1])
			if v == "" && missing == "" {
				missing = ref[2 : len(ref)-1]
			}
			return v
		})
		if missing != "" {
			return nil, fmt.Errorf("API %s: header %s refers to ${%s}, which is not set", a.Name, name, missing)
		}
		out[name] = expanded
	}
	return out, nil
}
