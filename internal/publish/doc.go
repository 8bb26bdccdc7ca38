// Package publish delivers a watch cycle's output as one pull request per
// watched API, kept up to date, through the GitHub REST API alone: no git
// binary, no clone, no push credentials.
//
// The cycle renders everything shown (title, body, commit message) and
// passes a PullRequest; this package imports nothing of the diff or the
// report, so the pipeline stays one-way. Two Targets take it: GitHub, and
// DryRun, which writes the same pull request to a directory instead.
//
// # What a run does on GitHub
//
// The branch (e.g. schemawatch/railway) is rebuilt on every run as the
// base branch's head plus the regenerated files, so a moved base never
// conflicts:
//
//  1. Read the base head, its commit and its tree listing, and compare the
//     files with it by git blob SHA (computed locally).
//  2. If the base already holds every file, the live schema went back to
//     what the base has: close the open pull request with a comment and
//     delete the branch.
//  3. Otherwise upload only the blobs GitHub holds in neither the base nor
//     the branch, create a tree on top of the base tree, and — unless the
//     branch's head already has that tree with the base head as its only
//     parent — create a commit and force-move (or create) the branch. An
//     unchanged run pushes nothing.
//  4. Find the open pull request from the branch; open one if there is
//     none. Update its title, body and base where they differ, add the
//     labels it lacks (creating them in the repository with schemawatch's
//     colours), remove the managed labels it should no longer carry, and,
//     when the run opened or changed the pull request, ask the reviewers
//     not asked yet.
//
// A second run with the same input writes nothing. Every step reads the
// state it acts on, so a run that failed halfway (a branch moved but no
// pull request opened, a branch or pull request deleted by hand) is
// repaired by the next; GitHub's 422 when opening a pull request that
// exists but is not listed yet leads to a second look, never to a second
// pull request. Rate limits — primary, secondary and 429 — are waited out
// as GitHub's headers ask, on an injectable clock, up to a maximum wait.
//
// # Token
//
// The token goes in the Authorization header and nowhere else: errors are
// masked, nothing logs it. A fine-grained token (or a GitHub App) needs,
// on the one repository:
//
//   - contents: write — blobs, trees, commits and the branch;
//   - pull-requests: write — open, update and close the pull request, ask
//     for reviews;
//   - issues: write — labels and the closing comment (GitHub files them
//     under issues).
//
// A classic token needs the repo scope. In GitHub Actions, the workflow's
// GITHUB_TOKEN with "permissions: {contents: write, pull-requests: write,
// issues: write}" does; note that pull requests opened with it do not
// trigger other workflows. GitHub Enterprise Server is reached through
// GitHubConfig.BaseURL.
package publish
