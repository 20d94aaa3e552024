package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// librarySite builds the site of a function handed to a retry library:
// the library calls it again when it returns an error the library
// retries.
func (c *checker) librarySite(call *ast.CallExpr, l *libRetry) *Site {
	if l.op >= len(call.Args) {
		return nil
	}
	fn := c.funcNode(call.Args[l.op])
	if fn == nil {
		return nil
	}
	r := &region{fn: fn, lib: l, libCall: call, labels: c.labelsOf(fn)}
	if !c.findAttempt(r) {
		return nil
	}
	return c.evaluate(r)
}

// funcNode returns the function a function value denotes: a literal, a
// local variable bound to one, or a function or method of this package.
func (c *checker) funcNode(e ast.Expr) ast.Node {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return e
	case *ast.Ident, *ast.SelectorExpr:
		switch o := c.objOf(e).(type) {
		case *types.Func:
			if fd := c.decls[o.Origin()]; fd != nil {
				return fd
			}
		case *types.Var:
			if defs := c.definitions(o); len(defs) == 1 {
				if lit, ok := ast.Unparen(defs[0]).(*ast.FuncLit); ok {
					return lit
				}
			}
		}
	}
	return nil
}

// funcBody returns the body of a function node.
func funcBody(fn ast.Node) *ast.BlockStmt {
	switch f := fn.(type) {
	case *ast.FuncLit:
		return f.Body
	case *ast.FuncDecl:
		return f.Body
	}
	return nil
}

// signatureOf returns the signature of a function declaration or literal,
// or nil.
func (c *checker) signatureOf(fn ast.Node) *types.Signature {
	var t types.Type
	switch f := fn.(type) {
	case *ast.FuncLit:
		t = c.typeOf(f)
	case *ast.FuncDecl:
		if o := c.info.Defs[f.Name]; o != nil {
			t = o.Type()
		}
	}
	sig, _ := t.(*types.Signature)
	return sig
}

// findAttempt sets the region's attempt: its first call that reaches the
// API, not counting nested function literals.
func (c *checker) findAttempt(r *region) bool {
	body := funcBody(r.fn)
	if body == nil {
		return false
	}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if r.attempt != nil {
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
		if call, ok := n.(*ast.CallExpr); ok {
			if kind, sure, ok := c.candidateAttempt(call, c.calleeFunc(call)); ok {
				if sure {
					r.attempt, r.kind = call, kind
				} else if v := c.errorVar(call, stack); v != nil {
					if found, speaks := c.classifiesError(body, v, call); found {
						kind.codes = speaks
						r.attempt, r.kind = call, kind
					}
				}
			}
		}
		return true
	})
	return r.attempt != nil
}

// libReturn decides what the library does with a returned error: retry
// it (next attempt), stop (exit), or cannot tell.
func (in *interp) libReturn(s *ast.ReturnStmt, st *state) (ctl, *Delay) {
	l := in.r.lib
	if len(s.Results) == 0 {
		return cUnknown, nil
	}
	e := s.Results[len(s.Results)-1]
	if len(s.Results) == 1 && in.isAttempt(e) && in.c.errorResult(in.r.attempt) > 0 {
		// return c.Get(ctx): the attempt's results are the function's
		return in.libDecide(l, value{kind: vErr, tainted: true}, markNone, nil, st)
	}
	m, arg := in.c.markerOf(e)
	return in.libDecide(l, in.eval(e, st), m, arg, st, e)
}

// isAttempt reports whether e is the region's attempt call.
func (in *interp) isAttempt(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && in.r.attempt != nil && call == in.r.attempt
}

// libDecide applies the library's rules to a returned error value.
func (in *interp) libDecide(l *libRetry, v value, m marker, arg ast.Expr, st *state, expr ...ast.Expr) (ctl, *Delay) {
	if l.table != nil {
		// a retry helper of the code: its own loop decides
		if nn := in.nonNil(v, expr...); nn.kind != vBool {
			return cUnknown, nil
		} else if !nn.b {
			return cReturn, nil
		}
		row, ok := l.row(in.scenario())
		switch {
		case !ok:
			return cUnknown, nil
		case row.Next:
			return cNext, nil
		}
		return cReturn, nil
	}
	retryIf := in.c.libOption(in.r.libCall, l, retryGo+".RetryIf")
	if m == markNone && v.final {
		m = markExit // marked permanent in a function of the package: return classify(err)
	}
	switch m {
	case markRetry:
		return cNext, nil
	case markRetryAfter:
		d := Delay{Kind: Constant}
		if arg != nil {
			d = in.finalDelay(in.delayOf(arg, st, 0), arg.Pos())
			if d.Kind == Constant || d.Kind == Linear {
				d.Bug = NoBug
			}
		}
		return cNext, &d
	case markExit:
		// retry-go honours Unrecoverable only through its default RetryIf
		// (or with Attempts(0)); a RetryIf of one's own decides alone
		if !(l.pkg == retryGo && retryIf != nil && !in.c.untilSucceeded(in.r.libCall, l)) {
			return cReturn, nil
		}
	}
	if l.onlyMarked {
		return cReturn, nil // go-retry stops on an unmarked error, and on nil
	}
	nonNil := in.nonNil(v, expr...)
	switch {
	case nonNil.kind != vBool:
		return cUnknown, nil
	case !nonNil.b:
		return cReturn, nil // success: nil error
	}
	if retryIf != nil {
		p := in.c.runPredicate(retryIf, in.scenario(), in.r.kind, func(p []*types.Var, ps *state) {
			if len(p) > 0 && p[0] != nil {
				ps.vals[p[0]] = v
			}
		})
		st.readCode = st.readCode || p.readCode
		st.readStatus = st.readStatus || p.readStatus
		st.named = st.named || p.named
		in.r.addMessageConds(p.msgConds)
		switch {
		case p.v.kind != vBool:
			return cUnknown, nil
		case !p.v.b:
			return cReturn, nil
		}
		// RetryIf holds the decision: the finding goes to its return
		in.decidedAt = p.at
	}
	return cNext, nil
}

// untilSucceeded reports whether a retry-go call retries without limit
// (Attempts(0) or UntilSucceeded()).
func (c *checker) untilSucceeded(call *ast.CallExpr, l *libRetry) bool {
	for _, a := range call.Args[min(l.opts, len(call.Args)):] {
		opt, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			continue
		}
		switch fullName(c.calleeFunc(opt)) {
		case retryGo + ".UntilSucceeded":
			return true
		case retryGo + ".Attempts":
			if len(opt.Args) == 1 {
				if n, ok := c.intConst(opt.Args[0]); ok && n == 0 {
					return true
				}
			}
		}
	}
	return false
}

// nonNil decides whether a returned error is non-nil, from its value
// and, when that is not known, from the expression that made it.
func (in *interp) nonNil(v value, expr ...ast.Expr) value {
	if eq := in.nilCompare(v); eq.kind == vBool {
		return boolValue(!eq.b, eq.tainted)
	}
	if len(expr) == 0 {
		return v
	}
	switch x := ast.Unparen(expr[0]).(type) {
	case *ast.CallExpr:
		fn := in.c.calleeFunc(x)
		if isFunc(fn, "fmt", "Errorf") || isFunc(fn, "errors", "New") {
			return boolValue(true, false)
		}
		if t := in.c.typeOf(x); t != nil && in.c.isAPIErrorType(t) {
			return boolValue(true, false)
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return boolValue(true, false)
		}
	case *ast.CompositeLit:
		return boolValue(true, false)
	}
	return v
}

// errNonNil decides whether a returned error expression is non-nil.
func (in *interp) errNonNil(e ast.Expr, st *state) value {
	return in.nonNil(in.eval(e, st), e)
}

// libOption returns the argument of an option (by full name) passed to a
// library call, or nil.
func (c *checker) libOption(call *ast.CallExpr, l *libRetry, name string) ast.Node {
	if l.opts == noArgument {
		return nil
	}
	for _, a := range call.Args[min(l.opts, len(call.Args)):] {
		opt, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok || len(opt.Args) != 1 {
			continue
		}
		if fullName(c.calleeFunc(opt)) == name {
			return c.funcNode(opt.Args[0])
		}
	}
	return nil
}

// libDelay returns the delay a library waits between calls, and whether
// it retries at all.
func (c *checker) libDelay(call *ast.CallExpr, l *libRetry) (DelayKind, bool) {
	if l.fixed != NoDelay {
		return l.fixed, true
	}
	kind := l.byDefault
	if l.backoff != noArgument && l.backoff < len(call.Args) {
		kind = c.backoffKind(call.Args[l.backoff], 0)
	}
	if l.opts != noArgument {
		for _, a := range call.Args[min(l.opts, len(call.Args)):] {
			opt, ok := ast.Unparen(a).(*ast.CallExpr)
			if !ok || len(opt.Args) == 0 {
				continue
			}
			switch fullName(c.calleeFunc(opt)) {
			case backoffV5 + ".WithBackOff", retryGo + ".DelayType":
				kind = c.backoffKind(opt.Args[0], 0)
			case retryGo + ".Attempts", backoffV5 + ".WithMaxTries":
				if n, ok := c.intConst(opt.Args[0]); ok && n == 1 {
					return kind, false
				}
			}
		}
	} else if l.backoff == noArgument && l.byDefault == NoDelay {
		kind = UnknownDelay
	}
	return kind, true
}

// backoffKind classifies a backoff value or delay function of a library.
func (c *checker) backoffKind(e ast.Expr, depth int) DelayKind {
	if depth > maxDepth {
		return UnknownDelay
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CallExpr:
		name := fullName(c.calleeFunc(x))
		if k, ok := libBackoffs[name]; ok {
			return k
		}
		if i, ok := libWrappers[name]; ok && i < len(x.Args) {
			return c.backoffKind(x.Args[i], depth+1)
		}
		if name == retryGo+".CombineDelay" {
			out := NoDelay
			for _, a := range x.Args {
				out = combineKinds(out, c.backoffKind(a, depth+1))
			}
			return out
		}
	case *ast.UnaryExpr:
		return c.backoffKind(x.X, depth+1)
	case *ast.CompositeLit:
		if k, ok := libBackoffs[typeName(c.typeOf(x))]; ok {
			return k
		}
	case *ast.Ident, *ast.SelectorExpr:
		if k, ok := libBackoffs[fullName(c.objOf(x))]; ok {
			return k // a library function used as a value
		}
		if v, ok := c.objOf(x).(*types.Var); ok {
			if k, ok := libBackoffs[typeName(v.Type())]; ok {
				return k
			}
			if defs := c.definitions(v); len(defs) == 1 {
				return c.backoffKind(defs[0], depth+1)
			}
		}
	}
	if fn := c.funcNode(e); fn != nil {
		return c.returnedDelay(fn)
	}
	if k, ok := libBackoffs[typeName(c.typeOf(e))]; ok {
		return k
	}
	return UnknownDelay
}

// returnedDelay is the combined delay kind a delay function returns.
func (c *checker) returnedDelay(fn ast.Node) DelayKind {
	out, first := UnknownDelay, true
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				k := toKind(c.delayOf(n.Results[0], nil, nil, 1))
				if first {
					out, first = k, false
				} else {
					out = combineKinds(out, k)
				}
			}
		}
		return true
	})
	return out
}

// combineKinds is the kind of a sum of two delays.
func combineKinds(a, b DelayKind) DelayKind {
	return toKind(combine(fromKind(a), fromKind(b)))
}

// predResult is what a predicate returns under a scenario, with what it
// read to decide.
type predResult struct {
	v                    value
	at                   ast.Node // the first return of true
	readCode, readStatus bool
	refreshed            bool // a path that returns true obtained a new token
	named                bool // a path that returns true named the scenario
	// delay: for a decision function (see decisionDelay), the growth of
	// the wait its returns of true give; hasDelay when there is one
	delay    dinfo
	hasDelay bool
	// msgConds: conditions or returns of the predicate that decide on
	// the failure's message text
	msgConds map[ast.Node]bool
}

// unknownWith is an unknown predicate result that keeps the message
// conditions found on the way.
func unknownWith(conds map[ast.Node]bool) predResult {
	return predResult{v: taintedUnknown(), msgConds: conds}
}

// runPredicate runs a bool-returning function under a scenario.
func (c *checker) runPredicate(fn ast.Node, sc Scenario, kind attemptKind, bind func(params []*types.Var, st *state)) predResult {
	unknown := predResult{v: taintedUnknown()}
	body := funcBody(fn)
	if body == nil {
		return unknown
	}
	r := &region{fn: fn, kind: kind, labels: c.labelsOf(fn)}
	in := &interp{c: c, r: r, scen: sc, pass: 1}
	st := newState()
	st.attempted = true
	bind(c.params(fn), st)
	if fd, ok := fn.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		if v, ok := c.info.Defs[fd.Recv.List[0].Names[0]].(*types.Var); ok {
			if rv, ok := st.vals[recvKey]; ok {
				st.vals[v] = rv
				delete(st.vals, recvKey)
			}
		}
	}
	// true when some path returns true (the paths differ only by
	// conditions that do not depend on the failure), false when all
	// return false, unknown when a failure-dependent condition is.
	var out predResult
	seen := false
	delayIdx := decisionDelay(c.signatureOf(fn))
	for _, f := range in.exec(body, st) {
		if f.ctl == cExit {
			continue
		}
		ret, ok := f.node.(*ast.ReturnStmt)
		if f.ctl != cReturn || !ok || len(ret.Results) == 0 {
			return unknownWith(r.msgConds)
		}
		v := in.eval(ret.Results[0], f.st)
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok && isPolicyFunc(c, call.Fun) {
			if status := in.scenario().Status; status != 0 {
				v = boolValue(defaultRetries(status), true) // delegates to the default policy
			}
		}
		if v.kind != vBool {
			if v.tainted {
				in.noteMessage(ret.Results[0], f.st)
			}
			return unknownWith(r.msgConds)
		}
		out.readCode = out.readCode || f.st.readCode
		out.readStatus = out.readStatus || f.st.readStatus
		if v.b && out.at == nil {
			out.at = ret
		}
		if v.b && f.st.refreshed {
			out.refreshed = true
		}
		if v.b && f.st.named {
			out.named = true
		}
		if v.b && delayIdx >= 0 && delayIdx < len(ret.Results) {
			d := in.delayOf(ret.Results[delayIdx], f.st, 1)
			if out.hasDelay {
				d = combine(out.delay, d)
			}
			out.delay, out.hasDelay = d, true
		}
		if !seen || v.b {
			out.v, seen = v, true
		}
	}
	if !seen || in.over {
		return unknownWith(r.msgConds)
	}
	out.v.tainted = true
	return out
}

// notifyEffects is what a library's notify callback does between the
// attempts on some path.
type notifyEffects struct {
	refreshed, newSession, terminated bool
}

// libNotify reports what a library's notify callback (RetryNotify's
// notify, WithNotify, OnRetry), which runs between the attempts, does for
// the failure of a scenario: obtain a new token, create or terminate a
// session.
func (c *checker) libNotify(r *region, sc Scenario) (fx notifyEffects) {
	var fnExpr ast.Expr
	call, l := r.libCall, r.lib
	switch {
	case l.pkg == backoffV4 && (l.name == "RetryNotify" || l.name == "RetryNotifyWithData" ||
		l.name == "RetryNotifyWithTimer" || l.name == "RetryNotifyWithTimerAndData"):
		if len(call.Args) > 2 {
			fnExpr = call.Args[2]
		}
	case l.opts != noArgument:
		for _, a := range call.Args[min(l.opts, len(call.Args)):] {
			opt, ok := ast.Unparen(a).(*ast.CallExpr)
			if !ok || len(opt.Args) != 1 {
				continue
			}
			switch fullName(c.calleeFunc(opt)) {
			case backoffV5 + ".WithNotify", retryGo + ".OnRetry":
				fnExpr = opt.Args[0]
			}
		}
	}
	if fnExpr == nil {
		return fx
	}
	fn := c.funcNode(fnExpr)
	body := funcBody(fn)
	if body == nil {
		return fx
	}
	nr := &region{fn: fn, kind: r.kind, labels: c.labelsOf(fn)}
	in := &interp{c: c, r: nr, scen: sc, pass: 1}
	st := newState()
	st.attempted = true
	for _, p := range c.params(fn) {
		if p != nil && isErrorType(p.Type()) {
			st.vals[p] = value{kind: vErr, tainted: true}
		}
	}
	for _, f := range in.exec(body, st) {
		fx.refreshed = fx.refreshed || f.st.refreshed
		fx.newSession = fx.newSession || f.st.newSession
		fx.terminated = fx.terminated || f.st.terminated
	}
	return fx
}

// recvKey is where a binder leaves the receiver's value for runPredicate.
var recvKey = types.NewVar(token.NoPos, nil, "receiver", types.Typ[types.Invalid])

// params returns the parameters of a function node.
func (c *checker) params(fn ast.Node) []*types.Var {
	var ft *ast.FuncType
	switch f := fn.(type) {
	case *ast.FuncLit:
		ft = f.Type
	case *ast.FuncDecl:
		ft = f.Type
	}
	var out []*types.Var
	if ft == nil || ft.Params == nil {
		return nil
	}
	for _, field := range ft.Params.List {
		for _, n := range field.Names {
			v, _ := c.info.Defs[n].(*types.Var)
			out = append(out, v)
		}
		if len(field.Names) == 0 {
			out = append(out, nil)
		}
	}
	return out
}

// row returns a retry helper's row for a scenario.
func (l *libRetry) row(sc Scenario) (RetryRow, bool) {
	key := scenarioKey(sc)
	for _, r := range l.table {
		if r.Scenario == key {
			return r, true
		}
	}
	return RetryRow{}, false
}

// takesFallible reports whether a function takes a function that returns
// an error: only such a function can be a retry helper.
func takesFallible(fn *types.Func) bool {
	params := fn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if returnsError(params.At(i).Type()) {
			return true
		}
	}
	return false
}

// helperRetryOf returns a retry helper of the package or a summarised one
// of another as a library entry point, or nil when fn is neither.
func (c *checker) helperRetryOf(fn *types.Func) *libRetry {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	if f := c.callee(fn); f.std || !f.fallible {
		return nil
	}
	h := c.helperOf(fn)
	if h == nil || h.retryParam < 0 {
		return nil
	}
	l := &libRetry{pkg: fn.Pkg().Path(), name: fn.Name(), op: h.retryParam, backoff: noArgument, opts: noArgument, table: h.retries}
	if h.verdict >= 0 {
		l.table, l.hasVerdict, l.verdict, l.verdictWait, l.verdictDelay = nil, true, h.verdict, h.verdictWait, h.verdictDelay
	}
	return l
}

// retryNames is every name a retry library's entry point or a retry
// helper can have (see libRetryOf and helperRetryOf): the library table's
// names, this package's functions that take a fallible function, and the
// functions of other packages whose summaries retry one. find resolves a
// call by any other name only when a loop or a jump can repeat it.
func (c *checker) retryNames() map[string]bool {
	names := map[string]bool{}
	for _, l := range libRetries {
		names[l.name] = true
	}
	for fn := range c.decls {
		if takesFallible(fn) {
			names[fn.Name()] = true
		}
	}
	for _, f := range c.pass.AllObjectFacts() {
		switch s := f.Fact.(type) {
		case *FuncSummary:
			if s.RetryParam >= 0 {
				names[f.Object.Name()] = true
			}
		case *MethodSummaries:
			for i, name := range s.Names {
				if s.Summaries[i].RetryParam >= 0 {
					names[name] = true
				}
			}
		}
	}
	return names
}
