package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkRetryAfter reports a site where a rate-limited attempt reaches the
// next attempt without waiting for Retry-After, or waits for it in the
// wrong unit.
func checkRetryAfter(pass *analysis.Pass, s *settings, st *site.Site) {
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if v.class != policy.Wait {
			return false
		}
		for _, d := range path.Delays {
			if msg, fix := unitBug(d); msg != "" {
				var fixes []analysis.SuggestedFix
				if d.Fix != "" {
					fixes = append(fixes, replaceFix(fix, d.BugExpr, d.Fix))
				}
				report(pass, RuleRetryAfter, d.BugExpr, st, msg, nil, fixes...)
				return true
			}
		}
		switch path.Delay().Kind {
		case site.RetryAfter, site.UnknownDelay:
			return false
		}
		reportPath(pass, RuleRetryAfter, waitPos(st, path), st, row, path,
			fmt.Sprintf("retry of %s without waiting for Retry-After: sleep for the header's value before the next attempt", v.name))
		return true
	})
}

// unitBug returns the message and fix title of a Retry-After unit mistake.
func unitBug(d site.Delay) (msg, fix string) {
	switch d.Bug {
	case site.SecondsNoUnit:
		return "Retry-After is in seconds but becomes a time.Duration with no unit, which waits that many nanoseconds: multiply by time.Second",
			"Multiply by time.Second"
	case site.SecondsAsMillis:
		return "Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second",
			"Replace time.Millisecond with time.Second"
	case site.ResetAsDuration:
		return "X-RateLimit-Reset is a Unix time, not a duration: wait until that time, or for Retry-After",
			"Wait until the reset time"
	}
	return "", ""
}
