package site_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// tables reports each site's outcome table, rows joined by "; ", at the
// site, so that tests can assert on Site.String.
var tables = &analysis.Analyzer{
	Name:      "tables",
	Doc:       "reports outcome tables",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(site.FuncSummary), new(site.MethodSummaries), new(site.Sentinel)},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for _, s := range site.Find(pass, insp, site.Options{Policy: policy.Default()}) {
			table := strings.ReplaceAll(strings.TrimSpace(s.String()), "\n", "; ")
			pass.Reportf(s.Pos, "%s", table)
		}
		return nil, nil
	},
}

func TestOutcomeTables(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tables, "tables")
}
