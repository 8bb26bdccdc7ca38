package notify_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// recorder is a webhook receiver that records what it is sent and answers
// with the statuses it is given, in turn (200 once they run out).
type recorder struct {
	mu       sync.Mutex
	statuses []int
	bodies   [][]byte
	headers  []http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.bodies = append(r.bodies, body)
	r.headers = append(r.headers, req.Header.Clone())
	status := http.StatusOK
	if len(r.statuses) > 0 {
		status, r.statuses = r.statuses[0], r.statuses[1:]
	}
	r.mu.Unlock()
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	io.WriteString(w, "ok")
}

func (r *recorder) received() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bodies
}

// advancing moves a fake clock on whenever the sender waits, so that
// retries take no real time.
func advancing(t *testing.T) clockwork.Clock {
	t.Helper()
	clock := clockwork.NewFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		for ctx.Err() == nil {
			if clock.BlockUntilContext(ctx, 1) == nil {
				clock.Advance(time.Minute)
			}
		}
	}()
	return clock
}

// TestSendPostsTheGoldenPayloads: what reaches a receiver is, byte for
// byte, the payload the golden files hold.
func TestSendPostsTheGoldenPayloads(t *testing.T) {
	for _, tc := range []struct {
		kind   notify.Kind
		golden string
	}{
		{notify.KindSlack, "slack.golden"},
		{notify.KindWebhook, "webhook.golden"},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			rec := &recorder{}
			srv := httptest.NewServer(rec)
			defer srv.Close()
			payload, err := notify.Payload(tc.kind, notify.Input{API: "railway", Report: fixture(t), PullRequestURL: prURL})
			if err != nil {
				t.Fatal(err)
			}
			if err := (&notify.Sender{}).Send(context.Background(), srv.URL+"/hook", payload); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tc.golden))
			if err != nil {
				t.Fatal(err)
			}
			got := rec.received()
			if len(got) != 1 || !bytes.Equal(got[0], want) {
				t.Fatalf("received %d posts; the first differs from %s", len(got), tc.golden)
			}
			if ct := rec.headers[0].Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestSendRetriesThroughTheSharedLayer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		statuses []int
		retries  int
		posts    int
		wantErr  string
	}{
		{"server error then success", []int{500, 502}, 0, 3, ""},
		{"rate limited then success", []int{429}, 0, 2, ""},
		{"failing for good", []int{500, 500, 500, 500}, 0, 4, "HTTP 500"},
		{"no retries", []int{503}, -1, 1, "HTTP 503"},
		{"client error is not retried", []int{404}, 0, 1, "HTTP 404"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{statuses: tc.statuses}
			srv := httptest.NewServer(rec)
			defer srv.Close()
			logs := &testsupport.Buffer{}
			s := &notify.Sender{Clock: advancing(t), MaxRetries: tc.retries, Logger: slog.New(slog.NewTextHandler(logs, nil))}
			err := s.Send(context.Background(), srv.URL+"/services/T0/B0/secretkey", []byte(`{}`))
			if got := len(rec.received()); got != tc.posts {
				t.Errorf("%d posts, want %d", got, tc.posts)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatal(err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "secretkey") {
				t.Errorf("the error quotes the URL's path: %v", err)
			}
			if tc.posts > 1 && !strings.Contains(logs.String(), "retry") {
				t.Errorf("no retry logged:\n%s", logs)
			}
			if strings.Contains(logs.String(), "secretkey") {
				t.Errorf("the log quotes the URL's path:\n%s", logs)
			}
		})
	}
}

// TestSendScopesCredentialsToTheOrigin: the URL's user information is
// sent as Basic authentication to its origin, never in the request line,
// and a redirect to another origin is not followed: the other host gets
// neither the payload nor the credential.
func TestSendScopesCredentialsToTheOrigin(t *testing.T) {
	other := &recorder{}
	elsewhere := httptest.NewServer(other)
	defer elsewhere.Close()
	var gotAuth string
	var gotUser bool
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = r.Header.Get("Authorization")
		_, _, gotUser = r.BasicAuth()
		http.Redirect(w, r, elsewhere.URL+"/stolen", http.StatusTemporaryRedirect)
	}))
	defer origin.Close()
	hook := strings.Replace(origin.URL, "http://", "http://hookuser:hookpassword@", 1) + "/hook?token=querysecret12345"
	logs := &testsupport.Buffer{}
	err := (&notify.Sender{Logger: slog.New(slog.NewTextHandler(logs, nil))}).Send(context.Background(), hook, []byte(`{"x":1}`))
	if err == nil || !strings.Contains(err.Error(), "another origin") {
		t.Fatalf("error %v, want a refused redirect", err)
	}
	if !gotUser || gotAuth == "" {
		t.Errorf("the origin got no Basic authentication")
	}
	if n := len(other.received()); n != 0 {
		t.Errorf("the other origin received %d posts", n)
	}
	for _, secret := range []string{"hookpassword", "querysecret12345", "/hook"} {
		if strings.Contains(err.Error(), secret) || strings.Contains(logs.String(), secret) {
			t.Errorf("%q in the error %q or the log", secret, err)
		}
	}
}

func TestSendRefusesWhatIsNotAURL(t *testing.T) {
	for _, raw := range []string{"", "hooks.slack.com/services/T0/B0/secretkey", "ftp://host/secretkey", "https:///secretkey"} {
		err := (&notify.Sender{}).Send(context.Background(), raw, []byte(`{}`))
		if err == nil || strings.Contains(err.Error(), "secretkey") {
			t.Errorf("%q: error %v", raw, err)
		}
	}
}

func TestParseDestination(t *testing.T) {
	for _, tc := range []struct {
		in, want, wantErr string
	}{
		{in: "slack=SLACK_WEBHOOK_URL", want: "slack=SLACK_WEBHOOK_URL"},
		{in: "Webhook=HOOK", want: "webhook=HOOK"},
		{in: "teams=HOOK", wantErr: "want slack or webhook"},
		{in: "slack", wantErr: "slack=ENVVAR"},
		{in: "slack=", wantErr: "urlEnv"},
		{in: "slack=https://hooks.slack.com/services/T0/B0/secretkey", wantErr: "not the URL"},
		{in: "webhook=MY-HOOK", wantErr: "not an environment variable name"},
	} {
		d, err := notify.ParseDestination(tc.in)
		switch {
		case tc.wantErr == "" && (err != nil || d.String() != tc.want):
			t.Errorf("%q: %v, %v; want %s", tc.in, d, err, tc.want)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "secretkey") {
			t.Errorf("%q: the error quotes the URL: %v", tc.in, err)
		}
	}
}
