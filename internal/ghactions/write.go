package ghactions

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Write reports runs to GitHub Actions: the annotations to stdout (where
// the runner reads workflow commands), the outputs and the summary appended
// to the files $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY name. Outside
// Actions (neither variable set) it is an error that says so.
func Write(getenv func(string) string, stdout io.Writer, runs []Run) error {
	outFile, summaryFile := getenv(EnvOutput), getenv(EnvSummary)
	if outFile == "" && summaryFile == "" {
		return fmt.Errorf("--github-actions: neither %s nor %s is set; run it as a GitHub Actions step", EnvOutput, EnvSummary)
	}
	if _, err := io.WriteString(stdout, Annotations(runs)); err != nil {
		return err
	}
	var errs []error
	if outFile != "" {
		errs = append(errs, appendFile(outFile, FormatOutputs(Outputs(runs))))
	}
	if summaryFile != "" {
		errs = append(errs, appendFile(summaryFile, Summary(runs)))
	}
	return errors.Join(errs...)
}

// appendFile appends to a file the runner created; the runner reads it
// when the step ends.
func appendFile(name, text string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("github actions: %w", err)
	}
	_, err = f.WriteString(text)
	return errors.Join(err, f.Close())
}
