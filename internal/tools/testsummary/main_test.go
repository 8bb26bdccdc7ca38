package main

import (
	"strings"
	"testing"
)

// TestSummary: go test -json events become go test's plain output, with
// the skipped tests listed before the package lines, which come last.
func TestSummary(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"start","Package":"example/a"}`,
		`{"Action":"run","Package":"example/a","Test":"TestOK"}`,
		`{"Action":"output","Package":"example/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}`,
		`{"Action":"pass","Package":"example/a","Test":"TestOK"}`,
		`{"Action":"run","Package":"example/a","Test":"TestCorpus"}`,
		`{"Action":"output","Package":"example/a","Test":"TestCorpus","Output":"=== RUN   TestCorpus\n"}`,
		`{"Action":"output","Package":"example/a","Test":"TestCorpus","Output":"    a_test.go:9: testcorpus: no shared corpus; skipping\n"}`,
		`{"Action":"output","Package":"example/a","Test":"TestCorpus","Output":"--- SKIP: TestCorpus (0.00s)\n"}`,
		`{"Action":"skip","Package":"example/a","Test":"TestCorpus"}`,
		`{"Action":"output","Package":"example/a","Output":"PASS\n"}`,
		`{"Action":"output","Package":"example/a","Output":"ok  \texample/a\t0.01s\n"}`,
		`{"Action":"pass","Package":"example/a"}`,
		`{"Action":"run","Package":"example/b","Test":"TestBad"}`,
		`{"Action":"output","Package":"example/b","Test":"TestBad","Output":"=== RUN   TestBad\n"}`,
		`{"Action":"output","Package":"example/b","Test":"TestBad","Output":"    b_test.go:3: wrong\n"}`,
		`{"Action":"output","Package":"example/b","Test":"TestBad","Output":"--- FAIL: TestBad (0.00s)\n"}`,
		`{"Action":"fail","Package":"example/b","Test":"TestBad"}`,
		`{"Action":"output","Package":"example/b","Output":"FAIL\n"}`,
		`{"Action":"output","Package":"example/b","Output":"FAIL\texample/b\t0.02s\n"}`,
		`{"Action":"fail","Package":"example/b"}`,
		`{"Action":"output","Package":"example/c","Output":"?   \texample/c\t[no test files]\n"}`,
		`# example/d`,
	}, "\n")
	var out strings.Builder
	s := newSummary(&out)
	if err := s.read(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	s.finish()
	want := "    b_test.go:3: wrong\n--- FAIL: TestBad (0.00s)\n# example/d\n" +
		"\nSkipped tests (1):\n  example/a TestCorpus: a_test.go:9: testcorpus: no shared corpus; skipping\n\n" +
		"ok  \texample/a\t0.01s\nFAIL\texample/b\t0.02s\n?   \texample/c\t[no test files]\n"
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
