package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer"
)

// testdataDir returns the repository's GOPATH-mode testdata tree as an
// absolute path. analysistest.TestData would give analyzer/testdata, but
// the tree is shared with the command's tests and lives at the root.
func testdataDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// newRuleAnalyzer builds an independent analyzer that runs only the given
// rules, or every rule when none is given. Tests never touch the flags of
// the global analyzer.Analyzer.
func newRuleAnalyzer(t testing.TB, rules ...string) *analysis.Analyzer {
	t.Helper()
	a, err := analyzer.New(analyzer.Config{Rules: rules})
	if err != nil {
		t.Fatalf("analyzer.New(rules %v): %v", rules, err)
	}
	return a
}

// discardWants is an analysistest.Testing that drops the mismatches with
// // want comments, for tests that check other properties of the same
// runs: the per-rule tests already report those mismatches.
type discardWants struct{}

func (discardWants) Errorf(string, ...any) {}
