package analyzer

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// replaceFix is a suggested fix that replaces one expression.
func replaceFix(title string, e ast.Expr, text string) analysis.SuggestedFix {
	return analysis.SuggestedFix{
		Message:   title,
		TextEdits: []analysis.TextEdit{{Pos: e.Pos(), End: e.End(), NewText: []byte(text)}},
	}
}

// render prints an expression as source.
func render(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	if err := format.Node(&b, fset, e); err != nil {
		return ""
	}
	return b.String()
}

// compact prints a binary expression without spaces around its operator,
// as 2^attempt is usually written.
func compact(fset *token.FileSet, e ast.Expr) string {
	if b, ok := e.(*ast.BinaryExpr); ok {
		return render(fset, b.X) + b.Op.String() + render(fset, b.Y)
	}
	return render(fset, e)
}
