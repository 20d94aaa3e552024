package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// TestRetryHelpers checks retry helpers of the code itself: a function
// that calls a function parameter again in a loop is summarised per
// scenario (a fact for an exported one), and a closure handed to it is a
// retry site judged by that summary.
func TestRetryHelpers(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdataDir(t), a, "retryhelpers/lib", "retryhelpers/use")
}
