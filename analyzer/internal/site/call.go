package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// call evaluates a call: the attempt, error classification, waits,
// refreshes, exits and recursion.
func (in *interp) call(call *ast.CallExpr, st *state) value {
	c := in.c
	if c.isConversion(call) {
		if len(call.Args) == 1 {
			return in.eval(call.Args[0], st)
		}
		return unknownValue
	}
	if in.r.attempt != nil && call == in.r.attempt {
		if in.pass == 1 && !st.attempted {
			st.attempted = true
		}
		for _, a := range call.Args {
			in.eval(a, st)
		}
		if c.errorResult(call) == 0 {
			return value{kind: vErr, tainted: true}
		}
		return value{kind: vDerived, tainted: true}
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		// an immediately called literal: its result depends on the
		// failure if its body reads a variable that does
		v := in.taintOfArgs(call, st)
		if !v.tainted && in.capturesTaint(lit, st) {
			v = taintedUnknown()
		}
		return v
	}
	fn := c.calleeFunc(call)
	switch b := c.builtinName(call); b {
	case "panic":
		in.halt(st, cExit, call)
		return unknownValue
	case "":
	default:
		return in.taintOfArgs(call, st)
	}
	switch {
	case isExitCall(fn):
		in.halt(st, cExit, call)
		return unknownValue
	case fn != nil && in.r.fnObj != nil && fn == in.r.fnObj && st.attempted:
		in.halt(st, cNext, call)
		return unknownValue
	case isFunc(fn, "errors", "As") && len(call.Args) == 2:
		return in.errorsAs(call, st)
	case isFunc(fn, "errors", "Is") && len(call.Args) == 2:
		return in.errorsIs(call, st)
	}
	if w := in.wrapped(call, fn); w != nil {
		// errors.As and errors.Is see through the wrap
		for _, a := range call.Args {
			in.eval(a, st)
		}
		if v := in.eval(w, st); v.kind == vErr || v.kind == vAPIErr {
			if v.kind == vErr {
				if nn := in.nilCompare(v); nn.kind == vBool && nn.b {
					return value{kind: vNil, tainted: true}
				}
				v = value{kind: vAPIErr, tainted: true}
				if !in.r.kind.apiErr || in.scenario().Transport {
					v = value{kind: vNonNil, tainted: true}
				}
			}
			v.final = v.final || libMarkers[fullName(fn)] == markExit
			return v
		}
	}
	if v, ok := in.retryAfterHeader(call, fn, st); ok {
		return v
	}
	if isFunc(fn, "strconv", "Atoi", "ParseInt", "ParseFloat", "ParseUint") && len(call.Args) > 0 {
		// the seconds of a Retry-After header that is there: a number
		if a := in.eval(call.Args[0], st); a.retryAfter == hdrPresent {
			for _, x := range call.Args[1:] {
				in.eval(x, st)
			}
			return value{kind: vDerived, tainted: true, retryAfter: hdrPresent, number: true}
		}
	}
	if isFunc(fn, "fmt", "Errorf") || isFunc(fn, "errors", "New") {
		return value{kind: vNonNil, tainted: in.taintOfArgs(call, st).tainted}
	}
	if fullName(fn) == retryGo+".IsRecoverable" && len(call.Args) == 1 {
		// errors not marked Unrecoverable are recoverable
		if v := in.eval(call.Args[0], st); v.kind == vErr || v.kind == vAPIErr || v.kind == vNonNil {
			return boolValue(!v.final, v.tainted)
		}
	}
	if d, ok := in.waitOf(call, fn, st); ok {
		in.wait(st, d)
	}
	if fn != nil && returnsBool(fn) {
		if v, ok := in.predicateCall(call, fn, st); ok {
			if c.isRefreshCall(call, fn) && st.attempted {
				st.refreshed = true
			}
			return v
		}
	}
	if fn != nil && c.isRefreshCall(call, fn) && st.attempted {
		st.refreshed = true
	}
	if st.attempted {
		if created, terminated := c.sessionEffect(call, fn); created || terminated {
			st.newSession = st.newSession || created
			st.terminated = st.terminated || terminated
		}
		if c.isFreshCall(fn) && !isClockOrRand(fn) {
			st.keyChanged = true // a new ID: a new idempotency key
		}
	}
	if fn == nil && st.attempted {
		// a function value: only its name can tell
		if name := calleeName(call); isRefreshHookName(name) {
			st.refreshed = true
		} else if isWaitName(name) && !isDurationType(c.typeOf(call)) {
			// a function value that waits; one that returns a Duration
			// computes the delay it is asked for
			in.wait(st, Delay{Kind: UnknownDelay, Pos: call.Pos()})
		}
	}
	if st.refreshed && isAuthHeaderSet(call, fn, c) {
		start, end := in.r.repeats()
		if len(call.Args) < 2 || start == token.NoPos || !c.snapshotBefore(call.Args[1], start, end) {
			st.authSet = true
		}
	}
	v := in.taintOfArgs(call, st)
	if v.tainted {
		// out-parameters of a call that reads the failure carry it too:
		// json.NewDecoder(resp.Body).Decode(&env), json.Unmarshal(b, &env)
		for _, a := range call.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if o := c.objOf(u.X); o != nil {
					st.vals[o] = value{kind: vDerived, tainted: true}
				}
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn != nil && len(call.Args) == 0 {
			// a getter of the failure: e.StatusCode(), e.Code()
			x := in.eval(sel.X, st)
			if x.kind == vAPIErr || x.kind == vResp {
				return in.field(fn.Name(), resultType(fn), x)
			}
		}
		if isErrorType(in.c.typeOf(call)) {
			if fn != nil {
				if mv, ok := in.mapError(call, fn, st); ok {
					return mv // return classify(err)
				}
			}
			if fd := c.decls[fn]; fd != nil && fd.Body != nil && c.returnsSentinel(fd) {
				// a function of this package that maps the failure to its
				// sentinels: errors.Is resolves against their codes
				return value{kind: vAPIErr, tainted: true}
			}
			return in.readError(v) // see assignTuple
		}
		return value{kind: vDerived, tainted: true}
	}
	return unknownValue
}

func resultType(fn *types.Func) types.Type {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Results().Len() != 1 {
		return nil
	}
	return sig.Results().At(0).Type()
}

// taintOfArgs evaluates a call's receiver and arguments; the result
// depends on the failure if any of them does.
func (in *interp) taintOfArgs(call *ast.CallExpr, st *state) value {
	t := false
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isSel := in.c.info.Selections[sel]; isSel {
			t = in.eval(sel.X, st).tainted || t
		}
	}
	for _, a := range call.Args {
		t = in.eval(a, st).tainted || t
	}
	if t {
		return value{kind: vDerived, tainted: true}
	}
	return unknownValue
}

func (in *interp) halt(st *state, c ctl, n ast.Node) {
	if st.halt == cNormal {
		st.halt, st.haltNode = c, n
	}
}

// isExitCall reports whether a call never returns: os.Exit, log.Fatal*,
// log.Panic*, testing's Fatal*/FailNow/Skip*.
func isExitCall(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "os":
		return fn.Name() == "Exit"
	case "log":
		return strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic")
	case "testing":
		return strings.HasPrefix(fn.Name(), "Fatal") || fn.Name() == "FailNow" || strings.HasPrefix(fn.Name(), "Skip")
	}
	return false
}

// errorsAs resolves errors.As(err, &target) under the scenario and binds
// the target.
func (in *interp) errorsAs(call *ast.CallExpr, st *state) value {
	x := in.eval(call.Args[0], st)
	var target types.Object
	var api bool
	if u, ok := ast.Unparen(call.Args[1]).(*ast.UnaryExpr); ok && u.Op == token.AND {
		target = in.c.objOf(u.X)
	}
	if p, ok := in.c.typeOf(call.Args[1]).(*types.Pointer); ok {
		api = in.c.isAPIErrorType(p.Elem())
	}
	m := value{tainted: x.tainted}
	switch x.kind {
	case vErr:
		m = in.errTypeMatch(x, api)
		if p, ok := in.c.typeOf(call.Args[1]).(*types.Pointer); ok {
			if fm, ok := in.familyOrType(x, p.Elem(), api, st); ok {
				m = fm
			}
		}
	case vAPIErr:
		m = in.errTypeMatch(x, api)
	case vNil:
		m = boolValue(false, x.tainted)
	}
	if target != nil {
		if m.kind == vBool && m.b {
			st.vals[target] = value{kind: vAPIErr, tainted: true}
		} else {
			st.vals[target] = value{tainted: x.tainted}
		}
	}
	return m
}

// errTypeMatch decides whether the attempt's error is of the API error
// type (api) or of some other type.
func (in *interp) errTypeMatch(x value, api bool) value {
	if x.kind == vAPIErr {
		return boolValue(api, true)
	}
	switch {
	case in.scenario().Transport:
		if api {
			return boolValue(false, true)
		}
		return taintedUnknown()
	case in.r.kind.apiErr && !in.success():
		return boolValue(api, true)
	}
	return boolValue(false, true) // no error under a status or success scenario
}

// errorsIs resolves errors.Is(err, sentinel).
func (in *interp) errorsIs(call *ast.CallExpr, st *state) value {
	x := in.eval(call.Args[0], st)
	in.eval(call.Args[1], st)
	if x.kind != vErr && x.kind != vAPIErr {
		return value{tainted: x.tainted}
	}
	if (!in.r.kind.apiErr || in.success()) && x.kind == vErr && !in.scenario().Transport {
		return boolValue(false, true) // no error under a status or success scenario
	}
	if codes := in.c.sentinelCodes(call.Args[1]); len(codes) > 0 {
		if in.scenario().Transport {
			return boolValue(false, true)
		}
		if in.scenario().Code == "" {
			return taintedUnknown()
		}
		st.readCode = true
		for _, code := range codes {
			if in.scenario().Code == code {
				st.named = st.named || len(codes) == 1
				return boolValue(true, true)
			}
		}
		return boolValue(false, true)
	}
	if v, ok := in.c.objOf(call.Args[1]).(*types.Var); ok && v.Pkg() != nil && isStdPackage(v.Pkg().Path()) {
		// context.Canceled, io.EOF, ...: never an API error
		if !in.scenario().Transport {
			return boolValue(false, true)
		}
	}
	return taintedUnknown()
}

// wait records a delay on the path when the attempt has run.
func (in *interp) wait(st *state, d Delay) {
	if st.attempted {
		st.waits = append(st.waits, d)
	}
}

// receive handles `<-ch`: a timer's or ticker's channel waits.
func (in *interp) receive(e *ast.UnaryExpr, st *state) {
	sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "C" {
		return
	}
	t := in.c.typeOf(sel.X)
	if !isNamed(t, "time", "Ticker") && !isNamed(t, "time", "Timer") {
		return
	}
	// the duration the timer or ticker was made with
	o := in.c.objOf(sel.X)
	if o == nil {
		in.wait(st, Delay{Kind: UnknownDelay, Pos: e.Pos()})
		return
	}
	if arg := in.c.timerArg(o, in.r.fn); arg != nil {
		in.wait(st, in.finalDelay(in.delayOf(arg, st, 0), e.Pos()))
		return
	}
	in.wait(st, Delay{Kind: UnknownDelay, Pos: e.Pos()})
}

// timerArg finds the duration a timer or ticker variable is created with.
func (c *checker) timerArg(o types.Object, fn ast.Node) ast.Expr {
	var arg ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if c.objOf(l) != o {
				continue
			}
			if call, ok := ast.Unparen(as.Rhs[i]).(*ast.CallExpr); ok && len(call.Args) == 1 &&
				isFunc(c.calleeFunc(call), "time", "NewTicker", "NewTimer") {
				arg = call.Args[0]
			}
		}
		return true
	})
	return arg
}

// calleeName is the name a call uses for its function: the identifier or
// the selected field.
func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// wrapped returns the error a call wraps: the %w argument of fmt.Errorf,
// or the argument of a retry library's marker.
func (in *interp) wrapped(call *ast.CallExpr, fn *types.Func) ast.Expr {
	switch {
	case fn == nil:
		return nil
	case isFunc(fn, "fmt", "Errorf") && in.c.wraps(call):
		for _, a := range call.Args[1:] {
			if isErrorType(in.c.typeOf(a)) {
				return a
			}
		}
	case libMarkers[fullName(fn)] == markExit || libMarkers[fullName(fn)] == markRetry:
		if len(call.Args) == 1 {
			return call.Args[0]
		}
	}
	return nil
}

// capturesTaint reports whether a function literal reads a variable whose
// value on this path depends on the failure.
func (in *interp) capturesTaint(lit *ast.FuncLit, st *state) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if o := in.c.info.Uses[id]; o != nil {
				if v, ok := st.vals[o]; ok && v.tainted {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// retryAfterHeader reads the failure's Retry-After header: the contract
// says a 429 carries it, so it is there under 429 and missing under every
// other status, and a test of its presence resolves.
func (in *interp) retryAfterHeader(call *ast.CallExpr, fn *types.Func, st *state) (value, bool) {
	if !isFunc(fn, "net/http", "Get") || recvNamed(fn) != "Header" || len(call.Args) != 1 {
		return value{}, false
	}
	name, ok := in.c.constString(call.Args[0])
	if !ok || !strings.EqualFold(name, in.c.pol.RetryAfterHeader) {
		return value{}, false
	}
	if !in.taintOfArgs(call, st).tainted || in.scenario().Transport || in.success() {
		return value{}, false
	}
	v := value{kind: vDerived, tainted: true, retryAfter: hdrAbsent}
	if in.scenario().Status == 429 {
		v.retryAfter = hdrPresent
	}
	return v, true
}
