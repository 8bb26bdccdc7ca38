package watch

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/publish"
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
	// CollectionAuth is how the collections' requests authenticate:
	// bearer, header:NAME (an API key header), none, or railway (a bearer
	// token, or a project token in a Project-Access-Token header). Default:
	// railway for Railway's endpoints, bearer for any other. Headers whose
	// value names no ${VAR} are carried into the collections too, as
	// variables; a value from the environment is a secret and never is.
	CollectionAuth string `yaml:"collectionAuth"`
	// ReportDir receives report.md and report.json, the full change report
	// the pull request body links to (default reports/<name>).
	ReportDir string `yaml:"reportDir"`
	// HistoryDir receives the API's history (docs/history.md), kept
	// current by every cycle that takes a new snapshot (default
	// history/<name>; "-" for none). Its own directory, so that
	// `watch history` can backfill it.
	HistoryDir string `yaml:"historyDir"`
	// Branch is the pull request's branch (default schemawatch/<name>).
	Branch string `yaml:"branch"`
	// Labels always set on the pull request (default schema-change); the
	// publisher adds and removes its managed labels (publish.LabelBreaking,
	// publish.LabelDangerous) as the verdict changes.
	Labels []string `yaml:"labels"`
	// Reviewers to request on the pull request.
	Reviewers []string `yaml:"reviewers"`
	// OperationsDir holds .graphql operations of a client; the report says
	// which of them a change breaks.
	OperationsDir string `yaml:"operationsDir"`
	// FailOn is the level at which `watch run` exits 1: breaking (default),
	// dangerous or none.
	FailOn diff.Threshold `yaml:"failOn"`
	// AllowMassRemoval publishes a change that removes more than half of
	// the schema's types or fields; without it such a change is held back
	// as suspect (a proxy or an outage answering for the API, not a real
	// release).
	AllowMassRemoval bool `yaml:"allowMassRemoval"`
	// Notify lists where to announce a pull request opened, or its
	// verdict changed: Slack incoming webhooks and generic JSON webhooks,
	// each URL read from the environment variable urlEnv names.
	Notify []notify.Destination `yaml:"notify"`
}

// CollectionConfig is what the API's collections are generated with,
// endpoint being where the schema was fetched from.
func (a API) CollectionConfig(endpoint string) collection.Config {
	auth, _ := collection.ParseAuth(a.CollectionAuth) // checked at load
	cfg := collection.Config{Name: a.CollectionName, Endpoint: cmp.Or(a.CollectionEndpoint, endpoint), Auth: auth}
	for name, value := range a.Headers {
		if strings.Contains(value, "${") || collection.CarriesCredentials(name) ||
			(auth.Kind == collection.AuthHeader && strings.EqualFold(name, auth.Header)) {
			continue // from the environment, or credentials: a secret
		}
		if cfg.Headers == nil {
			cfg.Headers = map[string]string{}
		}
		cfg.Headers[name] = value
	}
	return cfg
}

// GoPackage is where the generated Go types go.
type GoPackage struct {
	Dir  string `yaml:"dir"`
	Name string `yaml:"name"` // default: the last element of Dir
	// Bind maps scalars to Go types, e.g. DateTime: time.Time.
	Bind map[string]string `yaml:"bind"`
	// Spellings are brand spellings Go names use besides the defaults
	// (codegen.DefaultSpellings), e.g. [PlayStation].
	Spellings []string `yaml:"spellings"`
}

// Default configuration values.
const (
	DefaultBase     = "main"
	DefaultTokenEnv = "GITHUB_TOKEN"
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
	cfg := &Config{File: file}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	// Settings read by a parser of their own are checked on the tree first,
	// where their line is known.
	if err := cfg.checkParsedScalars(&root); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, cfg.decodeError(&root, err)
	}
	cfg.File = file
	if err := cfg.check(&root); err != nil {
		return nil, err
	}
	return cfg, nil
}

// NewConfig checks a configuration made in code, from the command line's
// flags: errors name the flags rather than keys of a file.
func NewConfig(gh GitHub, apis ...API) (*Config, error) {
	c := &Config{GitHub: gh, APIs: apis}
	if err := c.check(nil); err != nil {
		return nil, err
	}
	return c, nil
}

// SetGitHub overrides the GitHub settings with gh's non-empty fields, as
// the command line's --repo, --base and --github-url do, and checks them
// as the file's are checked.
func (c *Config) SetGitHub(gh GitHub) error {
	if gh.Repo != "" {
		c.GitHub.Repo = gh.Repo
	}
	if gh.Base != "" {
		c.GitHub.Base = gh.Base
	}
	if gh.APIURL != "" {
		c.GitHub.APIURL = gh.APIURL
	}
	if gh.TokenEnv != "" {
		c.GitHub.TokenEnv = gh.TokenEnv
	}
	file := c.File
	c.File = "" // errors name the flags
	defer func() { c.File = file }()
	if err := c.checkGitHub(nil); err != nil {
		return err
	}
	return c.checkBranches(nil)
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
	if a.HistoryDir == "" {
		a.HistoryDir = "history/" + a.Name
	}
	if a.Branch == "" {
		a.Branch = "schemawatch/" + a.Name
	}
	if len(a.Labels) == 0 {
		a.Labels = []string{publish.LabelSchemaChange}
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
			return nil, fmt.Errorf("API %s: header %s refers to ${%s}, which is not set: set it in the environment, or remove the header from the configuration", a.Name, name, missing)
		}
		out[name] = expanded
	}
	return out, nil
}
