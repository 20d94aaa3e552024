package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkIdempotency reports a retried order (a request to one of the
// policy's idempotency-key endpoints) that sends no key or a key made
// anew for each attempt, and a retry of IDEMPOTENCY_CONFLICT that sends
// the same key and request again (where the code names the conflict: a
// blanket retry under one key cannot cause it).
func checkIdempotency(pass *analysis.Pass, s *settings, st *site.Site) {
	o := st.Order
	if o == nil || !retriesFailure(st) {
		return
	}
	header := s.policy.IdempotencyKeyHeader
	switch o.Key {
	case site.KeyNone:
		at := o.Request
		if !o.Local || at == nil {
			at = st.Attempt
		}
		report(pass, RuleIdempotency, at, st,
			fmt.Sprintf("retried %s sends no %s header: make a key once before the first attempt and send it on every attempt", o.Endpoint, header), nil)
		return
	case site.KeyFresh:
		at := o.KeyAt
		if at == nil {
			at = st.Attempt // made in another package
		}
		var fixes []analysis.SuggestedFix
		if o.Hoist != nil {
			if fix, ok := hoistFix(pass.Fset, "make the key once, before the retries", o.Hoist, o.HoistBefore); ok {
				fixes = append(fixes, fix)
			}
		}
		report(pass, RuleIdempotency, at, st,
			fmt.Sprintf("%s of %s is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it", header, o.Endpoint), nil, fixes...)
		return
	}
	eachNext(s.policy, st, func(v verdict, row *site.Row, path *site.Path) bool {
		if v.class != policy.NewKey || path.KeyChanged || !path.Named {
			return false
		}
		reportPath(pass, RuleIdempotency, retryPos(st, path), st, row, path,
			fmt.Sprintf("retry of %s with the same %s and request: use a new key, or return the response the first request got", v.name, header))
		return true
	})
}

// retriesFailure reports whether some failure, a transport error
// included, reaches the next attempt.
func retriesFailure(st *site.Site) bool {
	for _, row := range st.Rows {
		if row.Outcome == site.Next && !row.Scenario.Success {
			return true
		}
	}
	return false
}
