package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A loop whose counter goes into the request (c.Get(fmt.Sprintf("%s?page=%d",
// base, page)), or into what the request is built from, sends another
// request each round: the next page or item. A failure it moves past is
// not retried, so the loop is no retry site for that attempt.

// maxTaintRounds bounds how many definitions deep the counter is followed
// (page, then url, then req).
const maxTaintRounds = 4

// requestFollowsCounter reports whether the attempt's arguments or
// receiver read the loop's counter, directly or through locals the loop
// body defines from it. A context is not followed: a longer timeout per
// round is still the same request.
func (c *checker) requestFollowsCounter(r *region, call *ast.CallExpr) bool {
	follows := c.counterFollowers(r.loop)
	if len(follows) == 0 {
		return false
	}
	args := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		args = append(args[:len(args):len(args)], sel.X)
	}
	return c.refersToAny(args, follows)
}

// counterFollowers returns the loop's counter and the locals its body
// defines from it, read once per loop; empty when the loop has no counter.
func (c *checker) counterFollowers(loop ast.Stmt) map[types.Object]bool {
	if f, ok := c.followers[loop]; ok {
		return f
	}
	if c.followers == nil {
		c.followers = map[ast.Stmt]map[types.Object]bool{}
	}
	counter, body := c.loopCounter(loop), loopBody(loop)
	if counter == nil || body == nil {
		c.followers[loop] = nil
		return nil
	}
	follows := map[types.Object]bool{counter: true}
	define := func(lhs []ast.Expr, rhs []ast.Expr) bool {
		if !c.refersToAny(rhs, follows) {
			return false
		}
		changed := false
		for _, l := range lhs {
			v, ok := c.objOf(l).(*types.Var)
			if ok && !follows[v] && isLocal(v) && !isContextType(v.Type()) {
				follows[v], changed = true, true
			}
		}
		return changed
	}
	for range maxTaintRounds {
		changed := false
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE || n.Tok == token.ASSIGN {
					changed = define(n.Lhs, n.Rhs) || changed
				}
			case *ast.ValueSpec:
				names := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					names[i] = id
				}
				changed = define(names, n.Values) || changed
			}
			return true
		})
		if !changed {
			break
		}
	}
	c.followers[loop] = follows
	return follows
}

// isContextType reports whether t is context.Context.
func isContextType(t types.Type) bool { return isNamed(t, "context", "Context") }
