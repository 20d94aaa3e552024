package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// TestLimitations pins the blind spots the README lists: the package holds
// real retry bugs that the analysis cannot show, and no finding is
// expected. A change that reports one of them must update the README.
func TestLimitations(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdataDir(t), a, "limitations")
}
