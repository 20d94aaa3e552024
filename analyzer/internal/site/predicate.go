package site

import (
	"go/ast"
	"go/types"
	"strconv"
)

// returnsBool reports whether fn returns a single bool.
func returnsBool(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Results().Len() == 1 && isBool(sig.Results().At(0).Type())
}

// isBool reports whether t is a boolean type.
func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// predicateCall resolves a call of a predicate on the failure
// (IsRetryable(err), e.Temporary(), shouldRetry(resp), retryable(status))
// by running it, for a function of this package, or from its summary.
func (in *interp) predicateCall(call *ast.CallExpr, fn *types.Func, st *state) (value, bool) {
	c := in.c
	if c.decls[fn] != nil {
		p, ok := in.localPredicate(call, fn, st)
		return p.v, ok
	}
	recv, args, tainted := in.predicateArgs(call, st)
	if !tainted {
		return value{}, false
	}
	h := c.helperOf(fn)
	if h == nil || h.pred == nil {
		return value{}, false
	}
	// a summary holds for a failure handed over as such
	failure := false
	for _, v := range append(args, deref(recv)...) {
		switch {
		case v.kind == vAPIErr, v.kind == vResp, v.status, v.code:
			failure = true
		case v.kind == vErr && (in.r.kind.apiErr || in.scenario().Transport):
			failure = true
		}
	}
	if !failure {
		return taintedUnknown(), true
	}
	key := scenarioKey(in.scenario())
	for _, p := range h.pred.Pred {
		if p.Scenario == key {
			st.readCode = st.readCode || h.pred.PredReads&1 != 0
			st.readStatus = st.readStatus || h.pred.PredReads&2 != 0
			return boolValue(p.Result == 1, true), true
		}
	}
	return taintedUnknown(), true
}

// predicateArgs evaluates a predicate call's receiver (nil for a
// function) and arguments, and reports whether any depends on the failure.
func (in *interp) predicateArgs(call *ast.CallExpr, st *state) (recv *value, args []value, tainted bool) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isSel := in.c.info.Selections[sel]; isSel {
			v := in.eval(sel.X, st)
			recv = &v
		}
	}
	args = make([]value, len(call.Args))
	tainted = recv != nil && recv.tainted
	for i, a := range call.Args {
		args[i] = in.eval(a, st)
		tainted = tainted || args[i].tainted
	}
	return recv, args, tainted
}

// localPredicate runs a predicate (or decision function) of this package
// on the failure under the scenario, and records on the path what it read
// and the return that said true.
func (in *interp) localPredicate(call *ast.CallExpr, fn *types.Func, st *state) (predResult, bool) {
	c := in.c
	recv, args, tainted := in.predicateArgs(call, st)
	if !tainted {
		return predResult{}, false
	}
	if c.predBusy[fn] {
		c.guardHits++
		return predResult{v: taintedUnknown()}, true
	}
	p := in.runNestedPredicate(fn, recv, args)
	st.readCode = st.readCode || p.readCode
	st.readStatus = st.readStatus || p.readStatus
	st.named = st.named || p.named
	if p.v.kind == vBool && p.v.b && p.at != nil && st.attempted {
		st.cause, st.causeName = p.at, fn.Name()
	}
	return p, true
}

// decisionDelay returns the index of a decision function's delay: a
// function of (bool, time.Duration) results says whether to retry and how
// long to wait first (retry, wait := classify(resp, attempt)), as a verdict
// callback does (see verdictResults). -1 for any other function.
func decisionDelay(sig *types.Signature) int {
	if sig == nil || sig.Results().Len() != 2 {
		return -1
	}
	if verdict, wait, ok := verdictResults(sig); ok && verdict == 0 && wait == 1 {
		return wait
	}
	return -1
}

func deref(v *value) []value {
	if v == nil {
		return nil
	}
	return []value{*v}
}

// scenarioKey names a scenario in a predicate table.
func scenarioKey(sc Scenario) string {
	switch {
	case sc.Transport:
		return "transport error"
	case sc.Code != "":
		return sc.Code
	}
	return "status " + strconv.Itoa(sc.Status)
}

// bindByType gives a summarised function's parameters the failure by
// their types: an error, a response, the API error type, a status, a code.
func (c *checker) bindByType(fd *ast.FuncDecl, sc Scenario) (func([]*types.Var, *state), bool) {
	any := false
	status := value{kind: vInt, i: int64(sc.Status), tainted: true, status: true}
	if sc.Transport || sc.Status == 0 {
		status = taintedUnknown()
	}
	valueFor := func(v *types.Var) (value, bool) {
		t := v.Type()
		switch {
		case isErrorType(t):
			return value{kind: vErr, tainted: true}, true
		case isResponseType(t):
			return value{kind: vResp, tainted: true}, true
		case c.isAPIErrorType(t):
			return value{kind: vAPIErr, tainted: true}, true
		case isInteger(t) && (isStatusWord(v.Name()) || c.pol.IsStatusField(v.Name())):
			return status, true
		case isString(t) && (isCodeWord(v.Name()) || c.pol.IsCodeField(v.Name())):
			return value{kind: vDerived, tainted: true, code: true}, true
		}
		return value{}, false
	}
	for _, v := range c.params(fd) {
		if v != nil {
			if _, ok := valueFor(v); ok {
				any = true
			}
		}
	}
	var recv *types.Var
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		recv, _ = c.info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
		if recv != nil && c.isAPIErrorType(recv.Type()) {
			any = true
		}
	}
	return func(params []*types.Var, st *state) {
		for _, v := range params {
			if v != nil {
				if val, ok := valueFor(v); ok {
					st.vals[v] = val
				}
			}
		}
		if recv != nil && c.isAPIErrorType(recv.Type()) {
			st.vals[recvKey] = value{kind: vAPIErr, tainted: true}
		}
	}, any
}

// bindsStatus reports whether bindByType gives a parameter of fd the
// scenario's status itself.
func (c *checker) bindsStatus(fd *ast.FuncDecl) bool {
	for _, v := range c.params(fd) {
		if v != nil && isInteger(v.Type()) && (isStatusWord(v.Name()) || c.pol.IsStatusField(v.Name())) {
			return true
		}
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := underlying(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isStatusWord(name string) bool { return containsFoldWord(name, "status") }

func isCodeWord(name string) bool { return containsFoldWord(name, "code") }

// predicateTable runs an exported predicate under every scenario for its
// summary.
func (c *checker) predicateTable(fd *ast.FuncDecl, fn *types.Func) ([]PredResult, int) {
	if !returnsBool(fn) {
		return nil, 0
	}
	var out []PredResult
	reads := 0
	scenarios := c.allScenarios()
	for i, sc := range scenarios {
		bind, ok := c.bindByType(fd, sc)
		if !ok {
			return nil, 0
		}
		before := c.scenarioReads
		p := c.runPredicate(fd, sc, attemptKind{apiErr: true, codes: true}, bind)
		if i == 0 && c.scenarioReads == before && !c.bindsStatus(fd) {
			// the run never looked at its scenario (nor at a status
			// bound to a parameter): every scenario answers alike, and
			// a table of one answer decides nothing
			return nil, 0
		}
		if p.v.kind != vBool {
			continue // unknown: left out of the table
		}
		r := 0
		if p.v.b {
			r = 1
		}
		if p.readCode {
			reads |= 1
		}
		if p.readStatus {
			reads |= 2
		}
		out = append(out, PredResult{Scenario: scenarioKey(sc), Result: r})
	}
	return out, reads
}

// allScenarios is every code, every status and the transport error, made
// once per package; callers must not modify it.
func (c *checker) allScenarios() []Scenario {
	if c.allScens == nil {
		c.allScens = c.makeScenarios()
	}
	return c.allScens
}

func (c *checker) makeScenarios() []Scenario {
	var out []Scenario
	for _, code := range c.pol.Codes {
		out = append(out, Scenario{Code: code.Name, Status: code.Status})
	}
	for _, st := range c.pol.SortedStatuses() {
		out = append(out, Scenario{Status: st})
	}
	return append(out, Scenario{Transport: true})
}
