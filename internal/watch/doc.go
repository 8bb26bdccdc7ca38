// Package watch runs schemawatch's cycle: introspect an API, compare it with
// the committed snapshot, and when it changed, regenerate everything and
// publish it as one pull request. It also holds the configuration of the
// watched APIs and the scheduler that runs cycles on a cron spec.
//
// Files by concern:
//
//   - cycle.go: the cycle's steps, in order (Cycle.Run);
//   - outputs.go: rendering and writing what a cycle regenerates;
//   - pullrequest.go: the pull request's title, body and commit message;
//   - committed.go: reading what the base branch holds, locally or on GitHub;
//   - massremoval.go: holding back a change that deletes most of the schema;
//   - config*.go: schemawatch.yaml and the flags that stand for it;
//   - run.go: building a cycle from the configuration and the process;
//   - schedule.go: the daemon's scheduler.
//
// A cycle is idempotent: the same live schema gives byte-identical files
// whatever the clock says, so a rerun publishes and writes nothing.
package watch
