package main

import (
	"errors"

	"github.com/schemawatch/schemawatch/internal/ghactions"
	"github.com/schemawatch/schemawatch/internal/watch"
)

// reportToActions hands the cycles' outcomes to GitHub Actions (watch run
// --github-actions): outputs, job summary and annotations.
func reportToActions(env *environment, cfg *watch.Config, outcomes []watch.Outcome, errs []error) error {
	failed := map[string]bool{}
	for _, err := range errs {
		var cycleErr *watch.Error
		if errors.As(err, &cycleErr) {
			failed[cycleErr.API] = true
		}
	}
	var runs []ghactions.Run
	for _, out := range outcomes {
		for _, api := range cfg.APIs {
			if api.Name == out.API {
				runs = append(runs, ghactions.Run{API: api, Outcome: out, Failed: failed[api.Name]})
			}
		}
	}
	return ghactions.Write(env.getenv, env.stdout, runs)
}
