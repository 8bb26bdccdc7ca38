package watch

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// hookKey is the secret part of the webhook URLs: Slack's key is its path.
const hookKey = "/services/T0000/B0000/hooksecretkey0123456789"

// hookRecorder receives webhooks and records them per path prefix.
type hookRecorder struct {
	mu     sync.Mutex
	status int // 0 for 200
	posts  map[string][][]byte
}

func (h *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	kind := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")[0]
	h.posts[kind] = append(h.posts[kind], body)
	if h.status != 0 {
		w.WriteHeader(h.status)
	}
}

// take returns the posts per kind since the last call.
func (h *hookRecorder) take() map[string][][]byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.posts
	h.posts = map[string][][]byte{}
	return out
}

// withHooks makes w's API notify a Slack and a generic webhook, both served
// by the returned recorder.
func (w *world) withHooks() *hookRecorder {
	w.t.Helper()
	rec := &hookRecorder{posts: map[string][][]byte{}}
	srv := httptest.NewServer(rec)
	w.t.Cleanup(srv.Close)
	w.cfg.APIs[0].Notify = []notify.Destination{{Type: notify.KindSlack, URLEnv: "SLACK_URL"}, {Type: notify.KindWebhook, URLEnv: "HOOK_URL"}}
	urls := map[string]string{"SLACK_URL": srv.URL + "/slack" + hookKey, "HOOK_URL": srv.URL + "/webhook" + hookKey}
	getenv := w.cycle.Notifier.Getenv
	w.cycle.Notifier.Getenv = func(k string) string {
		if v, ok := urls[k]; ok {
			return v
		}
		return getenv(k)
	}
	return rec
}

func (w *world) mustNotify(rec *hookRecorder, wantVerdict string) {
	w.t.Helper()
	posts := rec.take()
	if wantVerdict == "" {
		if len(posts) != 0 {
			w.t.Errorf("notifications sent: %d kinds, want none", len(posts))
		}
		return
	}
	if len(posts["slack"]) != 1 || len(posts["webhook"]) != 1 {
		w.t.Fatalf("posts: %d to Slack, %d to the webhook; want one each", len(posts["slack"]), len(posts["webhook"]))
	}
	var p notify.WebhookPayload
	if err := json.Unmarshal(posts["webhook"][0], &p); err != nil {
		w.t.Fatal(err)
	}
	if p.Verdict != wantVerdict || p.API != "demo" {
		w.t.Errorf("webhook payload: %+v, want verdict %s", p, wantVerdict)
	}
	for _, body := range append(posts["slack"], posts["webhook"]...) {
		w.assertNoSecret(string(body))
		if strings.Contains(string(body), "hooksecretkey") {
			w.t.Error("a payload quotes a webhook URL")
		}
	}
}

// v1TwoSafe is version 1 with two new fields: still a safe change only.
func v1TwoSafe() *schema.Schema {
	s, err := schema.ParseSDL("v1safe2.graphql", demo.SDL(demo.V1)+"\nextend type Project { archived: Boolean, pinned: Boolean }\n")
	if err != nil {
		panic(err)
	}
	return s
}

// TestNotificationsFollowTheVerdict: a notification goes out when a pull
// request is opened and when its verdict changes; never on a run that
// changes nothing, nor on one that updates the pull request with the same
// verdict.
func TestNotificationsFollowTheVerdict(t *testing.T) {
	w := newWorld(t, false)
	rec := w.withHooks()

	out := w.mustRun() // the first snapshot: a pull request opened
	w.mustNotify(rec, notify.VerdictNone)
	if len(out.Notified) != 2 {
		t.Errorf("notified %v", out.Notified)
	}
	w.fake.MergePull(w.openPull().Number)
	w.fake.DeleteBranch("schemawatch/demo")

	w.mustRun() // no change
	w.mustNotify(rec, "")

	w.serve(v2()) // breaking: a new pull request
	if out = w.mustRun(); out.Published.Action != publish.Created {
		t.Fatalf("v2: %+v", out.Published)
	}
	w.mustNotify(rec, notify.VerdictBreaking)

	w.mustRun() // the same again
	w.mustNotify(rec, "")

	w.serve(v1Safe()) // the verdict changes to safe
	if out = w.mustRun(); out.Published.Action != publish.Updated {
		t.Fatalf("v1Safe: %+v", out.Published)
	}
	w.mustNotify(rec, notify.VerdictSafe)

	w.serve(v1TwoSafe()) // updated, but still safe
	if out = w.mustRun(); out.Published.Action != publish.Updated {
		t.Fatalf("v1TwoSafe: %+v", out.Published)
	}
	w.mustNotify(rec, "")

	w.serve(v1()) // reverted: the pull request closed
	w.mustRun()
	w.mustNotify(rec, "")
	w.assertNoHookKey(w.logs.String())
}

func (w *world) assertNoHookKey(texts ...string) {
	w.t.Helper()
	for _, text := range texts {
		if strings.Contains(text, "hooksecretkey") {
			w.t.Errorf("a webhook URL leaked into %.300q", text)
		}
	}
}

// TestFailingNotificationDoesNotFailTheCycle: a webhook that keeps failing,
// or whose variable is unset, is reported in the outcome and the log,
// without its URL; the pull request is published all the same.
func TestFailingNotificationDoesNotFailTheCycle(t *testing.T) {
	w := newWorld(t, false)
	rec := w.withHooks()
	rec.status = http.StatusInternalServerError
	w.cfg.APIs[0].Notify = append(w.cfg.APIs[0].Notify, notify.Destination{Type: notify.KindWebhook, URLEnv: "UNSET_HOOK"})
	w.cycle.Notifier.Sender.MaxRetries = -1
	out, err := w.run()
	if err != nil {
		t.Fatalf("the cycle failed: %v", err)
	}
	if out.Published.Action != publish.Created {
		t.Errorf("published %+v", out.Published)
	}
	if len(out.NotifyErrors) != 3 || len(out.Notified) != 0 {
		t.Fatalf("notified %v, errors %v", out.Notified, out.NotifyErrors)
	}
	var nerr *NotifyError
	if !errors.As(out.NotifyErrors[0], &nerr) || !strings.Contains(nerr.Error(), "HTTP 500") || !strings.Contains(nerr.Error(), "SLACK_URL") {
		t.Errorf("first error: %v", out.NotifyErrors[0])
	}
	if msg := out.NotifyErrors[2].Error(); !strings.Contains(msg, "UNSET_HOOK is not set") {
		t.Errorf("unset variable: %v", msg)
	}
	for _, e := range out.NotifyErrors {
		w.assertNoHookKey(e.Error())
	}
	w.assertNoHookKey(w.logs.String())
	if !strings.Contains(w.logs.String(), "notification failed") {
		t.Errorf("logs:\n%s", w.logs)
	}
}

// TestDryRunRecordsNotifications: a dry run writes each payload it would
// send under its directory, and sends nothing.
func TestDryRunRecordsNotifications(t *testing.T) {
	w := newWorld(t, true)
	rec := w.withHooks()
	w.serve(v2())
	if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
		t.Fatal(err)
	}
	out := w.mustRun()
	if len(rec.take()) != 0 {
		t.Error("a dry run sent notifications")
	}
	dir := filepath.Join(out.Published.Dir, "notifications")
	for _, name := range []string{"slack-SLACK_URL.json", "webhook-HOOK_URL.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "breaking") {
			t.Errorf("%s: %s", name, data)
		}
		w.assertNoHookKey(string(data))
	}
}

func TestNotifyConfig(t *testing.T) {
	for _, tc := range []struct {
		yaml, wantErr string
	}{
		{yaml: "notify: [{type: slack, urlEnv: SLACK_WEBHOOK_URL}, {type: webhook, urlEnv: SCHEMA_WEBHOOK_URL}]"},
		{yaml: "notify: [{type: Slack, urlEnv: SLACK_WEBHOOK_URL}, {type: WEBHOOK, urlEnv: SCHEMA_WEBHOOK_URL}]"},
		{yaml: "notify: [{type: teams, urlEnv: X}]", wantErr: `c.yaml:3: apis[0].notify[0].type: notification type "teams": want slack or webhook`},
		{yaml: "notify: [{type: slack}]", wantErr: "urlEnv"},
		{yaml: "notify: [{type: slack, urlEnv: 'https://hooks.slack.com/x'}]", wantErr: "not an environment variable name"},
		{yaml: "notify: [{type: slack, url: X}]", wantErr: "url"},
	} {
		cfg, err := ParseConfig("c.yaml", []byte("apis:\n  - name: railway\n    "+tc.yaml+"\n"))
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.yaml, err)
		case tc.wantErr == "" && (len(cfg.APIs[0].Notify) != 2 || cfg.APIs[0].Notify[0].Type != notify.KindSlack || cfg.APIs[0].Notify[1].Type != notify.KindWebhook):
			t.Errorf("%s: %+v", tc.yaml, cfg.APIs[0].Notify)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want %q", tc.yaml, err, tc.wantErr)
		}
	}
}
