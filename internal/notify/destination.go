package notify

import (
	"fmt"
	"strings"

	"github.com/schemawatch/schemawatch/internal/lazyregexp"
)

// Kind is what a destination receives: Slack's Block Kit message, or the
// generic webhook's JSON.
type Kind string

// The kinds of destination.
const (
	KindSlack   Kind = "slack"
	KindWebhook Kind = "webhook"
)

// ParseKind is the one parser of a destination's kind, for the
// configuration's type: key and the --notify flag alike.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindSlack, KindWebhook:
		return k, nil
	}
	return "", fmt.Errorf("notification type %q: want slack or webhook", s)
}

// Payload builds what a destination of kind k receives.
func Payload(k Kind, in Input) ([]byte, error) {
	switch k {
	case KindSlack:
		return Slack(in)
	case KindWebhook:
		return Webhook(in)
	}
	return nil, fmt.Errorf("notification type %q: want slack or webhook", k)
}

// Destination is where one notification goes: its kind, and the
// environment variable holding its URL. The URL is a secret — a Slack
// webhook's path is its key — so it is never written in a configuration,
// a flag, a log line or an error: only the variable's name is.
type Destination struct {
	Type   Kind   `yaml:"type"`
	URLEnv string `yaml:"urlEnv"`
}

func (d Destination) String() string { return string(d.Type) + "=" + d.URLEnv }

var envVarName = lazyregexp.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Check checks the destination's kind and variable name.
func (d Destination) Check() error {
	if _, err := ParseKind(string(d.Type)); err != nil {
		return err
	}
	if d.URLEnv == "" {
		return fmt.Errorf("a %s notification needs urlEnv: the environment variable holding its URL", d.Type)
	}
	if !envVarName.MatchString(d.URLEnv) {
		return fmt.Errorf("%q is not an environment variable name (the webhook URL is a secret: put it in the environment and name the variable here)", d.URLEnv)
	}
	return nil
}

// ParseDestination parses a --notify flag's value: KIND=ENVVAR, e.g.
// slack=SLACK_WEBHOOK_URL.
func ParseDestination(s string) (Destination, error) {
	kind, env, ok := strings.Cut(s, "=")
	if !ok {
		return Destination{}, fmt.Errorf("%q: want slack=ENVVAR or webhook=ENVVAR, naming the environment variable that holds the URL", s)
	}
	k, err := ParseKind(kind)
	if err != nil {
		return Destination{}, err
	}
	d := Destination{Type: k, URLEnv: strings.TrimSpace(env)}
	if strings.Contains(d.URLEnv, "://") {
		// Not quoted: it is the secret itself.
		return Destination{}, fmt.Errorf("%s=…: give the name of the environment variable holding the URL, not the URL (it is a secret)", k)
	}
	return d, d.Check()
}
