package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// update is how a loop changes a variable from one attempt to the next.
type update int

const (
	updNone update = iota
	updAdd         // x++, x += c, x = x + c
	updMul         // x *= 2, x <<= 1, x = x * 2, x = min(x*2, max)
)

type updateKey struct {
	loop ast.Node
	v    types.Object
}

// loopUpdate returns how the region's loop updates v (a variable or a
// field), looking at its body and post statement.
func (c *checker) loopUpdate(r *region, v types.Object) update {
	// what repeats: the loop, or for goto and recursion the function
	var scope ast.Node = r.loop
	if r.loop == nil {
		if r.lib != nil || r.fn == nil {
			return updNone
		}
		scope = r.fn
	}
	key := updateKey{scope, v}
	if u, ok := c.updates[key]; ok {
		return u
	}
	if c.updates == nil {
		c.updates = map[updateKey]update{}
	}
	u := updNone
	if body := loopBody(r.loop); body != nil && v.Pos() >= body.Pos() && v.Pos() < body.End() {
		// declared in the body: made anew on every attempt
		c.updates[key] = u
		return u
	}
	ast.Inspect(scope, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == scope
		case *ast.IncDecStmt:
			if c.objOf(n.X) == v && u == updNone {
				u = updAdd
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if c.objOf(l) != v || i >= len(n.Rhs) {
					continue
				}
				switch n.Tok {
				case token.MUL_ASSIGN, token.SHL_ASSIGN:
					u = updMul
				case token.ADD_ASSIGN, token.SUB_ASSIGN:
					if u == updNone {
						u = updAdd
					}
				case token.ASSIGN:
					if g := c.selfGrowth(n.Rhs[i], v); g > u {
						u = g
					}
				}
			}
		}
		return true
	})
	c.updates[key] = u
	return u
}

// selfGrowth classifies `v = <rhs>` where rhs refers to v: a product or
// shift involving v (or v + v) multiplies; a sum involving v adds.
func (c *checker) selfGrowth(rhs ast.Expr, v types.Object) update {
	u := updNone
	ast.Inspect(rhs, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok {
			return true
		}
		refs := c.refersTo(b.X, v) || c.refersTo(b.Y, v)
		if !refs {
			return true
		}
		switch b.Op {
		case token.MUL, token.SHL:
			u = updMul
		case token.ADD:
			if c.refersTo(b.X, v) && c.refersTo(b.Y, v) {
				u = updMul
			} else if u == updNone {
				u = updAdd
			}
		case token.SUB:
			if u == updNone {
				u = updAdd
			}
		}
		return true
	})
	return u
}

// refersTo reports whether e mentions v.
func (c *checker) refersTo(e ast.Expr, v types.Object) bool {
	return c.refersWhere(e, func(o types.Object) bool { return o == v })
}

// refersToAny reports whether one of the expressions mentions one of the
// objects.
func (c *checker) refersToAny(es []ast.Expr, objs map[types.Object]bool) bool {
	for _, e := range es {
		if c.refersWhere(e, func(o types.Object) bool { return objs[o] }) {
			return true
		}
	}
	return false
}

// refersWhere reports whether e mentions a variable, field or other object
// that match accepts.
func (c *checker) refersWhere(e ast.Expr, match func(types.Object) bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if ex, ok := n.(ast.Expr); ok && !found {
			switch ex.(type) {
			case *ast.Ident, *ast.SelectorExpr:
				if o := c.objOf(ex); o != nil && match(o) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// definitions returns every expression assigned to a variable of this
// package (for a tuple assignment from a call, the call for its first
// variable). A local variable is looked for only in the function that
// declares it, read once per function; package variables and fields in
// the whole package, read once.
func (c *checker) definitions(v *types.Var) []ast.Expr {
	if c.defs == nil {
		c.defs = map[*types.Var][]ast.Expr{}
		c.defsRead = map[ast.Node]bool{}
	}
	root := ast.Node(nil) // the whole package
	if isLocal(v) {
		if cur, ok := c.declAt(v.Pos()); ok {
			root = cur.Node()
		}
	}
	if root != nil && c.defsRead[nil] {
		return c.defs[v] // the whole package was read
	}
	if c.defsRead[root] {
		return c.defs[v]
	}
	if root == nil {
		// the whole package holds every function's locals too: start
		// afresh, or what single functions added would count twice
		c.defs = map[*types.Var][]ast.Expr{}
	}
	c.defsRead[root] = true
	from := c.insp.Root()
	if root != nil {
		from, _ = c.cursorOf(root)
	}
	add := func(id ast.Expr, e ast.Expr) {
		if o, ok := c.objOf(id).(*types.Var); ok {
			c.defs[o] = append(c.defs[o], e)
		}
	}
	for cur := range from.Preorder((*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				continue
			}
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					add(n.Lhs[i], n.Rhs[i])
				}
			} else if len(n.Rhs) == 1 && len(n.Lhs) > 0 {
				add(n.Lhs[0], n.Rhs[0])
			}
		case *ast.CompositeLit:
			if root != nil {
				continue // fields are read with the whole package
			}
			// function-valued fields set in a literal:
			// &Client{backoff: expBackoff}
			for _, el := range n.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if id, ok := kv.Key.(*ast.Ident); ok {
					if f, ok := c.info.Uses[id].(*types.Var); ok && f.IsField() {
						if _, isFunc := f.Type().Underlying().(*types.Signature); isFunc {
							c.defs[f] = append(c.defs[f], kv.Value)
						}
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					add(n.Names[i], n.Values[i])
				}
			} else if len(n.Values) == 1 {
				add(n.Names[0], n.Values[0])
			}
		}
	}
	return c.defs[v]
}

// isRangeKey reports whether v is the counter of the region's range loop.
func (c *checker) isRangeKey(r *region, v types.Object) bool {
	rs, ok := r.loop.(*ast.RangeStmt)
	return ok && rs.Key != nil && c.objOf(rs.Key) == v
}

// isLocal reports whether a variable is declared inside a function.
func isLocal(v *types.Var) bool {
	return !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}
