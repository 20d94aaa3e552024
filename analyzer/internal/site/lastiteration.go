package site

import (
	"go/ast"
	"go/token"
)

// Clients skip the pause after the last attempt (if attempt < max-1 {
// time.Sleep(d) }): on that path the loop ends, and no attempt follows
// the missing pause. A condition that compares the loop's counter with
// its bound tells which of its branches is the last iteration; a path
// through that branch does not reach a next attempt.

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
