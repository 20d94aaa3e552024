package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkBackoff reports a site where an upstream failure reaches the next
// attempt with no delay, a constant one or a linear one, or with 2^n.
func checkBackoff(pass *analysis.Pass, s *settings, st *site.Site) {
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if v.class != policy.Backoff {
			return false
		}
		for _, d := range path.Delays {
			if d.Bug == site.XorPower {
				msg := fmt.Sprintf("%s is XOR in Go, not a power, so the delay does not grow exponentially: use %s",
					compact(pass.Fset, d.BugExpr), d.Fix)
				report(pass, RuleBackoff, d.BugExpr, st, msg, nil, replaceFix("Use "+d.Fix, d.BugExpr, d.Fix))
				return true
			}
		}
		kind := path.Delay().Kind
		switch kind {
		case site.NoDelay, site.Constant, site.Linear:
		default:
			return false
		}
		reportPath(pass, RuleBackoff, waitPos(st, path), st, row, path,
			fmt.Sprintf("retry of %s with %s: grow the delay exponentially per attempt", v.name, article(kind)))
		return true
	})
}

// article phrases a delay kind for the backoff message.
func article(k site.DelayKind) string {
	if k == site.NoDelay {
		return "no delay"
	}
	return "a " + k.String()
}
