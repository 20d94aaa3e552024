package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// CategoryDirective is the category of findings about
// //retrylint:ignore directives themselves: one without a reason, with an
// unknown rule, or that silences nothing.
const CategoryDirective = "directive"

// directivePrefix starts a directive that accepts findings deliberately:
//
//	//retrylint:ignore RULE[,RULE] reason
//
// on the reported line, on the line above it, on the line above the retry
// site's statement, or above the function (in or just below its doc
// comment), where it covers every site of the function.
const directivePrefix = "//retrylint:ignore"

// directive is one //retrylint:ignore comment of a package.
type directive struct {
	pos    token.Pos
	file   *ast.File
	line   int
	rules  []string
	reason string
	used   bool
	bad    string // why the directive is malformed, or ""
}

// directives holds a package's directives and applies them to its
// diagnostics.
type directives struct {
	pass *analysis.Pass
	list []*directive
}

// parseDirectives collects the directives of a package's files.
func parseDirectives(pass *analysis.Pass) *directives {
	ds := &directives{pass: pass}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				text, ok := strings.CutPrefix(c.Text, directivePrefix)
				if !ok || (text != "" && text[0] != ' ' && text[0] != '\t') {
					continue
				}
				d := &directive{pos: c.Pos(), file: f, line: pass.Fset.Position(c.Pos()).Line}
				text, _, _ = strings.Cut(text, "//") // a comment on the directive
				fields := strings.Fields(text)
				switch {
				case len(fields) == 0:
					d.bad = "retrylint:ignore names no rule: write //retrylint:ignore RULE reason"
				default:
					for _, r := range strings.Split(fields[0], ",") {
						if !slices.Contains(Rules, r) {
							d.bad = fmt.Sprintf("retrylint:ignore names unknown rule %q: use one of %s", r, strings.Join(Rules, ", "))
							break
						}
						d.rules = append(d.rules, r)
					}
					d.reason = strings.Join(fields[1:], " ")
					if d.bad == "" && d.reason == "" {
						d.bad = "retrylint:ignore needs a reason after the rule: say why the finding is accepted"
					}
				}
				ds.list = append(ds.list, d)
			}
		}
	}
	return ds
}

// silences reports whether a valid directive accepts a diagnostic, and
// marks it used.
func (ds *directives) silences(d analysis.Diagnostic) bool {
	if len(ds.list) == 0 || d.Category == CategoryDirective {
		return false
	}
	lines := ds.coveredLines(d.Pos)
	hit := false
	for _, x := range ds.list {
		if x.bad != "" || !slices.Contains(x.rules, d.Category) {
			continue
		}
		if slices.Contains(lines[x.file], x.line) {
			x.used, hit = true, true
		}
	}
	return hit
}

// coveredLines returns, for a reported position, the lines a directive
// may stand on: the line itself and the one above, the line above each
// enclosing statement that can repeat a call (a loop, a labeled
// statement), and the lines of the enclosing function's doc comment and
// the line above the function.
func (ds *directives) coveredLines(pos token.Pos) map[*ast.File][]int {
	fset := ds.pass.Fset
	out := map[*ast.File][]int{}
	for _, f := range ds.pass.Files {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		line := fset.Position(pos).Line
		lines := []int{line, line - 1}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.LabeledStmt, *ast.FuncLit:
				lines = append(lines, fset.Position(n.Pos()).Line-1)
			case *ast.FuncDecl:
				start := n.Pos()
				if n.Doc != nil {
					start = n.Doc.Pos()
				}
				for l := fset.Position(start).Line - 1; l < fset.Position(n.Pos()).Line; l++ {
					lines = append(lines, l)
				}
			}
		}
		out[f] = lines
	}
	return out
}

// reportDirectives reports malformed directives and valid ones that
// silenced nothing, once the package's rules have run. A directive whose
// rules are all turned off in this run is left alone.
func (ds *directives) reportDirectives(report func(analysis.Diagnostic), enabled func(string) bool) {
	for _, x := range ds.list {
		msg := x.bad
		if msg == "" && !x.used && slices.ContainsFunc(x.rules, enabled) {
			msg = fmt.Sprintf("retrylint:ignore %s silences nothing here: remove the directive", strings.Join(x.rules, ","))
		}
		if msg == "" {
			continue
		}
		report(analysis.Diagnostic{
			Pos:      x.pos,
			End:      x.pos + token.Pos(len(directivePrefix)),
			Category: CategoryDirective,
			URL:      ruleURL("directives"),
			Message:  msg,
		})
	}
}
