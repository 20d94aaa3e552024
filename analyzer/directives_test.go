package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// TestDirectives checks //retrylint:ignore: findings accepted on their
// line, the line above, above the site and above the function; directives
// without a reason, with an unknown rule, or silencing nothing reported.
func TestDirectives(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "directives")
}

// TestDirectivesDisabledRule checks that a directive for a rule turned off
// in this run is not reported as silencing nothing.
func TestDirectivesDisabledRule(t *testing.T) {
	results := analysistest.Run(discardWants{}, testdataDir(t), newRuleAnalyzer(t, analyzer.RuleNonretryable), "directives")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category == analyzer.CategoryDirective && d.Message == "retrylint:ignore backoff silences nothing here: remove the directive" {
				t.Errorf("%s: %s, but backoff is turned off", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}
