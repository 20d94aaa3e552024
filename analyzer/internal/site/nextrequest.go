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
	counter := c.loopCounter(r.loop)
	if counter == nil {
		return false
	}
	body := loopBody(r.loop)
	if body == nil {
		return false
	}
	follows := map[types.Object]bool{counter: true}
	define := func(lhs []ast.Expr, rhs []ast.Expr) bool {
		if !c.mentionsAny(rhs, follows) {
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
	args := call.Args
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		args = append(args[:len(args):len(args)], sel.X)
	}
	return c.mentionsAny(args, follows)
}

// loopCounter returns the variable a loop steps each round: a for
// statement's counter (or the variable its post statement steps), a
// range's key. Nil when there is none.
func (c *checker) loopCounter(loop ast.Stmt) types.Object {
	switch l := loop.(type) {
	case *ast.ForStmt:
		if b := c.forBound(l); b != nil {
			return b.counter
		}
		if s, ok := l.Post.(*ast.IncDecStmt); ok {
			return c.objOf(s.X)
		}
	case *ast.RangeStmt:
		if l.Key != nil {
			return c.objOf(l.Key)
		}
	}
	return nil
}

// mentionsAny reports whether the expressions read one of the objects.
func (c *checker) mentionsAny(es []ast.Expr, objs map[types.Object]bool) bool {
	found := false
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if found {
				return false
			}
			if id, ok := n.(*ast.Ident); ok && objs[c.info.Uses[id]] {
				found = true
			}
			return true
		})
	}
	return found
}

// isContextType reports whether t is context.Context.
func isContextType(t types.Type) bool { return isNamed(t, "context", "Context") }
