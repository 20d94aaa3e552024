package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A retry loop can run forever when nothing on the way to the next attempt
// can stop it: a `for {}` (or `for true`) with no attempt counter that is
// tested, no deadline, no check of the context, no stop channel. Anything
// that might bound it makes it bounded: the analysis stays silent unless
// no bound can be seen at all.

// loopUnbounded reports whether a region's loop has no bound the analysis
// can see.
func (c *checker) loopUnbounded(r *region) bool {
	if r.loop == nil && r.lib == nil && r.fnObj != nil {
		return c.recursionUnbounded(r)
	}
	loop, ok := r.loop.(*ast.ForStmt)
	if !ok || r.lib != nil {
		return false // range over an int is bounded; libraries have their own
	}
	if loop.Cond != nil {
		if tv, ok := c.info.Types[loop.Cond]; !ok || tv.Value == nil {
			return false // a condition that may turn false
		}
	}
	for _, outer := range r.outer {
		if l, ok := outer.(*ast.ForStmt); !ok || l.Cond != nil {
			return false // an enclosing loop with a bound may end it
		}
	}
	return !c.mayBound(loop)
}

// recursionUnbounded reports whether a function that calls itself again
// after a failure has nothing that may bound it: no integer parameter it
// tests (attempts left, the attempt number), no deadline, no context.
func (c *checker) recursionUnbounded(r *region) bool {
	fd, ok := r.fn.(*ast.FuncDecl)
	if !ok {
		return false
	}
	for _, l := range r.labels {
		if l.Pos() < r.attempt.Pos() {
			return false // a goto site: judged as a loop would be, later
		}
	}
	counters := map[types.Object]bool{}
	for _, p := range c.params(fd) {
		if p != nil && isInteger(p.Type()) {
			counters[p] = true
		}
	}
	return !c.bodyMayBound(fd.Body, counters)
}

// mayBound reports whether a loop holds anything that may bound it.
func (c *checker) mayBound(loop *ast.ForStmt) bool {
	counters := map[types.Object]bool{}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			if o := c.objOf(n.X); o != nil {
				counters[o] = true
			}
		case *ast.AssignStmt:
			if n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN {
				for _, l := range n.Lhs {
					if o := c.objOf(l); o != nil {
						counters[o] = true
					}
				}
			}
		}
		return true
	})
	return c.bodyMayBound(loop.Body, counters)
}

// bodyMayBound reports whether code tests one of the counters, looks at
// the context or the clock, asks a retrier, or waits on a stop channel.
func (c *checker) bodyMayBound(body *ast.BlockStmt, counters map[types.Object]bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BinaryExpr:
			switch n.Op {
			case token.LSS, token.GTR, token.LEQ, token.GEQ, token.EQL, token.NEQ:
				for _, side := range []ast.Expr{n.X, n.Y} {
					if o := c.objOf(side); o != nil && counters[o] {
						found = true // an attempt counter tested
					}
				}
			}
		case *ast.CallExpr:
			if c.boundingCall(n) {
				found = true
			}
		case *ast.CommClause:
			if c.stopCase(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// boundingCall reports whether a call may end a retry: a look at the
// context (Err, Done, Deadline), at the clock against a deadline (Since,
// Until, After, Before, Sub), or a retrier's verdict (Next, NextBackOff,
// ShouldRetry, Allow, Wait with a context).
func (c *checker) boundingCall(call *ast.CallExpr) bool {
	fn := c.calleeFunc(call)
	name := calleeName(call)
	if fn != nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "context":
			return true
		case "time":
			switch fn.Name() {
			case "Since", "Until", "After", "Before", "Sub", "Equal", "Compare":
				return recvNamed(fn) == "Time" || recvNamed(fn) == ""
			}
		}
	}
	switch {
	case name == "Err" || name == "Done" || name == "Deadline":
		return true // a context behind another name
	case name == "Next" || name == "NextBackOff" || strings.HasPrefix(name, "ShouldRetry") || name == "Allow" || name == "Continue":
		return true
	}
	return false
}

// stopCase reports whether a select clause receives from a channel that
// is not a timer's: a stop or done channel that may end the loop.
func (c *checker) stopCase(cl *ast.CommClause) bool {
	var x ast.Expr
	switch s := cl.Comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	default:
		return false
	}
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok {
		if fn := c.calleeFunc(call); isFunc(fn, "time", "After", "Tick") {
			return false // the wait itself
		}
	}
	if sel, ok := ast.Unparen(u.X).(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		if t := c.typeOf(sel.X); isNamed(t, "time", "Timer") || isNamed(t, "time", "Ticker") {
			return false
		}
	}
	return true
}

// libUnbounded returns the option that makes a retry library retry
// without end, or nil: retry-go with Attempts(0) or UntilSucceeded() and
// no Context option. A closure that returns an unrecoverable error still
// ends it, so only the failures it retries count (the rule checks rows).
func (c *checker) libUnbounded(r *region) ast.Node {
	l, call := r.lib, r.libCall
	if l == nil || call == nil || l.pkg != retryGo || l.opts == noArgument {
		return nil
	}
	var forever ast.Node
	for _, a := range call.Args[min(l.opts, len(call.Args)):] {
		opt, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return nil // options built elsewhere: a Context may be among them
		}
		switch fullName(c.calleeFunc(opt)) {
		case retryGo + ".UntilSucceeded":
			forever = opt
		case retryGo + ".Attempts":
			if len(opt.Args) == 1 {
				if n, ok := c.intConst(opt.Args[0]); ok && n == 0 {
					forever = opt
				}
			}
		case retryGo + ".Context":
			return nil // cancelling the context ends it
		}
	}
	return forever
}
