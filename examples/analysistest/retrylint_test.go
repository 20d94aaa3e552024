package mylinttests

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// TestRetrylint runs retrylint on testdata/src/client: every finding must
// match a `// want` comment on its line, and every want comment must be met.
func TestRetrylint(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "client")
}

// TestRetrylintConfig builds the analyzer from a configuration, as the
// command-line flags and the golangci-lint settings do.
func TestRetrylintConfig(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{Rules: []string{"-backoff"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "client/nobackoff")
}
