package site

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// Options configure Find.
type Options struct {
	Policy         *policy.Policy
	ClientPackages []string
}

// Find returns the retry sites of the package with their outcome tables.
func Find(pass *analysis.Pass, insp *inspector.Inspector, opts Options) []*Site {
	_ = ast.Inspect
	_ = types.Typ
	return nil
}
