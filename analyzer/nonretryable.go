package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkNonretryable reports a site where a never-retryable code or status
// reaches the next attempt.
func checkNonretryable(pass *analysis.Pass, s *settings, st *site.Site) {
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if v.class != policy.Never {
			return false
		}
		remedy := v.remedy
		if remedy == "" {
			remedy = "return the error"
		}
		reportPath(pass, RuleNonretryable, retryPos(st, path), st, row, path,
			fmt.Sprintf("retry of %s, which is never retryable: %s", v.name, remedy))
		return true
	})
}
