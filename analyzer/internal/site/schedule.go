package site

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// A loop over a schedule of pauses (for _, pause := range
// []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) is a
// retry loop (see isRetryLoop), and its pause is the range value.

// scheduleDelay classifies the range value of the region's loop when the
// loop ranges over a schedule written out as a list of constants (in place,
// or in a variable with that one definition): the same pause throughout is
// constant, a growing one backs off (however it grows: a hand-tuned
// schedule is backoff). Any other schedule is unknown.
func (c *checker) scheduleDelay(r *region, v *types.Var) (dinfo, bool) {
	rs, ok := r.loop.(*ast.RangeStmt)
	if !ok || rs.Value == nil || c.objOf(rs.Value) != v {
		return dinfo{}, false
	}
	return c.scheduleGrowth(c.scheduleLiteral(rs.X)), true
}

// scheduleIndex classifies an entry of a schedule picked by a value that
// changes (time.Sleep(retryDelays[attempt]), Delays[i] * time.Second): the
// schedule's growth, as for a range over it. ok is false for an index
// that is a constant, which picks one entry.
func (c *checker) scheduleIndex(e *ast.IndexExpr) (dinfo, bool) {
	if _, ok := c.intConst(e.Index); ok {
		return dinfo{}, false
	}
	t := c.typeOf(e.X)
	if listElem(t) != nil {
		return c.scheduleGrowth(c.scheduleLiteral(e.X)), true
	}
	if _, ok := underlying(t).(*types.Map); ok {
		return dinfo{kind: dUnknown}, true
	}
	return dinfo{}, false
}

// scheduleGrowth is the growth of a schedule's entries: constant when all
// are the same constant, backoff when they grow, unknown otherwise.
func (c *checker) scheduleGrowth(lit *ast.CompositeLit) dinfo {
	if lit == nil || len(lit.Elts) == 0 {
		return dinfo{kind: dUnknown}
	}
	var prev constant.Value
	same, grows := true, true
	for _, el := range lit.Elts {
		tv, ok := c.info.Types[el]
		if !ok || tv.Value == nil {
			return dinfo{kind: dUnknown}
		}
		if prev != nil {
			same = same && constant.Compare(tv.Value, token.EQL, prev)
			grows = grows && constant.Compare(tv.Value, token.GTR, prev)
		}
		prev = tv.Value
	}
	switch {
	case same:
		return dinfo{kind: dConst, zero: constant.Sign(prev) == 0}
	case grows:
		return dinfo{kind: dExp}
	}
	return dinfo{kind: dUnknown}
}

// scheduleLiteral returns the composite literal a range expression is, or
// that the variable it names is defined as once.
func (c *checker) scheduleLiteral(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.CompositeLit); ok {
		return lit
	}
	v, ok := c.objOf(e).(*types.Var)
	if !ok || v.IsField() {
		return nil
	}
	defs := c.definitions(v)
	if len(defs) != 1 {
		return nil
	}
	lit, _ := ast.Unparen(defs[0]).(*ast.CompositeLit)
	return lit
}
