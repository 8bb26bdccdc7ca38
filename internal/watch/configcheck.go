package watch

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/lazyregexp"
	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/publish"
)

var (
	apiName     = lazyregexp.New(`^[a-z0-9][a-z0-9-]*$`)
	repoName    = lazyregexp.New(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
	envVarName  = lazyregexp.New(`^[A-Za-z_][A-Za-z0-9_]*$`)
	goIdent     = lazyregexp.New(`^[a-z_][a-z0-9_]*$`)
	envRef      = lazyregexp.New(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)
	headerToken = lazyregexp.New("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
)

// check checks the whole configuration and fills in the defaults; the
// checks that compare APIs with each other (output directories, branches)
// run on the defaulted values, since a default can collide too.
func (c *Config) check(root *yaml.Node) error {
	if err := c.checkGitHub(root); err != nil {
		return err
	}
	if c.Schedule != "" {
		if _, err := ParseSchedule(c.Schedule); err != nil {
			return c.keyError(root, []any{"schedule"}, "%v", err)
		}
	}
	if len(c.APIs) == 0 {
		return c.keyError(root, []any{"apis"}, "no API to watch: add at least one entry with a name")
	}
	for i := range c.APIs {
		if err := c.checkAPI(root, i); err != nil {
			return err
		}
	}
	c.applyDefaults()
	if err := c.checkBranches(root); err != nil {
		return err
	}
	return c.checkOutputDirs(root)
}

func (c *Config) checkGitHub(root *yaml.Node) error {
	if c.GitHub.Repo != "" && !repoName.MatchString(c.GitHub.Repo) {
		return c.keyError(root, []any{"github", "repo"}, "%q is not owner/name", c.GitHub.Repo)
	}
	if c.GitHub.Base != "" {
		if err := publish.CheckBranchName(c.GitHub.Base); err != nil {
			return c.keyError(root, []any{"github", "base"}, "%v", err)
		}
	}
	if err := checkURL(c.GitHub.APIURL, false); err != nil {
		return c.keyError(root, []any{"github", "apiURL"}, "%v", err)
	}
	if c.GitHub.TokenEnv != "" && !envVarName.MatchString(c.GitHub.TokenEnv) {
		return c.keyError(root, []any{"github", "tokenEnv"}, "%q is not an environment variable name (the token itself never goes in this file)", c.GitHub.TokenEnv)
	}
	return nil
}

// checkAPI checks what can be checked of one API on its own.
func (c *Config) checkAPI(root *yaml.Node, i int) error {
	a := &c.APIs[i]
	at := func(key ...any) []any { return append([]any{"apis", i}, key...) }
	if !apiName.MatchString(a.Name) {
		return c.keyError(root, at("name"), "%q: want lowercase letters, digits and dashes", a.Name)
	}
	if slices.ContainsFunc(c.APIs[:i], func(b API) bool { return b.Name == a.Name }) {
		return c.keyError(root, at("name"), "%q is used by two APIs", a.Name)
	}
	for _, check := range []func(root *yaml.Node, a *API, at func(...any) []any) error{
		c.checkConnection, c.checkPaths, c.checkGoPackage, c.checkPullRequest, c.checkNotify,
	} {
		if err := check(root, a, at); err != nil {
			return err
		}
	}
	return nil
}

// checkConnection checks how the API is reached: its endpoints, token and
// headers.
func (c *Config) checkConnection(root *yaml.Node, a *API, at func(...any) []any) error {
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
	if _, err := collection.ParseAuth(a.CollectionAuth); err != nil {
		return c.keyError(root, at("collectionAuth"), "%v", err)
	}
	return nil
}

// checkGoPackage checks the generated package's directory, name and
// bindings, the last with the parser code generation uses.
func (c *Config) checkGoPackage(root *yaml.Node, a *API, at func(...any) []any) error {
	g := a.GoPackage
	if g == nil {
		return nil
	}
	if g.Dir == "" {
		return c.keyError(root, at("goPackage", "dir"), "missing: the directory of the generated package, e.g. railwayapi")
	}
	if err := checkOutputDir(g.Dir); err != nil {
		return c.keyError(root, at("goPackage", "dir"), "%v", err)
	}
	if g.Name != "" && !goIdent.MatchString(g.Name) {
		return c.keyError(root, at("goPackage", "name"), "%q is not a Go package name", g.Name)
	}
	for scalar, goType := range g.Bind {
		if _, err := codegen.ParseGoType(goType); err != nil {
			return c.keyError(root, at("goPackage", "bind", scalar), "%v", err)
		}
	}
	for i, w := range g.Spellings {
		if err := codegen.CheckSpelling(w); err != nil {
			return c.keyError(root, at("goPackage", "spellings", i), "%v", err)
		}
	}
	return nil
}

// checkPullRequest checks the pull request's branch and labels.
func (c *Config) checkPullRequest(root *yaml.Node, a *API, at func(...any) []any) error {
	if a.Branch != "" {
		if err := publish.CheckBranchName(a.Branch); err != nil {
			return c.keyError(root, at("branch"), "%v", err)
		}
	}
	for _, label := range a.Labels {
		if label == "" {
			return c.keyError(root, at("labels"), "an empty label")
		}
	}
	return nil
}

// checkBranches checks that each API has a pull request branch of its own,
// which is not the base branch.
func (c *Config) checkBranches(root *yaml.Node) error {
	owner := map[string]int{}
	for i, a := range c.APIs {
		if _, taken := owner[a.Branch]; taken {
			return c.keyError(root, []any{"apis", i, "branch"}, "%q is used by two APIs: each needs its own pull request branch", a.Branch)
		}
		owner[a.Branch] = i
		if a.Branch == c.GitHub.Base {
			return c.keyError(root, []any{"apis", i, "branch"}, "%q is also the base branch (github.base): schemawatch needs a branch of its own", a.Branch)
		}
	}
	return nil
}

// checkParsedScalars checks, on the YAML tree, the settings that have a
// parser of their own (failOn), so that an error names the line: the YAML
// decoder reports a parser's error without it.
func (c *Config) checkParsedScalars(root *yaml.Node) error {
	apis := mappingValue(documentRoot(root), "apis")
	if apis == nil || apis.Kind != yaml.SequenceNode {
		return nil
	}
	for i, api := range apis.Content {
		if v := mappingValue(api, "failOn"); v != nil && v.Kind == yaml.ScalarNode {
			if _, err := diff.ParseThreshold(v.Value); err != nil {
				return c.keyError(root, []any{"apis", i, "failOn"}, "%v", err)
			}
		}
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
