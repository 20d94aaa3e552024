package site

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// A cap on a growing delay (`if d > max { d = max }`, as clients write it
// after computing base * 2^attempt) keeps the delay growing until it
// reaches the cap: the delay stays exponential. Only a cap that is reached
// from the first attempt on makes it constant.

// clampOf recognises `if d > max { d = max }` (also >=, and `max < d`)
// with no init and no else: the variable and the cap.
func (c *checker) clampOf(s *ast.IfStmt) (*types.Var, ast.Expr, bool) {
	if s.Init != nil || s.Else != nil || len(s.Body.List) != 1 {
		return nil, nil, false
	}
	as, ok := s.Body.List[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, nil, false
	}
	v, ok := c.objOf(as.Lhs[0]).(*types.Var)
	if !ok {
		return nil, nil, false
	}
	cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok {
		return nil, nil, false
	}
	capExpr := types.ExprString(as.Rhs[0])
	switch {
	case (cond.Op == token.GTR || cond.Op == token.GEQ) && c.objOf(cond.X) == v && types.ExprString(cond.Y) == capExpr,
		(cond.Op == token.LSS || cond.Op == token.LEQ) && c.objOf(cond.Y) == v && types.ExprString(cond.X) == capExpr:
		return v, as.Rhs[0], true
	}
	return nil, nil, false
}

// cappedFromStart reports whether a cap is reached from the first attempt
// on: every other definition of v has a known first value at or above a
// constant cap.
func (c *checker) cappedFromStart(v *types.Var, capExpr ast.Expr, r *region) bool {
	tv, ok := c.info.Types[capExpr]
	if !ok || tv.Value == nil {
		return false // a configured cap: it cannot be told
	}
	capV, _ := constant.Float64Val(constant.ToFloat(tv.Value))
	capStr := types.ExprString(capExpr)
	n := 0
	for _, d := range c.definitions(v) {
		if types.ExprString(d) == capStr {
			continue
		}
		f, ok := c.firstValue(d, r, 0)
		if !ok || f < capV {
			return false
		}
		n++
	}
	return n > 0
}

// firstValue folds an expression on the first attempt: loop counters at
// their start, locals at their single definition.
func (c *checker) firstValue(e ast.Expr, r *region, depth int) (float64, bool) {
	if depth > maxDepth {
		return 0, false
	}
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		if f, ok := constant.Float64Val(constant.ToFloat(tv.Value)); ok {
			return f, true
		}
		return 0, false
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.firstValue(e.X, r, depth)
	case *ast.Ident:
		v, ok := c.objOf(e).(*types.Var)
		if !ok {
			return 0, false
		}
		if r != nil && c.isRangeKey(r, v) {
			return 0, true
		}
		if defs := c.definitions(v); len(defs) == 1 {
			return c.firstValue(defs[0], r, depth+1)
		}
	case *ast.BinaryExpr:
		x, ok1 := c.firstValue(e.X, r, depth)
		y, ok2 := c.firstValue(e.Y, r, depth)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch e.Op {
		case token.ADD:
			return x + y, true
		case token.SUB:
			return x - y, true
		case token.MUL:
			return x * y, true
		case token.QUO:
			if y != 0 {
				return x / y, true
			}
		case token.SHL:
			if y >= 0 && y < 63 {
				return x * math.Pow(2, y), true
			}
		}
	case *ast.CallExpr:
		if c.isConversion(e) && len(e.Args) == 1 {
			return c.firstValue(e.Args[0], r, depth)
		}
		if isFunc(c.calleeFunc(e), "math", "Pow") && len(e.Args) == 2 {
			x, ok1 := c.firstValue(e.Args[0], r, depth)
			y, ok2 := c.firstValue(e.Args[1], r, depth)
			if ok1 && ok2 {
				return math.Pow(x, y), true
			}
		}
	}
	return 0, false
}
