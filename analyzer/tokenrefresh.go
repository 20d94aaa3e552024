package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkTokenRefresh reports a site where an expired token reaches the next
// attempt without a refresh, or with a refresh the next request does not use.
func checkTokenRefresh(pass *analysis.Pass, s *settings, st *site.Site) {
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if v.class != policy.Refresh {
			return false
		}
		switch {
		case !path.Refreshed:
			reportPath(pass, RuleTokenRefresh, retryPos(st, path), st, row, path,
				fmt.Sprintf("retry of %s without refreshing the token: refresh it before the next attempt", v.name))
		case path.StaleAuth:
			reportPath(pass, RuleTokenRefresh, retryPos(st, path), st, row, path,
				fmt.Sprintf("retry of %s refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt", v.name))
		default:
			return false
		}
		return true
	})
}
