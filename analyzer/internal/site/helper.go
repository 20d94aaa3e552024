package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"strings"
)

// helper summarises a function for the sites that call it: computed by
// the evaluator for functions of this package, imported as a FuncSummary
// fact for functions of other packages.
type helper struct {
	returns      dinfo           // growth of the Duration it returns
	returnsParam bool            // the returned delay grows with an integer parameter
	waits        bool            // it waits
	waitParam    int             // the parameter it waits for, or -1
	waitKind     dinfo           // the growth of its wait, when not a parameter
	refresh      bool            // it obtains a new token
	newSession   bool            // it creates a session
	terminate    bool            // it terminates a session
	order        *order          // it places an order (an idempotency-key endpoint)
	builder      *requestBuilder // it builds a request from its method and URL parameters
	attempt      bool            // it sends the API request
	kind         attemptKind
	statusResult int          // the result carrying the status, or -1
	pred         *FuncSummary // an imported predicate table
	retryParam   int          // a retry helper: the function parameter it retries, or -1
	retries      []RetryRow
	verdict      int       // a verdict helper: the callback's verdict result, or -1
	verdictWait  int       // the callback's wait result it waits, or -1
	verdictDelay DelayKind // its own wait otherwise
	busy         bool      // being computed (recursion guard)
}

// helperOf returns the summary of a function, or nil when there is none.
func (c *checker) helperOf(fn *types.Func) *helper {
	if fn == nil {
		return nil
	}
	if h, ok := c.helpers[fn]; ok {
		if h != nil && h.busy {
			c.guardHits++
			return nil
		}
		return h
	}
	fd := c.decls[fn]
	if fd == nil {
		h := c.importSummary(fn)
		c.helpers[fn] = h
		return h
	}
	h := &helper{busy: true, waitParam: -1, statusResult: -1, retryParam: -1, verdict: -1, verdictWait: -1, returns: dinfo{kind: dUnknown}}
	c.helpers[fn] = h
	c.summarise(fn, fd, h)
	h.busy = false
	return h
}

// importSummary turns another package's FuncSummary fact into a helper.
func (c *checker) importSummary(fn *types.Func) *helper {
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg || isStdPackage(fn.Pkg().Path()) {
		return nil
	}
	s := c.importedSummary(fn)
	if s == nil {
		return nil
	}
	h := &helper{
		returns: fromKind(s.Returns), returnsParam: s.ReturnsParam,
		waits: s.Waits, waitParam: s.WaitParam, waitKind: fromKind(s.WaitKind),
		refresh: s.Refresh, attempt: s.Attempt,
		newSession: s.NewSession, terminate: s.Terminate,
		order:        importOrder(*s),
		kind:         attemptKind{apiErr: s.APIErrors || s.Errors, codes: s.APIErrors, resp: s.Response},
		statusResult: s.StatusResult,
		retryParam:   s.RetryParam,
		retries:      s.Retries,
		verdict:      -1,
		verdictWait:  -1,
	}
	if s.HasVerdict {
		h.verdict, h.verdictWait, h.verdictDelay = s.Verdict, s.VerdictWait, s.VerdictDelay
	}
	if len(s.Pred) > 0 {
		h.pred = s
	}
	return h
}

// refreshLitNodes are the nodes refreshLiteralIn reads.
var refreshLitNodes = []ast.Node{(*ast.FuncLit)(nil), (*ast.BasicLit)(nil)}

// refreshLiteralIn reports whether a string literal of a function's body,
// outside its function literals, names a token endpoint. Only a package
// with a literal that does (see hasRefreshLiteral) has its bodies read.
func (c *checker) refreshLiteralIn(body inspector.Cursor) bool {
	if !c.hasRefreshLiteral() {
		return false
	}
	found := false
	body.Inspect(refreshLitNodes, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.BasicLit:
			found = found || (n.Kind == token.STRING && c.literalNamesRefresh(n))
		}
		return !found
	})
	return found
}

func (c *checker) summarise(fn *types.Func, fd *ast.FuncDecl, h *helper) {
	sig := fn.Type().(*types.Signature)
	durResult := -1
	for i := 0; i < sig.Results().Len(); i++ {
		if isDurationType(sig.Results().At(i).Type()) {
			durResult = i
		}
	}
	first := true
	// the request builder (sought only where a string parameter can give
	// the URL) and a retry of the function's own requests are found in
	// the same walk
	seekBuilder := c.hasStringParam(fd)
	retries := false
	j := &jumps{} // the function's jumps, read on the way (see jumpsOf)
	visit := func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.LabeledStmt, *ast.BranchStmt:
			j.note(n)
		case *ast.FuncLit:
			if seekBuilder && h.builder == nil {
				h.builder = c.builderOf(fd, n.Body)
			}
			return false
		case *ast.ReturnStmt:
			if durResult >= 0 && len(n.Results) == sig.Results().Len() {
				d := c.delayOf(n.Results[durResult], nil, nil, 1)
				if first {
					h.returns, first = d, false
				} else {
					h.returns = combine(h.returns, d)
				}
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if i < len(n.Rhs) && isTokenStore(l, n.Rhs[i], c) {
					h.refresh = true
				}
			}
		case *ast.CallExpr:
			callee := c.calleeFunc(n)
			if callee == fn {
				j.selfCalls = append(j.selfCalls, n.Pos())
			}
			if seekBuilder && h.builder == nil {
				h.builder = c.builderCall(fd, n, callee)
			}
			http := c.httpAttemptOf(n, callee)
			if !retries && (c.libRetryOf(callee) != nil || (http && c.inRetryLoop(cur, fd.Body))) {
				retries = true
			}
			if callee != nil && c.isRefreshCall(n, callee) {
				h.refresh = true
			}
			if created, terminated := c.sessionEffect(n, callee); created || terminated {
				h.newSession = h.newSession || created
				h.terminate = h.terminate || terminated
			}
			if http || (callee != nil && callee.Pkg() != nil && c.isClientPackage(callee.Pkg().Path())) {
				h.attempt = true
			}
			if arg, ok := c.waitArg(n, callee); ok {
				h.waits = true
				if p := c.paramIndex(fd, arg); p >= 0 {
					h.waitParam = p
				} else {
					h.waitKind = c.delayOf(arg, nil, nil, 1)
				}
			} else if callee != nil {
				if sub := c.helperOf(callee); sub != nil {
					h.attempt = h.attempt || sub.attempt
					h.refresh = h.refresh || sub.refresh
					if sub.waits {
						h.waits = true
						if sub.waitParam >= 0 && sub.waitParam < len(n.Args) {
							if p := c.paramIndex(fd, n.Args[sub.waitParam]); p >= 0 {
								h.waitParam = p
							} else {
								h.waitKind = c.delayOf(n.Args[sub.waitParam], nil, nil, 1)
							}
						} else {
							h.waitKind = sub.waitKind
						}
					}
				}
			}
		}
		return true
	}
	body, walked := c.cursorOf(fd.Body)
	if walked {
		c.visitIndexed(c.bodyNodesIn(body), visit)
		if c.refreshLiteralIn(body) {
			h.refresh = true
		}
	}
	if _, ok := c.jumpCache[fd]; !ok && walked {
		c.jumpCache[fd] = j
	}
	if h.returns.kind == dCounter || h.returns.kind == dLinear {
		h.returnsParam = true
	}
	if retries {
		// a function that retries its own requests is judged at its own
		// sites; its waits and refreshes are its own, and its callers see
		// a final answer
		h.waits, h.refresh, h.attempt = false, false, false
	}
	if h.refresh || c.errorIndex(sig) < 0 {
		// a token request is not the API call; a function without an
		// error cannot fail; one that retries itself is judged at its own
		// sites, and its callers see a final answer
		h.attempt = false
	}
	if h.attempt {
		c.failureShape(fd, sig, h)
		h.order = c.orderOf(fd)
	}
	c.retryHelper(fd, h)
}

// retryHelper recognises a function that retries a function parameter in a
// loop (func withRetry(op func() error) error) and records, per scenario,
// whether a failure of op is tried again and with what delay.
func (c *checker) retryHelper(fd *ast.FuncDecl, h *helper) {
	params := c.params(fd)
	for i, p := range params {
		if p == nil || !returnsError(p.Type()) {
			continue
		}
		var call *ast.CallExpr
		var loop ast.Stmt
		var stack []ast.Node
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if call != nil {
				return false
			}
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			stack = append(stack, n)
			if x, ok := n.(*ast.CallExpr); ok && c.objOf(x.Fun) == p {
				for j := len(stack) - 1; j >= 0; j-- {
					if s, ok := stack[j].(ast.Stmt); ok && c.isRetryLoop(s) {
						call, loop = x, s
						break
					}
				}
			}
			return true
		})
		if call == nil {
			continue
		}
		if vi, wi, ok := verdictResults(p.Type()); ok {
			if ok, waitsReturned, delay := c.verdictHelper(fd, call, loop, vi, wi); ok {
				h.retryParam, h.verdict, h.verdictDelay = i, vi, delay
				if waitsReturned {
					h.verdictWait = wi
				}
				h.waits = false
				return
			}
			continue
		}
		r := &region{fn: fd, loop: loop, attempt: call, kind: attemptKind{apiErr: true, codes: true}, labels: c.labelsOf(fd)}
		rows := []RetryRow{}
		for _, sc := range c.allScenarios() {
			row := c.evalScenario(r, sc, false)
			switch row.Outcome {
			case Next:
				rows = append(rows, RetryRow{Scenario: scenarioKey(sc), Next: true, Delay: row.Paths[0].Delay().Kind, Named: row.Paths[0].Named})
			case Exit:
				rows = append(rows, RetryRow{Scenario: scenarioKey(sc)})
			}
		}
		h.retryParam, h.retries = i, rows
		h.waits = false // its waits are between its own attempts
		return
	}
}

// returnsError reports whether t is a function type whose last result is
// an error.
func returnsError(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	return isErrorType(sig.Results().At(sig.Results().Len() - 1).Type())
}

// errorIndex returns the index of a signature's error result, or -1.
func (c *checker) errorIndex(sig *types.Signature) int {
	for i := sig.Results().Len() - 1; i >= 0; i-- {
		if isErrorType(sig.Results().At(i).Type()) {
			return i
		}
	}
	return -1
}

// failureShape works out how an attempt maker hands a failure back: as the
// *http.Response, as an error carrying the API code, or as a status
// result with a nil error. It runs the function under failing statuses.
func (c *checker) failureShape(fd *ast.FuncDecl, sig *types.Signature, h *helper) {
	h.kind = c.errorShape(sig, fd.Body)
	if h.kind.resp {
		return
	}
	ints := false
	for i := 0; i < sig.Results().Len(); i++ {
		ints = ints || isInteger(sig.Results().At(i).Type())
	}
	if !ints {
		return // no result can carry a status: failures come as errors
	}
	r := &region{fn: fd, labels: c.labelsOf(fd)}
	if !c.findAttempt(r) {
		return
	}
	errIdx := c.errorIndex(sig)
	nilErrs, errs := 0, 0
	for _, status := range []int{400, 429, 502} {
		in := &interp{c: c, r: r, scen: Scenario{Status: status}, pass: 1}
		for _, f := range in.exec(fd.Body, newState()) {
			ret, ok := f.node.(*ast.ReturnStmt)
			if f.ctl != cReturn || !ok || !f.st.attempted || len(ret.Results) != sig.Results().Len() {
				continue
			}
			if nn := in.errNonNil(ret.Results[errIdx], f.st); nn.kind == vBool && !nn.b {
				nilErrs++
				for i, e := range ret.Results {
					if v := in.eval(e, f.st); v.status {
						h.statusResult = i
					}
				}
			} else {
				errs++
			}
		}
	}
	if nilErrs > 0 && errs == 0 && h.statusResult >= 0 {
		h.kind = attemptKind{}
	}
}

// errorShape is how an attempt maker (a function, or a literal called in
// place) with this signature and body hands a failure back, its integer
// results aside (see failureShape): as the *http.Response it returns, or
// as errors that carry the API's codes when its body speaks the API.
func (c *checker) errorShape(sig *types.Signature, body *ast.BlockStmt) attemptKind {
	for i := 0; i < sig.Results().Len(); i++ {
		if isResponseType(sig.Results().At(i).Type()) {
			return attemptKind{resp: true}
		}
	}
	return attemptKind{apiErr: true, codes: c.bodySpeaks(body)}
}

// bodySpeaks reports whether an attempt maker's errors can carry the
// API's codes: its package speaks the API, its body uses something of a
// package that does, or it calls into a client package or an attempt
// maker that does.
func (c *checker) bodySpeaks(body *ast.BlockStmt) bool {
	if c.pkgSpeaks(c.pass.Pkg) || c.usesSpeaking(body) {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if fn := c.calleeFunc(call); fn != nil {
				if h := c.helperOf(fn); h != nil && h.attempt && h.kind.codes {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// paramIndex returns the index of the parameter an expression names.
func (c *checker) paramIndex(fd *ast.FuncDecl, e ast.Expr) int {
	v, ok := c.objOf(e).(*types.Var)
	if !ok {
		return -1
	}
	return paramIndexOf(c.params(fd), v)
}

// isParam reports whether v is a parameter (or named result) of a
// function. Parameters share their scope with the top-level locals of the
// body, so the declaration must lie in the signature.
func (c *checker) isParam(v *types.Var) bool {
	if c.funcScopes == nil {
		c.funcScopes = map[*types.Scope]*ast.FuncType{}
		for n, sc := range c.info.Scopes {
			if ft, ok := n.(*ast.FuncType); ok {
				c.funcScopes[sc] = ft
			}
		}
	}
	ft := c.funcScopes[v.Parent()]
	return ft != nil && ft.Pos() <= v.Pos() && v.Pos() < ft.End()
}

// waitArg returns the duration a std wait call waits for: time.Sleep,
// time.After, time.NewTimer, time.Tick, time.AfterFunc, and the Reset of
// a Timer or Ticker.
func (c *checker) waitArg(call *ast.CallExpr, fn *types.Func) (ast.Expr, bool) {
	if len(call.Args) == 0 {
		return nil, false
	}
	switch {
	case isFunc(fn, "time", "Sleep", "After", "NewTimer", "Tick", "AfterFunc") && recvNamed(fn) == "",
		isFunc(fn, "time", "Reset") && (recvNamed(fn) == "Timer" || recvNamed(fn) == "Ticker"):
		return call.Args[0], true
	}
	return nil, false
}

// waitOf returns the delay a call waits, if it waits.
func (in *interp) waitOf(call *ast.CallExpr, fn *types.Func, st *state) (Delay, bool) {
	c := in.c
	if arg, ok := c.waitArg(call, fn); ok {
		return in.finalDelay(in.delayOf(arg, st, 0), call.Pos()), true
	}
	if fn == nil {
		return Delay{}, false
	}
	if h := c.helperOf(fn); h != nil {
		if !h.waits {
			return Delay{}, false
		}
		if h.waitParam >= 0 && h.waitParam < len(call.Args) {
			return in.finalDelay(in.delayOf(call.Args[h.waitParam], st, 0), call.Pos()), true
		}
		return in.finalDelay(h.waitKind, call.Pos()), true
	}
	if c.decls[fn] == nil && fn.Pkg() != nil && !isStdPackage(fn.Pkg().Path()) &&
		(isWaitName(fn.Name()) || isRetrierMethod(fn)) {
		// a helper from elsewhere that by its name waits: its growth is
		// unknown, so the growth rules stay silent
		return Delay{Kind: UnknownDelay, Pos: call.Pos()}, true
	}
	return Delay{}, false
}

// isWaitName reports whether a function's name says it waits.
func isWaitName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"sleep", "wait", "backoff", "delay", "pause"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// inRetryLoop reports whether a node lies in the body of a loop that can
// retry, within root (not crossing a function literal).
func (c *checker) inRetryLoop(cur inspector.Cursor, root ast.Node) bool {
	for ; cur.Node() != root && cur.Node() != nil; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
		if k := cur.ParentEdgeKind(); k == edge.ForStmt_Body || k == edge.RangeStmt_Body {
			if c.isRetryLoop(cur.Parent().Node().(ast.Stmt)) {
				return true
			}
		}
	}
	return false
}

func loopBody(n ast.Node) *ast.BlockStmt {
	switch l := n.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// isRetrierMethod reports whether fn is a method of an interface whose
// name says it retries or backs off (a retrier's Before or Next may wait:
// the analysis cannot see which implementation runs).
func isRetrierMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return false
	}
	n := strings.ToLower(typeName(sig.Recv().Type()))
	return strings.Contains(n, "retr") || strings.Contains(n, "backoff")
}
