package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Clients skip the pause after the last attempt (if attempt < max-1 {
// time.Sleep(d) }): on that path the loop ends, and no attempt follows
// the missing pause. A condition that compares the loop's counter with
// its bound tells which of its branches is the last iteration; a path
// through that branch does not reach a next attempt.

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

// lastIteration reports, for a condition the evaluation cannot decide,
// whether its true branch (thenLast) or its false branch (elseLast) is
// taken only on the loop's last iteration.
func (in *interp) lastIteration(e ast.Expr) (thenLast, elseLast bool) {
	if in.r.loop == nil {
		return false, false
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.NOT {
		t, f := in.lastIteration(u.X)
		return f, t
	}
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok {
		return false, false
	}
	if l, ok := in.r.loop.(*ast.ForStmt); ok && l.Post == nil && in.c.sameCond(b, l.Cond) {
		// for tries > 0 { ...; tries--; if tries > 0 { pause } }: the
		// loop's own condition, false, ends the loop
		return false, true
	}
	lb := in.c.loopBound(in.r)
	if lb == nil {
		return false, false
	}
	c := in.c
	xt, xk := c.linear(b.X)
	yt, yk := c.linear(b.Y)
	op := b.Op
	switch {
	case xt != nil && c.objOf(xt) == lb.counter && c.isBoundTerm(yt, lb):
	case yt != nil && c.objOf(yt) == lb.counter && c.isBoundTerm(xt, lb):
		// bound OP counter: read as counter OP' bound
		xk, yk = yk, xk
		op = mirror(op)
	default:
		return false, false
	}
	// counter + xk OP term + yk, with d = term - counter (what is left):
	// -d OP yk - xk, that is d OP' xk - yk; the loop runs again when
	// counter+1 < term+off (<=: when counter+1 <= term+off), that is when
	// d >= need
	t, dop := xk-yk, mirror(op)
	need := 2 - lb.off
	if lb.orEqual {
		need = 1 - lb.off
	}
	if lb.down {
		// counting down, d = counter - term: d OP yk - xk; the loop runs
		// again when counter-1 > term+off (>=: counter-1 >= term+off)
		t, dop = yk-xk, op
		need = 2 + lb.off
		if lb.orEqual {
			need = 1 + lb.off
		}
	}
	last := func(op token.Token) bool {
		switch op {
		case token.LSS: // d < t
			return t-1 < need
		case token.LEQ, token.EQL: // d <= t, d == t
			return t < need
		}
		return false
	}
	return last(dop), last(negate(dop))
}

// sameCond reports whether a comparison is the same as a loop's condition.
func (c *checker) sameCond(b *ast.BinaryExpr, cond ast.Expr) bool {
	l, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	return ok && l.Op == b.Op && c.sameExpr(l.X, b.X) && c.sameExpr(l.Y, b.Y)
}

// isBoundTerm reports whether a term is the loop's bound: the same
// expression, or len of the slice a range goes over.
func (c *checker) isBoundTerm(e ast.Expr, lb *counterBound) bool {
	if e == nil || lb.term == nil {
		return e == nil && lb.term == nil // both constant: the offsets tell
	}
	if !lb.byLen {
		return c.sameExpr(e, lb.term)
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && len(call.Args) == 1 && c.builtinName(call) == "len" && c.sameExpr(call.Args[0], lb.term)
}

// sameExpr reports whether two side-effect-free expressions denote the
// same value: the same variables, fields, constants and len calls.
func (c *checker) sameExpr(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	if x, ok := c.intConst(a); ok {
		y, ok := c.intConst(b)
		return ok && x == y
	}
	switch a := a.(type) {
	case *ast.Ident:
		o := c.objOf(a)
		return o != nil && o == c.objOf(b)
	case *ast.SelectorExpr:
		bs, ok := b.(*ast.SelectorExpr)
		if !ok || a.Sel.Name != bs.Sel.Name {
			return false
		}
		if _, field := c.info.Selections[a]; !field {
			return c.objOf(a) != nil && c.objOf(a) == c.objOf(bs)
		}
		return c.sameExpr(a.X, bs.X)
	case *ast.CallExpr:
		bc, ok := b.(*ast.CallExpr)
		return ok && len(a.Args) == 1 && len(bc.Args) == 1 && c.builtinName(a) == "len" &&
			c.builtinName(bc) == "len" && c.sameExpr(a.Args[0], bc.Args[0])
	case *ast.StarExpr:
		bs, ok := b.(*ast.StarExpr)
		return ok && c.sameExpr(a.X, bs.X)
	}
	return false
}

// mirror swaps a comparison's sides: a < b is b > a.
func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// negate is the comparison that holds when op does not.
func negate(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GEQ
	case token.GEQ:
		return token.LSS
	case token.GTR:
		return token.LEQ
	case token.LEQ:
		return token.GTR
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	}
	return token.ILLEGAL
}
