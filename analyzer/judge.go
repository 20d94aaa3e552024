package analyzer

import (
	"strconv"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// verdict is how the policy judges one path of one scenario.
type verdict struct {
	class  policy.Class
	name   string // the code or status, as the message names it
	remedy string
}

// judge applies the policy to a path. A path that branched only on the
// status is judged by the status's class, the most lenient action of the
// codes that share it; a path that read the code, or read neither, by the
// code's class.
func judge(p *policy.Policy, row *site.Row, path *site.Path) verdict {
	sc := row.Scenario
	if sc.Code != "" && !(path.ReadStatus && !path.ReadCode) {
		if c, ok := p.LookupCode(sc.Code); ok {
			return verdict{class: c.Class, name: c.Name, remedy: c.Remedy}
		}
	}
	status := strconv.Itoa(sc.Status)
	if s, ok := p.LookupStatus(sc.Status); ok {
		return verdict{class: s.Class, name: status, remedy: s.Remedy}
	}
	return verdict{class: policy.None, name: status}
}

// eachNext calls f for every path to the next attempt of every failure
// scenario, in table order, until f returns true.
func eachNext(p *policy.Policy, st *site.Site, f func(v verdict, row *site.Row, path *site.Path) bool) {
	for i := range st.Rows {
		row := &st.Rows[i]
		if row.Outcome != site.Next || row.Scenario.Transport || row.Scenario.Success {
			continue
		}
		for j := range row.Paths {
			if f(judge(p, row, &row.Paths[j]), row, &row.Paths[j]) {
				return
			}
		}
	}
}
