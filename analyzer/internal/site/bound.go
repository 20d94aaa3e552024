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

// recursionPathUnbounded reports whether a recursive call passes every
// integer parameter on unchanged (recur(ctx, req, attempt) after a 429
// where a 502 passes attempt+1), in a function that changes none of them
// and looks at no context, clock or stop channel.
func (c *checker) recursionPathUnbounded(r *region, call *ast.CallExpr) bool {
	fd, ok := r.fn.(*ast.FuncDecl)
	if !ok || r.fnObj == nil || c.bodyMayBound(fd.Body, map[types.Object]bool{}) {
		return false
	}
	params := c.params(fd)
	counters := 0
	for i, p := range params {
		if p == nil || !isInteger(p.Type()) {
			continue
		}
		counters++
		if i >= len(call.Args) || c.objOf(call.Args[i]) != p || c.assigned(fd.Body, p) {
			return false
		}
	}
	return counters > 0
}

// assigned reports whether code assigns to or increments a variable.
func (c *checker) assigned(body ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			found = found || c.objOf(n.X) == v
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || c.objOf(l) == v
			}
		}
		return !found
	})
	return found
}

// mayBound reports whether a loop holds anything that may bound it.
func (c *checker) mayBound(loop *ast.ForStmt) bool {
	counters := map[types.Object]bool{}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			if o := c.objOf(stripStar(n.X)); o != nil {
				counters[o] = true
			}
		case *ast.AssignStmt:
			if n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN {
				for _, l := range n.Lhs {
					if o := c.objOf(stripStar(l)); o != nil {
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
					if o := c.objOf(stripStar(side)); o != nil && counters[o] {
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

// stripStar strips a pointer dereference: *budget counts as budget.
func stripStar(e ast.Expr) ast.Expr {
	if s, ok := ast.Unparen(e).(*ast.StarExpr); ok {
		return s.X
	}
	return e
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
			switch fn.Name() {
			case "Background", "TODO", "WithValue", "WithoutCancel":
				return false // never cancelled
			}
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

// libLimit is what a retry library's backoff or option does to the
// number of attempts: limits, never stops by itself, or lifts the limit
// the library has by default.
type libLimit int

const (
	limits    libLimit = iota + 1 // a number of attempts or a time limit
	endless                       // a backoff that never says stop
	unlimited                     // an option that lifts the default time limit when its argument is 0
	ctxBound                      // a context its argument: bounds unless it is never cancelled
)

// libLimits, keyed by package path and name, as data.
var libLimits = map[string]libLimit{
	backoffV4 + ".WithMaxRetries":     limits,
	backoffV4 + ".WithContext":        ctxBound,
	backoffV4 + ".NewConstantBackOff": endless,
	backoffV4 + ".WithMaxElapsedTime": unlimited,
	backoffV5 + ".WithMaxTries":       limits,
	backoffV5 + ".WithMaxElapsedTime": unlimited,
	backoffV5 + ".NewConstantBackOff": endless,
	goRetry + ".WithMaxRetries":       limits,
	goRetry + ".WithMaxDuration":      limits,
	goRetry + ".NewConstant":          endless,
	goRetry + ".NewExponential":       endless,
	goRetry + ".NewFibonacci":         endless,
	retryGo + ".Attempts":             unlimited,
	retryGo + ".UntilSucceeded":       endless,
	retryGo + ".Context":              ctxBound,
}

// libUnbounded returns the backoff or option that makes a retry library
// retry without end, or nil: retry-go with Attempts(0) or UntilSucceeded()
// and no Context option; backoff with a constant backoff or
// WithMaxElapsedTime(0) and no WithMaxRetries/WithMaxTries or context
// that can be cancelled; go-retry with no WithMaxRetries or
// WithMaxDuration under a context that is never cancelled. A closure that
// returns a permanent error still ends it, so only the failures it
// retries count (the rule checks rows). Anything the analysis cannot see
// (options built elsewhere, a context from the caller) bounds it.
func (c *checker) libUnbounded(r *region) ast.Node {
	l, call := r.lib, r.libCall
	if l == nil || call == nil || l.table != nil || l.hasVerdict {
		return nil
	}
	var forever ast.Node
	bounded := false
	var visit func(e ast.Expr, depth int)
	visit = func(e ast.Expr, depth int) {
		if depth > maxDepth {
			bounded = true
			return
		}
		var x *ast.CallExpr
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			x = e
		case *ast.Ident:
			// b := backoff.NewConstantBackOff(...); backoff.Retry(op, b)
			if v, ok := c.objOf(e).(*types.Var); ok {
				if defs := c.definitions(v); len(defs) == 1 {
					visit(defs[0], depth+1)
					return
				}
			}
		}
		if x == nil {
			bounded = true // built elsewhere
			return
		}
		name := fullName(c.calleeFunc(x))
		switch libLimits[name] {
		case limits:
			bounded = true
		case endless:
			forever = x
		case unlimited:
			if len(x.Args) == 1 {
				if n, ok := c.intConst(x.Args[0]); ok && n == 0 {
					forever = x
				}
			}
		case ctxBound:
			for _, a := range x.Args {
				if isNamed(c.typeOf(a), "context", "Context") && !c.neverCancelled(a) {
					bounded = true
				}
			}
		}
		if i, ok := libWrappers[name]; ok && i < len(x.Args) {
			visit(x.Args[i], depth+1)
		}
		for _, a := range x.Args {
			if ac, ok := ast.Unparen(a).(*ast.CallExpr); ok && libLimits[fullName(c.calleeFunc(ac))] != 0 {
				visit(ac, depth+1) // NewExponentialBackOff(WithMaxElapsedTime(0))
			}
		}
	}
	switch l.pkg {
	case backoffV4, goRetry:
		if l.backoff != noArgument && l.backoff < len(call.Args) {
			visit(call.Args[l.backoff], 0)
		}
		if l.fixed != NoDelay {
			forever = call // retry.Constant(ctx, d, fn): no limit
		}
	case backoffV5:
		// the default ends after 15 minutes
	case retryGo:
	default:
		return nil
	}
	if l.opts != noArgument {
		for _, a := range call.Args[min(l.opts, len(call.Args)):] {
			if _, ok := ast.Unparen(a).(*ast.CallExpr); !ok {
				return nil // options built elsewhere: a limit may be among them
			}
			visit(a, 0)
		}
	}
	for _, a := range call.Args {
		// the library's own context argument (backoff v5, go-retry)
		if isNamed(c.typeOf(a), "context", "Context") && !c.neverCancelled(a) {
			bounded = true
		}
	}
	if bounded {
		return nil
	}
	return forever
}

// usesLiveContext reports whether code reads a context that may be
// cancelled (one that is not context.Background or TODO).
func (c *checker) usesLiveContext(fn ast.Node) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := c.info.Uses[id].(*types.Var); ok && isNamed(v.Type(), "context", "Context") && !c.neverCancelled(id) {
				found = true
			}
		}
		return !found
	})
	return found
}

// transportEnds reports whether a transport error leaves the retry.
func transportEnds(rows []Row) bool {
	for _, r := range rows {
		if r.Scenario.Transport {
			return r.Outcome == Exit
		}
	}
	return false
}

// neverCancelled reports whether a context is context.Background() or
// context.TODO(), directly or through a local variable.
func (c *checker) neverCancelled(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return isFunc(c.calleeFunc(x), "context", "Background", "TODO")
	case *ast.Ident:
		if v, ok := c.objOf(x).(*types.Var); ok {
			if defs := c.definitions(v); len(defs) == 1 {
				return c.neverCancelled(defs[0])
			}
		}
	}
	return false
}
