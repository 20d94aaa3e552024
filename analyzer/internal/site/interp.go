package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// maxFlows bounds the paths one scenario may explore; past it the
// scenario is unknown.
const maxFlows = 256

// interp evaluates one region under one scenario.
type interp struct {
	c     *checker
	r     *region
	scen  Scenario // read through scenario()
	pass  int      // 1: from the region's start; 2: from the next iteration to the attempt
	flows int      // paths created so far
	over  bool
	why   string // the first reason a path became unknown
	// decidedAt: where a library's decision function (retry-go's RetryIf)
	// said retry on the path just decided
	decidedAt ast.Node
}

// scenario returns the scenario the evaluation runs under and counts the
// reading: an evaluation that never reads it gives the same answer under
// every scenario.
func (in *interp) scenario() Scenario {
	in.c.scenarioReads++
	return in.scen
}

// success reports whether the evaluation runs under the success scenario.
// It is not counted as a reading: the scenarios compared by counting
// (a predicate's table) are all failures.
func (in *interp) success() bool { return in.scen.Success }

// noteWhy records why a path became unknown, keeping the first reason.
func (in *interp) noteWhy(why string) {
	if in.why == "" {
		in.why = why
	}
}

// because records the condition or clause that made a path unknown.
func (in *interp) because(n ast.Node) {
	var e ast.Expr
	switch n := n.(type) {
	case ast.Expr:
		e = n
	case *ast.CaseClause:
		if len(n.List) > 0 {
			e = n.List[0]
		}
	}
	if e == nil {
		in.noteWhy("a condition depends on the failure")
		return
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if fn := in.c.calleeFunc(call); fn != nil && isInterfaceMethod(fn) {
			in.noteWhy("call through interface " + typeShort(fn) + "." + fn.Name())
			return
		}
		if fn := in.c.calleeFunc(call); fn == nil {
			if _, lit := ast.Unparen(call.Fun).(*ast.FuncLit); !lit {
				in.noteWhy("call of a function value " + render(in.c.pass.Fset, call.Fun))
				return
			}
		}
	}
	in.noteWhy("condition depends on " + render(in.c.pass.Fset, e))
}

// typeShort is the name of a method's receiver type, without its package.
func typeShort(fn *types.Func) string {
	n := typeName(fn.Type().(*types.Signature).Recv().Type())
	return n[strings.LastIndex(n, ".")+1:]
}

// fork copies a state, counting against the budget.
func (in *interp) fork(st *state) *state {
	in.flows++
	if in.flows > maxFlows {
		in.over = true
	}
	return st.clone()
}

// execList runs statements in order.
func (in *interp) execList(list []ast.Stmt, st *state) []flow {
	cur := []*state{st}
	var out []flow
	for _, s := range list {
		var next []*state
		for _, st := range cur {
			for _, f := range in.exec(s, st) {
				if f.ctl == cNormal {
					next = append(next, f.st)
				} else {
					out = append(out, f)
				}
			}
		}
		cur = mergeStates(next)
		if in.over {
			return []flow{{st: st, ctl: cUnknown}}
		}
	}
	for _, st := range cur {
		out = append(out, flow{st: st, ctl: cNormal})
	}
	return out
}

func one(st *state, c ctl, n ast.Node) []flow { return []flow{{st: st, ctl: c, node: n}} }

// containsAttempt reports whether n holds the attempt call.
func (in *interp) containsAttempt(n ast.Node) bool {
	return n != nil && in.r.attempt != nil && n.Pos() <= in.r.attempt.Pos() && in.r.attempt.End() <= n.End()
}

// simple runs a statement without sub-statements, honouring the pass-2
// stop at the attempt and calls that end the path.
func (in *interp) simple(s ast.Stmt, st *state, run func()) []flow {
	if in.pass == 2 && in.containsAttempt(s) {
		return one(st, cReached, s)
	}
	run()
	if st.halt != cNormal {
		return one(st, st.halt, st.haltNode)
	}
	return one(st, cNormal, s)
}

func (in *interp) exec(s ast.Stmt, st *state) []flow {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return in.simple(s, st, func() { in.eval(s.X, st) })
	case *ast.AssignStmt:
		return in.simple(s, st, func() { in.assign(s, st) })
	case *ast.DeclStmt:
		return in.simple(s, st, func() { in.decl(s, st) })
	case *ast.IncDecStmt:
		return in.simple(s, st, func() { in.incDec(s, st) })
	case *ast.SendStmt, *ast.GoStmt, *ast.DeferStmt, *ast.EmptyStmt:
		return one(st, cNormal, s)
	case *ast.ReturnStmt:
		fl := in.simple(s, st, func() {
			for _, e := range s.Results {
				in.eval(e, st)
			}
		})
		if fl[0].ctl == cNormal {
			fl[0].ctl = cReturn
		}
		return fl
	case *ast.BranchStmt:
		label := ""
		if s.Label != nil {
			label = s.Label.Name
		}
		switch s.Tok {
		case token.BREAK:
			return []flow{{st: st, ctl: cBreak, label: label, node: s}}
		case token.CONTINUE:
			return []flow{{st: st, ctl: cContinue, label: label, node: s}}
		case token.GOTO:
			return []flow{{st: st, ctl: cGoto, label: label, node: s}}
		case token.FALLTHROUGH:
			return []flow{{st: st, ctl: cFall, node: s}}
		}
	case *ast.BlockStmt:
		return in.execList(s.List, st)
	case *ast.LabeledStmt:
		return in.labeled(s, st)
	case *ast.IfStmt:
		return in.ifStmt(s, st)
	case *ast.SwitchStmt:
		return in.switchStmt(s, st)
	case *ast.TypeSwitchStmt:
		return in.typeSwitch(s, st)
	case *ast.SelectStmt:
		return in.selectStmt(s, st)
	case *ast.ForStmt, *ast.RangeStmt:
		return in.innerLoop(s, "", st)
	}
	return one(st, cNormal, s)
}

func (in *interp) labeled(s *ast.LabeledStmt, st *state) []flow {
	switch inner := s.Stmt.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return in.innerLoop(inner, s.Label.Name, st)
	}
	out := in.exec(s.Stmt, st)
	for i := range out {
		if out[i].ctl == cBreak && out[i].label == s.Label.Name {
			out[i].ctl = cNormal
		}
	}
	return out
}

// innerLoop runs a loop nested in the region once: its body stands for
// the whole loop, and leaving the body in any ordinary way leaves the loop.
func (in *interp) innerLoop(s ast.Stmt, label string, st *state) []flow {
	var init ast.Stmt
	var body *ast.BlockStmt
	switch l := s.(type) {
	case *ast.ForStmt:
		init, body = l.Init, l.Body
	case *ast.RangeStmt:
		body = l.Body
		st = in.simpleFlows(s, st, func() { in.rangeVars(l, st) })
		if st == nil {
			return one(newState(), cReached, s)
		}
	}
	var out []flow
	starts := []flow{{st: st, ctl: cNormal}}
	if init != nil {
		starts = in.exec(init, st)
	}
	for _, f := range starts {
		if f.ctl != cNormal {
			out = append(out, f)
			continue
		}
		if l, ok := s.(*ast.ForStmt); ok && l.Cond != nil {
			cond := in.eval(l.Cond, f.st)
			if cond.kind == vBool && !cond.b {
				out = append(out, flow{st: f.st, ctl: cNormal})
				continue
			}
		}
		for _, g := range in.exec(body, f.st) {
			switch {
			case g.ctl == cBreak && (g.label == "" || g.label == label),
				g.ctl == cContinue && (g.label == "" || g.label == label):
				g.ctl, g.label = cNormal, ""
			}
			out = append(out, g)
		}
	}
	return out
}

// simpleFlows runs a simple action and returns the state, or nil when pass
// 2 reached the attempt.
func (in *interp) simpleFlows(s ast.Node, st *state, run func()) *state {
	if in.pass == 2 && in.containsAttempt(s) {
		if rs, ok := s.(*ast.RangeStmt); !ok || in.containsAttempt(rs.X) {
			return nil
		}
	}
	run()
	return st
}

func (in *interp) rangeVars(l *ast.RangeStmt, st *state) {
	in.eval(l.X, st)
	for _, e := range []ast.Expr{l.Key, l.Value} {
		if o := in.c.objOf(e); o != nil {
			delete(st.vals, o)
		}
	}
}

// cond evaluates a condition: known values continue one way, unknown
// values fork unless they depend on the failure.
func (in *interp) cond(e ast.Expr, st *state, then, els func(*state) []flow) []flow {
	v := in.eval(e, st)
	if st.halt != cNormal {
		return one(st, st.halt, st.haltNode)
	}
	if v.kind == vBool {
		if v.b {
			return then(st)
		}
		return els(st)
	}
	if v.tainted {
		in.noteMessage(e, st)
		return one(st, cUnknown, e)
	}
	other := in.fork(st)
	if thenLast, elseLast := in.lastIteration(e); thenLast || elseLast {
		st.last = st.last || thenLast
		other.last = other.last || elseLast
	}
	return append(then(st), els(other)...)
}

func (in *interp) ifStmt(s *ast.IfStmt, st *state) []flow {
	if v, capExpr, ok := in.c.clampOf(s); ok && !(in.pass == 2 && in.containsAttempt(s)) {
		if d, ok := st.delays[v]; ok && (d.kind == dExp || d.kind == dLinear) {
			in.eval(s.Cond, st)
			if in.c.cappedFromStart(v, capExpr, in.r) {
				// reached from the first attempt on: the cap is the delay
				return in.exec(s.Body, st)
			}
			// a cap on a growing delay: it keeps growing up to the cap
			return one(st, cNormal, s)
		}
	}
	starts := []flow{{st: st, ctl: cNormal}}
	if s.Init != nil {
		starts = in.exec(s.Init, st)
	}
	var out []flow
	for _, f := range starts {
		if f.ctl != cNormal {
			out = append(out, f)
			continue
		}
		if in.pass == 2 && in.containsAttempt(s.Cond) {
			out = append(out, flow{st: f.st, ctl: cReached, node: s})
			continue
		}
		out = append(out, in.cond(s.Cond, f.st,
			func(st *state) []flow { return in.exec(s.Body, st) },
			func(st *state) []flow {
				if s.Else == nil {
					return one(st, cNormal, s)
				}
				return in.exec(s.Else, st)
			})...)
	}
	return out
}

func (in *interp) switchStmt(s *ast.SwitchStmt, st *state) []flow {
	starts := []flow{{st: st, ctl: cNormal}}
	if s.Init != nil {
		starts = in.exec(s.Init, st)
	}
	var out []flow
	for _, f := range starts {
		if f.ctl != cNormal {
			out = append(out, f)
			continue
		}
		if in.pass == 2 && s.Tag != nil && in.containsAttempt(s.Tag) {
			out = append(out, flow{st: f.st, ctl: cReached, node: s})
			continue
		}
		var tag value
		if s.Tag != nil {
			tag = in.eval(s.Tag, f.st)
		}
		out = append(out, in.clauses(s, s.Body.List, 0, f.st, func(cl *ast.CaseClause, st *state) value {
			// a clause matches if any of its expressions does
			res := boolValue(false, false)
			for _, e := range cl.List {
				var m value
				if s.Tag == nil {
					m = in.eval(e, st)
				} else {
					m = in.compare(token.EQL, s.Tag, e, tag, in.eval(e, st), st)
				}
				res = or(res, m)
				if res.kind == vBool && res.b {
					break
				}
			}
			return res
		})...)
	}
	return in.breakOut(out)
}

// breakOut turns an unlabeled break inside a switch or select into
// ordinary completion.
func (in *interp) breakOut(out []flow) []flow {
	for i := range out {
		if out[i].ctl == cBreak && out[i].label == "" {
			out[i].ctl = cNormal
		}
	}
	return out
}

// clauses evaluates switch clauses from index i on, in order, with the
// default clause taken when none matches.
func (in *interp) clauses(s ast.Node, list []ast.Stmt, i int, st *state, match func(*ast.CaseClause, *state) value) []flow {
	for ; i < len(list); i++ {
		cl := list[i].(*ast.CaseClause)
		if cl.List == nil {
			continue // default, taken below
		}
		m := match(cl, st)
		if st.halt != cNormal {
			return one(st, st.halt, st.haltNode)
		}
		switch {
		case m.kind == vBool && m.b:
			return in.caseBody(list, i, st)
		case m.kind == vBool:
			continue
		case m.tainted:
			if sw, ok := s.(*ast.SwitchStmt); ok && sw.Tag != nil {
				in.noteMessage(sw.Tag, st)
			} else if len(cl.List) > 0 {
				in.noteMessage(cl.List[0], st)
			}
			return one(st, cUnknown, cl)
		default:
			other := in.fork(st)
			return append(in.caseBody(list, i, st), in.clauses(s, list, i+1, other, match)...)
		}
	}
	for j, x := range list {
		if x.(*ast.CaseClause).List == nil {
			return in.caseBody(list, j, st)
		}
	}
	return one(st, cNormal, s)
}

// caseBody runs clause i and, on fallthrough, the next ones.
func (in *interp) caseBody(list []ast.Stmt, i int, st *state) []flow {
	out := in.execList(list[i].(*ast.CaseClause).Body, st)
	var res []flow
	for _, f := range out {
		if f.ctl == cFall && i+1 < len(list) {
			res = append(res, in.caseBody(list, i+1, f.st)...)
			continue
		}
		res = append(res, f)
	}
	return res
}

func (in *interp) typeSwitch(s *ast.TypeSwitchStmt, st *state) []flow {
	starts := []flow{{st: st, ctl: cNormal}}
	if s.Init != nil {
		starts = in.exec(s.Init, st)
	}
	subject := typeSwitchSubject(s)
	var out []flow
	for _, f := range starts {
		if f.ctl != cNormal {
			out = append(out, f)
			continue
		}
		if in.pass == 2 && in.containsAttempt(s.Assign) {
			out = append(out, flow{st: f.st, ctl: cReached, node: s})
			continue
		}
		x := in.eval(subject, f.st)
		out = append(out, in.clauses(s, s.Body.List, 0, f.st, func(cl *ast.CaseClause, st *state) value {
			res := boolValue(false, false)
			for _, e := range cl.List {
				m := in.typeMatch(x, e, st)
				if m.kind == vBool && m.b {
					in.bindCaseVar(s, cl, x, st)
				}
				res = or(res, m)
			}
			if res.kind == vBool && res.b {
				in.bindCaseVar(s, cl, x, st)
			}
			return res
		})...)
	}
	return in.breakOut(out)
}

// bindCaseVar gives the variable of `switch e := err.(type)` the value of
// the subject in the clause taken.
func (in *interp) bindCaseVar(s *ast.TypeSwitchStmt, cl *ast.CaseClause, x value, st *state) {
	if _, ok := s.Assign.(*ast.AssignStmt); !ok {
		return
	}
	if o := in.c.info.Implicits[cl]; o != nil {
		if x.kind == vErr {
			x = value{kind: vAPIErr, tainted: true}
		}
		st.vals[o] = x
	}
}

// typeMatch decides whether the subject of a type switch has type e.
func (in *interp) typeMatch(x value, e ast.Expr, st *state) value {
	if id, ok := e.(*ast.Ident); ok && id.Name == "nil" {
		return in.nilCompare(x)
	}
	t := in.c.typeOf(e)
	api := in.c.isAPIErrorType(t)
	switch x.kind {
	case vNil:
		return boolValue(false, true)
	case vErr:
		if m, ok := in.familyOrType(x, t, api, st); ok {
			return m
		}
		return in.errTypeMatch(x, api)
	case vAPIErr:
		return in.errTypeMatch(x, api)
	}
	return value{tainted: x.tainted}
}

func (in *interp) selectStmt(s *ast.SelectStmt, st *state) []flow {
	var out []flow
	for i, x := range s.Body.List {
		cl := x.(*ast.CommClause)
		cs := st
		if i < len(s.Body.List)-1 {
			cs = in.fork(st)
		}
		if cl.Comm != nil {
			fl := in.exec(cl.Comm, cs)
			for _, f := range fl {
				if f.ctl != cNormal {
					out = append(out, f)
					continue
				}
				out = append(out, in.execList(cl.Body, f.st)...)
			}
			continue
		}
		out = append(out, in.execList(cl.Body, cs)...)
	}
	return in.breakOut(out)
}

// assign runs an assignment: the attempt binds its results; other values
// are tracked for locals.
func (in *interp) assign(s *ast.AssignStmt, st *state) {
	if len(s.Rhs) == 1 && len(s.Lhs) > 1 {
		in.assignTuple(s.Lhs, s.Rhs[0], st)
		return
	}
	vals := make([]value, len(s.Rhs))
	for i, e := range s.Rhs {
		vals[i] = in.eval(e, st)
	}
	for i, lhs := range s.Lhs {
		if i >= len(vals) {
			break
		}
		v := vals[i]
		if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
			// x op= y
			cur := in.eval(lhs, st)
			v = arith(s.Tok-token.ADD_ASSIGN+token.ADD, cur, v)
		}
		in.store(lhs, s.Rhs[min(i, len(s.Rhs)-1)], v, s.Tok, st)
	}
}

// assignTuple binds `a, b := f()` and `v, ok := x.(T)`.
func (in *interp) assignTuple(lhs []ast.Expr, rhs ast.Expr, st *state) {
	rhs = ast.Unparen(rhs)
	if call, ok := rhs.(*ast.CallExpr); ok && in.r.attempt != nil && call == in.r.attempt {
		in.eval(call, st)
		in.bindAttempt(call, lhs, st)
		return
	}
	if call, ok := rhs.(*ast.CallExpr); ok && isPolicyFunc(in.c, call.Fun) && len(lhs) == 2 {
		// retry, err := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		in.taintOfArgs(call, st)
		v := taintedUnknown()
		if in.scenario().Status != 0 {
			v = boolValue(defaultRetries(in.scenario().Status), true)
		}
		in.store(lhs[0], nil, v, token.DEFINE, st)
		in.store(lhs[1], nil, unknownValue, token.DEFINE, st)
		return
	}
	if call, ok := rhs.(*ast.CallExpr); ok && len(lhs) == 2 && in.decision(call, lhs, st) {
		return
	}
	if ta, ok := rhs.(*ast.TypeAssertExpr); ok && len(lhs) == 2 {
		x := in.eval(ta.X, st)
		m := in.typeMatch(x, ta.Type, st)
		if m.kind == vBool && m.b {
			in.store(lhs[0], nil, value{kind: vAPIErr, tainted: true}, token.DEFINE, st)
		} else {
			in.store(lhs[0], nil, value{tainted: x.tainted}, token.DEFINE, st)
		}
		in.store(lhs[1], nil, m, token.DEFINE, st)
		return
	}
	v := in.eval(rhs, st)
	for i, l := range lhs {
		w := value{tainted: v.tainted}
		if i == 0 && v.number {
			w = v // secs, err := strconv.Atoi(retryAfter)
		}
		if t := in.c.typeOf(l); isErrorType(t) {
			w = in.readError(v)
		}
		if i == 0 {
			in.store(l, rhs, w, token.DEFINE, st)
		} else {
			in.store(l, nil, w, token.DEFINE, st)
		}
	}
}

// decision binds `retry, wait := classify(resp, attempt)`, a decision
// function of this package run on the failure: retry is its verdict under
// the scenario, wait the growth of the delay its returns of true give.
func (in *interp) decision(call *ast.CallExpr, lhs []ast.Expr, st *state) bool {
	fn := in.c.calleeFunc(call)
	if fn == nil || in.c.decls[fn] == nil {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	if decisionDelay(sig) < 0 {
		return false
	}
	p, ok := in.localPredicate(call, fn, st)
	if !ok {
		return false
	}
	in.store(lhs[0], nil, p.v, token.DEFINE, st)
	in.store(lhs[1], nil, unknownValue, token.DEFINE, st)
	if o := in.c.objOf(lhs[1]); o != nil && p.hasDelay && p.v.kind == vBool && p.v.b {
		st.delays[o] = p.delay
	}
	return true
}

// bindAttempt gives the attempt's results their scenario values.
func (in *interp) bindAttempt(call *ast.CallExpr, lhs []ast.Expr, st *state) {
	tup, _ := in.c.typeOf(call).(*types.Tuple)
	statusResult := -1
	if h := in.c.helperOf(in.c.calleeFunc(call)); h != nil {
		statusResult = h.statusResult
	}
	for i, l := range lhs {
		var t types.Type
		if tup != nil && i < tup.Len() {
			t = tup.At(i).Type()
		}
		v := value{kind: vDerived, tainted: true}
		switch {
		case in.r.verdict != nil && i == in.r.verdict.index:
			v = boolValue(in.r.verdict.say, true)
		case isErrorType(t):
			v = value{kind: vErr, tainted: true}
		case isResponseType(t):
			v = value{kind: vResp, tainted: true}
		case isInteger(t) && (i == statusResult || isStatusName(in.c, l)):
			// a helper that returns the status: status, _, err := c.post(...)
			v = in.statusValue()
		}
		in.store(l, nil, v, token.DEFINE, st)
	}
}

// store records a value for a local variable, and the delay it stands for.
func (in *interp) store(lhs ast.Expr, rhs ast.Expr, v value, tok token.Token, st *state) {
	o := in.c.objOf(lhs)
	if o == nil {
		return
	}
	if st.attempted && rhs != nil && isTokenStore(lhs, rhs, in.c) {
		st.refreshed = true
	}
	if _, ok := o.(*types.Var); !ok {
		return
	}
	st.vals[o] = v
	if rhs != nil && tok != token.ASSIGN && tok != token.DEFINE {
		old, ok := st.delays[o]
		delete(st.delays, o) // x op= y: the loop-update kind applies
		if ok && tok == token.ADD_ASSIGN && in.c.loopUpdate(in.r, o) == updNone {
			// a local made anew each attempt, plus jitter
			st.delays[o] = combine(old, in.delayOf(rhs, st, 0))
		}
	} else if rhs != nil {
		d := in.delayOf(rhs, st, 0)
		if old, ok := st.delays[o]; ok && old.kind == dRetryAfter && d.kind == dConst {
			// a fallback for a missing or malformed Retry-After keeps the
			// variable a Retry-After wait
			d = old
		}
		st.delays[o] = d
	} else {
		delete(st.delays, o)
	}
}

func (in *interp) decl(s *ast.DeclStmt, st *state) {
	gd, ok := s.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		if len(vs.Values) == 1 && len(vs.Names) > 1 {
			lhs := make([]ast.Expr, len(vs.Names))
			for i, n := range vs.Names {
				lhs[i] = n
			}
			in.assignTuple(lhs, vs.Values[0], st)
			continue
		}
		for i, n := range vs.Names {
			if i < len(vs.Values) {
				in.store(n, vs.Values[i], in.eval(vs.Values[i], st), token.DEFINE, st)
			} else {
				in.store(n, nil, zeroValue(in.c.info.Defs[n]), token.DEFINE, st)
			}
		}
	}
}

// zeroValue is the value of a variable declared without initializer.
func zeroValue(o types.Object) value {
	if o == nil {
		return unknownValue
	}
	if b, ok := o.Type().Underlying().(*types.Basic); ok {
		switch {
		case b.Info()&types.IsBoolean != 0:
			return boolValue(false, false)
		case b.Info()&types.IsInteger != 0:
			return intValue(0)
		case b.Info()&types.IsString != 0:
			return value{kind: vString}
		}
	}
	switch o.Type().Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map, *types.Signature, *types.Chan:
		return value{kind: vNil}
	}
	return unknownValue
}

func (in *interp) incDec(s *ast.IncDecStmt, st *state) {
	o := in.c.objOf(s.X)
	if o == nil {
		return
	}
	if v, ok := st.vals[o]; ok && v.kind == vInt {
		if s.Tok == token.INC {
			v.i++
		} else {
			v.i--
		}
		st.vals[o] = v
	}
}

func isInteger(t types.Type) bool {
	b, ok := underlying(t).(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// isStatusName reports whether a variable's name says it holds the HTTP
// status (status, statusCode, httpStatus) or is one of the policy's status
// field names.
func isStatusName(c *checker, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	return strings.Contains(strings.ToLower(id.Name), "status") || c.pol.IsStatusField(id.Name)
}

// readError is the error of a call other than the attempt. Reading or
// decoding the failure's body (a call given the failure) is taken to
// succeed: the server answered, and a read error is no answer of its. Other
// calls' errors are unknown and fork.
func (in *interp) readError(call value) value {
	if call.tainted {
		return value{kind: vNil}
	}
	return unknownValue
}
