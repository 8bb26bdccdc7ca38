package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/publish"
)

// The cycle's last step: telling people. A notification goes out when a
// pull request is opened, or when a run changes its verdict. The previous
// verdict is read from the open pull request's verdict labels
// (publish.LabelBreaking, publish.LabelDangerous) as the run found them:
// the publisher keeps them in step with the verdict on every run, GitHub
// holds them (no state of our own to lose or to go stale), and a person
// removing one by hand gets a fresh notification, which is right. A run
// that changes nothing, or only the pull request's text, sends nothing. A
// dry run records what it would send under its directory instead.
//
// A notification that fails is logged and counted in the outcome; it never
// fails the cycle, since the pull request is what matters and is already
// published.

// Notifier sends an API's notifications, or records them for a dry run.
type Notifier struct {
	// Sender posts them; nil for a dry run, which writes each payload into
	// the dry run's directory, under notifications/.
	Sender *notify.Sender
	// Getenv reads the destinations' URLs.
	Getenv func(string) string
}

// NotifyError is a notification that could not be sent.
type NotifyError struct {
	API         string
	Destination notify.Destination
	Err         error
}

func (e *NotifyError) Error() string {
	return fmt.Sprintf("%s: notify %s: %v", e.API, e.Destination, e.Err)
}
func (e *NotifyError) Unwrap() error { return e.Err }

// notify sends the outcome's notifications when it calls for them.
func (c *Cycle) notify(ctx context.Context, api API, out Outcome) Outcome {
	if c.Notifier == nil || len(api.Notify) == 0 || !calledFor(out) {
		return out
	}
	log := c.log().With("api", api.Name)
	in := notify.Input{API: api.Name, Report: out.Report, PullRequestURL: out.Published.URL}
	for _, d := range api.Notify {
		err := c.Notifier.send(ctx, d, in, out.Published.Dir)
		if err != nil {
			err = &NotifyError{API: api.Name, Destination: d, Err: err}
			log.Warn("notification failed; the pull request is published", "notify", d.String(), "error", err.Error())
			out.NotifyErrors = append(out.NotifyErrors, err)
			continue
		}
		out.Notified = append(out.Notified, d.String())
		log.Info("notified", "notify", d.String(), "dry_run", c.Notifier.Sender == nil)
	}
	return out
}

// calledFor reports whether an outcome calls for notifications: a schema
// change whose pull request was opened (or written by a dry run), or whose
// verdict labels changed.
func calledFor(out Outcome) bool {
	if !out.Changed {
		return false
	}
	switch out.Published.Action {
	case publish.Created, publish.DryRunWritten:
		return true
	case publish.Updated:
		return out.Published.ManagedLabelsChanged
	}
	return false
}

func (n *Notifier) send(ctx context.Context, d notify.Destination, in notify.Input, dryRunDir string) error {
	payload, err := notify.Payload(d.Type, in)
	if err != nil {
		return err
	}
	if n.Sender == nil {
		if dryRunDir == "" {
			return nil
		}
		name := fmt.Sprintf("%s-%s.json", d.Type, d.URLEnv)
		return fsatomic.WriteFile(filepath.Join(dryRunDir, "notifications", name), payload, 0o644)
	}
	url := n.Getenv(d.URLEnv)
	if url == "" {
		return fmt.Errorf("%s is not set: set it to the %s webhook's URL, or remove this destination", d.URLEnv, d.Type)
	}
	if err := n.Sender.Send(ctx, url, payload); err != nil {
		return fmt.Errorf("the URL in %s: %w", d.URLEnv, err)
	}
	return nil
}

// notifySecrets are the notification URLs of cfg and their parts, for the
// redactor: a Slack webhook's key is its path.
func notifySecrets(cfg *Config, getenv func(string) string) []string {
	var secrets []string
	for _, api := range cfg.APIs {
		for _, d := range api.Notify {
			raw := getenv(d.URLEnv)
			if raw == "" {
				continue
			}
			secrets = append(secrets, raw)
			secrets = append(secrets, outbound.URLSecrets(raw)...)
			if _, rest, ok := strings.Cut(raw, "://"); ok {
				if _, path, ok := strings.Cut(rest, "/"); ok && len(path) > 1 {
					secrets = append(secrets, "/"+path)
				}
			}
		}
	}
	return secrets
}

// checkNotify checks an API's notification destinations.
func (c *Config) checkNotify(root *yaml.Node, a *API, at func(...any) []any) error {
	for i, d := range a.Notify {
		kind, err := notify.ParseKind(string(d.Type))
		if err != nil {
			return c.keyError(root, at("notify", i, "type"), "%v", err)
		}
		a.Notify[i].Type = kind // "Slack" is slack
		if err := d.Check(); err != nil {
			return c.keyError(root, at("notify", i, "urlEnv"), "%v", err)
		}
	}
	return nil
}
