// Command testsummary runs go test with -json and prints what go test
// prints without -v (the output of failed tests, the package lines), then
// lists the tests that were skipped, with their skip messages, before the
// package lines, which stay last: CI reads them. It exits with go test's
// exit status.
//
//	go run ./internal/tools/testsummary [go test flags] [packages]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

func main() {
	cmd := exec.Command("go", append([]string{"test", "-json"}, os.Args[1:]...)...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(2)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(2)
	}
	s := newSummary(os.Stdout)
	if err := s.read(stdout); err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
	}
	s.finish()
	code := 0
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "testsummary:", err)
			os.Exit(2)
		}
		code = exit.ExitCode()
	}
	os.Exit(code)
}

// event is one line of go test -json (go doc test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // build events
	Test       string
	Output     string
}

type testKey struct{ pkg, test string }

// skipped is one skipped test and why.
type skipped struct {
	pkg, test string
	why       []string
}

// summary turns the event stream into go test's plain output.
type summary struct {
	w io.Writer
	// output holds each running test's output until it ends: printed when
	// it fails, read for the message when it is skipped.
	output   map[testKey][]string
	skips    []skipped
	pkgLines []string // the package lines, printed last
}

func newSummary(w io.Writer) *summary {
	return &summary{w: w, output: map[testKey][]string{}}
}

func (s *summary) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if !bytes.HasPrefix(line, []byte("{")) || json.Unmarshal(line, &e) != nil {
			fmt.Fprintln(s.w, string(line)) // not an event: go test's own words
			continue
		}
		s.handle(e)
	}
	return sc.Err()
}

func (s *summary) handle(e event) {
	switch {
	case e.Action == "build-output":
		fmt.Fprint(s.w, e.Output)
	case e.Test == "" && e.Action == "output":
		switch {
		case e.Output == "PASS\n", e.Output == "FAIL\n", strings.HasPrefix(e.Output, "=== "):
			// go test prints these only with -v, or before a package's line
		case isPackageLine(e.Output):
			s.pkgLines = append(s.pkgLines, e.Output)
		default:
			fmt.Fprint(s.w, e.Output) // package-level output: a panic, TestMain's words
		}
	case e.Test != "":
		key := testKey{e.Package, e.Test}
		switch e.Action {
		case "output":
			s.output[key] = append(s.output[key], e.Output)
		case "fail":
			for _, l := range s.output[key] {
				if !strings.HasPrefix(l, "=== ") {
					fmt.Fprint(s.w, l)
				}
			}
			delete(s.output, key)
		case "skip":
			s.skips = append(s.skips, skipped{pkg: e.Package, test: e.Test, why: skipMessage(s.output[key])})
			delete(s.output, key)
		case "pass":
			delete(s.output, key)
		}
	}
}

// isPackageLine tells go test's line for a package: "ok  \tpkg\t0.1s",
// "FAIL\tpkg …", "?   \tpkg\t[no test files]".
func isPackageLine(s string) bool {
	return strings.HasPrefix(s, "ok  \t") || strings.HasPrefix(s, "FAIL\t") || strings.HasPrefix(s, "?   \t")
}

// skipMessage is the text a skipped test logged: its t.Skip message and
// any log lines before it, without go test's framing.
func skipMessage(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "=== ") || strings.HasPrefix(strings.TrimSpace(l), "--- SKIP") {
			continue
		}
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// finish prints the skipped tests, then the package lines.
func (s *summary) finish() {
	if len(s.skips) > 0 {
		fmt.Fprintf(s.w, "\nSkipped tests (%d):\n", len(s.skips))
		for _, sk := range s.skips {
			why := strings.Join(sk.why, " ")
			if why == "" {
				why = "(no message)"
			}
			fmt.Fprintf(s.w, "  %s %s: %s\n", sk.pkg, sk.test, why)
		}
		fmt.Fprintln(s.w)
	}
	for _, l := range s.pkgLines {
		fmt.Fprint(s.w, l)
	}
}
