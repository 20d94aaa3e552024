package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// reportPath reports a finding on one path to the next attempt: besides
// the failing attempt, Related names the helper predicate that decided the
// retry, at its deciding line.
func reportPath(pass *analysis.Pass, rule string, at ast.Node, st *site.Site, row *site.Row, p *site.Path, msg string, fixes ...analysis.SuggestedFix) {
	var extra []analysis.RelatedInformation
	if p.Cause != nil {
		extra = append(extra, analysis.RelatedInformation{
			Pos:     p.Cause.Pos(),
			End:     p.Cause.End(),
			Message: fmt.Sprintf("%s returns true for %s here", p.CauseName, row.Scenario.Name()),
		})
	}
	report(pass, rule, at, st, msg, extra, fixes...)
}

// report is the one place that builds diagnostics: the rule ID is the
// Category, the URL is the rule's README section, and Related points at the
// failing attempt, then at what else the finding names.
func report(pass *analysis.Pass, rule string, at ast.Node, st *site.Site, msg string, extra []analysis.RelatedInformation, fixes ...analysis.SuggestedFix) {
	d := analysis.Diagnostic{
		Pos:            at.Pos(),
		End:            shortEnd(at),
		Category:       rule,
		URL:            ruleURL(rule),
		Message:        msg,
		SuggestedFixes: fixes,
	}
	switch {
	case st == nil:
	case st.Attempt != nil:
		d.Related = []analysis.RelatedInformation{{
			Pos:     st.Attempt.Pos(),
			End:     st.Attempt.End(),
			Message: "the failing attempt",
		}}
	case st.Config != nil:
		d.Related = []analysis.RelatedInformation{{
			Pos:     st.Config.Pos(),
			End:     st.Config.End(),
			Message: "the client's retry policy",
		}}
	}
	d.Related = append(d.Related, extra...)
	pass.Report(d)
}

// shortEnd cuts a statement with a body to its header.
func shortEnd(n ast.Node) token.Pos {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body.Lbrace
	case *ast.RangeStmt:
		return n.Body.Lbrace
	case *ast.IfStmt:
		return n.Body.Lbrace
	case *ast.CallExpr:
		return n.Lparen
	}
	return n.End()
}

// retryPos is where a path's diagnostic goes: the statement that starts
// the next attempt.
func retryPos(st *site.Site, p *site.Path) ast.Node {
	if p.Retry != nil {
		return p.Retry
	}
	return st.Attempt
}

// waitPos is where a diagnostic about a path's wait goes: where the wait
// is chosen when that is not on the path (a client's Backoff), else where
// the next attempt starts.
func waitPos(st *site.Site, p *site.Path) ast.Node {
	if p.Wait != nil {
		return p.Wait
	}
	return retryPos(st, p)
}
