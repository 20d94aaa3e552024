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

// hoistFix moves a statement to before another one: its own line goes,
// and it is written, at the other's indentation, above it.
func hoistFix(fset *token.FileSet, title string, stmt ast.Stmt, before ast.Node) (analysis.SuggestedFix, bool) {
	var b bytes.Buffer
	if err := format.Node(&b, fset, stmt); err != nil {
		return analysis.SuggestedFix{}, false
	}
	f := fset.File(stmt.Pos())
	if f == nil || fset.File(before.Pos()) != f {
		return analysis.SuggestedFix{}, false
	}
	line := f.Line(stmt.Pos())
	if f.Line(stmt.End()) != line || line >= f.LineCount() {
		return analysis.SuggestedFix{}, false
	}
	indent := bytes.Repeat([]byte{'\t'}, fset.Position(before.Pos()).Column-1)
	text := append(b.Bytes(), '\n')
	text = append(text, indent...)
	return analysis.SuggestedFix{
		Message: title,
		TextEdits: []analysis.TextEdit{
			{Pos: before.Pos(), End: before.Pos(), NewText: text},
			{Pos: f.LineStart(line), End: f.LineStart(line + 1)},
		},
	}, true
}
