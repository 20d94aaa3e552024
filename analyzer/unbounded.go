package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkUnbounded reports a retry loop that can run forever: a failure
// reaches the next attempt and nothing in the loop can stop it.
func checkUnbounded(pass *analysis.Pass, s *settings, st *site.Site) {
	if st.Attempt == nil || len(pass.TypeErrors) > 0 {
		return // in a package that does not type-check, a bound may hide in the broken code
	}
	if !st.Unbounded {
		checkUnboundedPaths(pass, st)
		return
	}
	for _, row := range st.Rows {
		if row.Outcome != site.Next || row.Scenario.Success {
			continue
		}
		if st.UnboundedBy != nil {
			report(pass, RuleUnbounded, st.UnboundedBy, st,
				fmt.Sprintf("retry library set to retry without end retries %s forever: give it a number of attempts, or a context that is cancelled", row.Scenario.Name()), nil)
			return
		}
		if st.Loop != nil {
			report(pass, RuleUnbounded, st.Loop, st,
				fmt.Sprintf("retry loop without a bound retries %s forever: cap the attempts, or stop on ctx.Done() or a deadline", row.Scenario.Name()), nil)
			return
		}
		if len(row.Paths) > 0 && row.Paths[0].Retry != nil {
			report(pass, RuleUnbounded, row.Paths[0].Retry, st,
				fmt.Sprintf("recursion without a bound retries %s forever: pass the attempts left and stop at zero, or stop on ctx.Done() or a deadline", row.Scenario.Name()), nil)
		}
		return
	}
}

// checkUnboundedPaths reports a recursive call that, on one failure's way,
// passes the attempt counter on unchanged while other failures count.
func checkUnboundedPaths(pass *analysis.Pass, st *site.Site) {
	for _, row := range st.Rows {
		if row.Outcome != site.Next || row.Scenario.Success {
			continue
		}
		for _, p := range row.Paths {
			if p.Unbounded && p.Retry != nil {
				report(pass, RuleUnbounded, p.Retry, st,
					fmt.Sprintf("recursion retries %s without counting the attempt, so it can recur forever: pass the attempt counter on changed, or stop on ctx.Done() or a deadline", row.Scenario.Name()), nil)
				return
			}
		}
	}
}
