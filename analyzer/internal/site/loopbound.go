package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A loop's counter and bound, read from its header: what a retry loop
// counts (see lastIteration), whether a for statement walks a list's
// indices (see overItems), and which variable each round steps (see
// requestFollowsCounter).

// counterBound is what the region's loop runs while: counter < term+off
// (orEqual: <=), counter going up by one per iteration, or (down)
// counter > term+off (orEqual: >=), counter going down by one.
type counterBound struct {
	counter types.Object
	term    ast.Expr // the bound; for a range over a slice, the slice (as len of it)
	byLen   bool     // term is ranged over: the bound is len(term)
	off     int64
	orEqual bool
	down    bool
}

// loopBound returns the counter and bound of the region's loop, or nil: a
// for statement counting up to a bound (for i := 0; i < n; i++), a range
// over an integer, or a range with a key over a slice or array.
func (c *checker) loopBound(r *region) *counterBound {
	if r.boundRead {
		return r.bound
	}
	r.boundRead = true
	switch l := r.loop.(type) {
	case *ast.ForStmt:
		r.bound = c.forBound(l)
	case *ast.RangeStmt:
		if l.Key == nil {
			return nil
		}
		k := c.objOf(l.Key)
		if k == nil {
			return nil
		}
		t := c.typeOf(l.X)
		if t == nil {
			return nil
		}
		switch t.Underlying().(type) {
		case *types.Basic: // isRetryLoop admits only integers
			term, off := c.linear(l.X)
			r.bound = &counterBound{counter: k, term: term, off: off}
		case *types.Slice, *types.Array:
			r.bound = &counterBound{counter: k, term: l.X, byLen: true}
		}
	}
	return r.bound
}

// forBound reads a for statement's counter and bound.
func (c *checker) forBound(l *ast.ForStmt) *counterBound {
	cond, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr)
	if !ok || l.Post == nil {
		return nil
	}
	// the counter on the left: i < n, and n > i read as i < n
	x, y, op := cond.X, cond.Y, cond.Op
	if _, ok := ast.Unparen(x).(*ast.Ident); !ok {
		x, y, op = y, x, mirror(op)
	}
	counter, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	v := c.objOf(counter)
	if v == nil {
		return nil
	}
	term, off := c.linear(y)
	b := &counterBound{counter: v, term: term, off: off, orEqual: op == token.LEQ || op == token.GEQ}
	switch op {
	case token.LSS, token.LEQ: // for i := 0; i < n; i++
		if c.stepsByOne(l.Post, v, token.INC) {
			return b
		}
	case token.GTR, token.GEQ: // for left := n; left > 0; left--
		if c.stepsByOne(l.Post, v, token.DEC) {
			b.down = true
			return b
		}
	}
	return nil
}

// stepsByOne reports whether a post statement moves v by one in the
// direction of tok (token.INC: v++, v += 1, v = v + 1; token.DEC: v--,
// v -= 1, v = v - 1).
func (c *checker) stepsByOne(post ast.Stmt, v types.Object, tok token.Token) bool {
	step, assign := int64(1), token.ADD_ASSIGN
	if tok == token.DEC {
		step, assign = -1, token.SUB_ASSIGN
	}
	switch s := post.(type) {
	case *ast.IncDecStmt:
		return s.Tok == tok && c.objOf(s.X) == v
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || c.objOf(s.Lhs[0]) != v {
			return false
		}
		if s.Tok == assign {
			n, ok := c.intConst(s.Rhs[0])
			return ok && n == 1
		}
		if s.Tok == token.ASSIGN {
			term, off := c.linear(s.Rhs[0])
			return term != nil && off == step && c.objOf(term) == v
		}
	}
	return false
}

// linear splits an integer expression into a term and a constant offset:
// n-1 is (n, -1), 1+i is (i, 1), n is (n, 0), and a constant is (nil, its
// value).
func (c *checker) linear(e ast.Expr) (ast.Expr, int64) {
	e = ast.Unparen(e)
	if k, ok := c.intConst(e); ok {
		return nil, k
	}
	b, ok := e.(*ast.BinaryExpr)
	if !ok || (b.Op != token.ADD && b.Op != token.SUB) {
		return e, 0
	}
	if k, ok := c.intConst(b.Y); ok {
		term, off := c.linear(b.X)
		if b.Op == token.SUB {
			return term, off - k
		}
		return term, off + k
	}
	if k, ok := c.intConst(b.X); ok && b.Op == token.ADD {
		term, off := c.linear(b.Y)
		return term, off + k
	}
	return e, 0
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
