package publish

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// railwaySnapshot is the snapshot files of one corpus version, as the
// cycle publishes them: about 2 MB, most of it schema.json.
func railwaySnapshot(b *testing.B, v testcorpus.Version) map[string][]byte {
	b.Helper()
	s, err := schema.LoadFile(v.Path)
	if err != nil {
		b.Fatal(err)
	}
	files := map[string][]byte{}
	for name, content := range snapshot.Render(s, snapshot.Meta{Source: v.File}) {
		files["snapshots/railway/"+name] = content
	}
	return files
}

// BenchmarkPublish measures a run against the fake GitHub with Railway's
// real snapshot: "unchanged" is the common scheduled run (nothing to push),
// "changed" alternates between the two newest versions so that every run
// uploads, commits and updates the pull request. requests/op is the GitHub
// API calls a run makes.
func BenchmarkPublish(b *testing.B) {
	versions := testcorpus.Railway(b)
	older, newer := railwaySnapshot(b, versions[len(versions)-2]), railwaySnapshot(b, versions[len(versions)-1])
	pr := func(files map[string][]byte) PullRequest {
		return PullRequest{
			Branch: "schemawatch/railway", Base: "main", Files: files,
			CommitMessage: "feat(api): Railway schema", Title: "Railway API schema changed", Body: "report",
			Labels: []string{LabelSchemaChange}, ManagedLabels: []string{LabelSchemaChange, LabelBreaking},
		}
	}
	setup := func(b *testing.B) (*githubfake.Server, *GitHub) {
		clock := githubfake.NewClock(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
		fake := githubfake.New(githubfake.Options{Clock: clock})
		b.Cleanup(fake.Close)
		fake.Push("main", older, "older snapshot")
		g, err := NewGitHub(GitHubConfig{Token: "bench-token", Repo: fake.FullName(), BaseURL: fake.URL, Clock: clock,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		return fake, g
	}
	ctx := context.Background()

	b.Run("unchanged", func(b *testing.B) {
		fake, g := setup(b)
		if _, err := g.Publish(ctx, pr(newer)); err != nil {
			b.Fatal(err)
		}
		fake.TakeRequests()
		for b.Loop() {
			res, err := g.Publish(ctx, pr(newer))
			if err != nil || res.Action != Unchanged {
				b.Fatalf("%+v, %v", res, err)
			}
		}
		b.ReportMetric(float64(len(fake.TakeRequests()))/float64(b.N), "requests/op")
	})

	b.Run("changed", func(b *testing.B) {
		fake, g := setup(b)
		// Two proposals that differ from each other and from main.
		a, c := maps.Clone(newer), maps.Clone(newer)
		a["snapshots/railway/NOTE"], c["snapshots/railway/NOTE"] = []byte("a\n"), []byte("c\n")
		fake.TakeRequests()
		i := 0
		for b.Loop() {
			files := a
			if i%2 == 1 {
				files = c
			}
			i++
			res, err := g.Publish(ctx, pr(files))
			if err != nil || !res.Pushed {
				b.Fatalf("%+v, %v", res, err)
			}
		}
		b.ReportMetric(float64(len(fake.TakeRequests()))/float64(b.N), "requests/op")
	})
}
