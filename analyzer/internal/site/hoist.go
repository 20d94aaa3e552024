package site

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// The idempotency rule's suggested fix moves a key made per attempt to
// before the retries. It is offered only when the move is certain.

// hoistable returns, for a key made anew in the code a site repeats, the
// statement that makes it and the statement to move it before, when the
// move is certain: `key := uuid.NewString()` directly in the loop body or
// the retried closure, whose value nothing else there reads and whose
// right side reads nothing declared inside.
func (c *checker) hoistable(r *region, keyAt ast.Node) (*ast.AssignStmt, ast.Node) {
	var body *ast.BlockStmt
	var before ast.Node
	switch {
	case r.loop != nil:
		body, before = r.body(), r.loop
		if r.label != "" {
			before = r.labels[r.label]
		}
	case r.lib != nil && r.libCall != nil:
		body, before = funcBody(r.fn), c.enclosingStmt(r.libCall)
	}
	if body == nil || before == nil {
		return nil, nil
	}
	for _, s := range body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 ||
			keyAt.Pos() < as.Rhs[0].Pos() || keyAt.End() > as.Rhs[0].End() {
			continue
		}
		v, ok := c.info.Defs[as.Lhs[0].(*ast.Ident)].(*types.Var)
		if !ok {
			return nil, nil
		}
		uses, local := 0, false
		ast.Inspect(body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
				uses++
			}
			return true
		})
		ast.Inspect(as.Rhs[0], func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if o := c.info.Uses[id]; o != nil && o.Pos() >= before.Pos() && o.Pos() < r.fn.End() {
					local = true // declared in the repeated code or after the insertion point
				}
			}
			return !local
		})
		if uses != 1 || local {
			return nil, nil
		}
		return as, before
	}
	return nil, nil
}

// enclosingStmt returns the statement of a block that holds a node.
func (c *checker) enclosingStmt(n ast.Node) ast.Node {
	for _, f := range c.pass.Files {
		if f.Pos() > n.Pos() || n.End() > f.End() {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, n.Pos(), n.End())
		for i := 0; i+1 < len(path); i++ {
			if _, ok := path[i].(ast.Stmt); !ok {
				continue
			}
			if _, ok := path[i+1].(*ast.BlockStmt); ok {
				return path[i]
			}
		}
	}
	return nil
}
