package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkUnbounded reports a retry loop that can run forever: a failure
// reaches the next attempt and nothing in the loop can stop it.
func checkUnbounded(pass *analysis.Pass, s *settings, st *site.Site) {
	if !st.Unbounded || st.Attempt == nil {
		return
	}
	for _, row := range st.Rows {
		if row.Outcome != site.Next || row.Scenario.Success {
			continue
		}
		if st.Loop == nil {
			return
		}
		report(pass, RuleUnbounded, st.Loop, st,
			fmt.Sprintf("retry loop without a bound retries %s forever: cap the attempts, or stop on ctx.Done() or a deadline", row.Scenario.Name()), nil)
		return
	}
}
