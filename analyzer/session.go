package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkSession reports a retry of an expired session on the same session,
// and a retry of a full session pool that terminates no session first.
// Only paths that compared the failure with that very code or status are
// judged: a blanket retry, or one that only ruled other codes out, does
// not say that the call can fail with a session's code at all.
func checkSession(pass *analysis.Pass, s *settings, st *site.Site) {
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if !path.Named {
			return false
		}
		switch {
		case v.class == policy.NewSession && !path.NewSession:
			reportPath(pass, RuleSession, retryPos(st, path), st, row, path,
				fmt.Sprintf("retry of %s on the same session: create a new session before the next attempt", v.name))
		case v.class == policy.Terminate && !path.Terminated && !path.NewSession:
			reportPath(pass, RuleSession, retryPos(st, path), st, row, path,
				fmt.Sprintf("retry of %s without terminating a session: terminate an old session before the next attempt", v.name))
		default:
			return false
		}
		return true
	})
}
