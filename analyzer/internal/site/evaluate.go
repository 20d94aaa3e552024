package site

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// evaluate builds the outcome table of a region.
func (c *checker) evaluate(r *region) *Site {
	s := &Site{Attempt: r.attempt, Pos: r.fn.Pos(), End: r.fn.End(), Kind: c.siteKind(r), Func: c.funcName(r.fn)}
	if start, _ := r.repeats(); start.IsValid() {
		s.Pos = start // the loop, or the label a goto jumps back to
	}
	if r.loop != nil {
		s.End = r.loop.End()
	}
	stale := c.staleAuth(r)
	for _, sc := range c.scenarios(r) {
		s.Rows = append(s.Rows, c.evalScenario(r, sc, stale))
	}
	success := c.evalScenario(r, Scenario{Status: 200, Success: true}, stale)
	if success.Outcome == Next {
		// The loop repeats the call after a success too: it is a loop of
		// calls, not a retry, except where a failure takes its own way to
		// the next attempt (another continue, another wait).
		same := map[string]bool{}
		for _, p := range success.Paths {
			same[p.signature()] = true
		}
		for i := range s.Rows {
			row := &s.Rows[i]
			var kept []Path
			for _, p := range row.Paths {
				if !same[p.signature()] {
					kept = append(kept, p)
				}
			}
			if row.Outcome == Next && len(kept) == 0 {
				row.Outcome = Exit
			}
			row.Paths = kept
		}
	}
	s.Rows = append(s.Rows, success)
	if r.attempt != nil {
		s.Order = c.siteOrder(r)
	}
	s.MessageConds = r.messageConds()
	s.Unbounded = c.loopUnbounded(r)
	s.Loop = r.loop
	if by := c.libUnbounded(r); by != nil && !(c.usesLiveContext(r.fn) && transportEnds(s.Rows)) {
		// a function that sends under a context that may be cancelled,
		// and gives up on a transport error, ends when it is cancelled
		s.Unbounded, s.UnboundedBy = true, by
	}
	return s
}

// scenarios returns the failures to evaluate a region under: every API
// code when the region reads codes (or the attempt returns API errors and
// the region reads no status), otherwise every status of the policy; and
// a transport error.
func (c *checker) scenarios(r *region) []Scenario {
	var scope ast.Node = r.body()
	if r.libCall != nil {
		scope = r.libCall // the function and the library's options (RetryIf)
	}
	readsCode, readsStatus := c.reads(scope)
	var out []Scenario
	if readsCode || (r.kind.apiErr && r.kind.codes && !readsStatus) {
		for _, code := range c.pol.Codes {
			out = append(out, Scenario{Code: code.Name, Status: code.Status})
		}
	} else {
		for _, st := range c.pol.SortedStatuses() {
			out = append(out, Scenario{Status: st})
		}
	}
	return append(out, Scenario{Transport: true})
}

// reads reports whether code mentions an API code of the policy (a
// string constant or a sentinel of known code) or an HTTP status constant.
func (c *checker) reads(body ast.Node) (code, status bool) {
	return c.readsIn(body, map[*types.Func]bool{})
}

// readsIn is reads, following calls of predicates: a helper of this
// package that reads codes, or one whose summary says it does.
func (c *checker) readsIn(body ast.Node, seen map[*types.Func]bool) (code, status bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := c.calleeFunc(call); fn != nil && returnsBool(fn) && !seen[fn] {
				seen[fn] = true
				if fd := c.decls[fn]; fd != nil {
					cd, sd := c.readsIn(fd.Body, seen)
					code, status = code || cd, status || sd
				} else if h := c.helperOf(fn); h != nil && h.pred != nil {
					code = code || h.pred.PredReads&1 != 0
					status = status || h.pred.PredReads&2 != 0
				}
			}
		}
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
			v := fromConstant(tv.Value)
			switch {
			case v.kind == vString && c.codes[v.s]:
				code = true
			case v.kind == vInt && v.i >= 100 && v.i <= 599:
				status = true
			}
			return false
		}
		if call, ok := e.(*ast.CallExpr); ok && isFunc(c.calleeFunc(call), "errors", "Is") && len(call.Args) == 2 {
			if len(c.sentinelCodes(call.Args[1])) > 0 {
				code = true
			}
		}
		return true
	})
	return code, status
}

// seed returns the state at the region's start: constants assigned to
// locals just before the loop.
func (c *checker) seed(r *region) *state {
	st := newState()
	for _, s := range r.block {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) != len(s.Rhs) {
				continue
			}
			for i, l := range s.Lhs {
				if o := c.objOf(l); o != nil {
					if tv, ok := c.info.Types[s.Rhs[i]]; ok && tv.Value != nil {
						st.vals[o] = fromConstant(tv.Value)
					} else {
						delete(st.vals, o)
					}
				}
			}
		case *ast.DeclStmt:
			gd, ok := s.Decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					o := c.info.Defs[n]
					switch {
					case o == nil:
					case i < len(vs.Values) && len(vs.Values) == len(vs.Names):
						if tv, ok := c.info.Types[vs.Values[i]]; ok && tv.Value != nil {
							st.vals[o] = fromConstant(tv.Value)
						}
					case len(vs.Values) == 0:
						st.vals[o] = zeroValue(o)
					}
				}
			}
		}
	}
	return st
}

// evalScenario follows every path of the region under one scenario.
func (c *checker) evalScenario(r *region, sc Scenario, stale bool) Row {
	in := &interp{c: c, r: r, scen: sc, pass: 1}
	st := c.seed(r)
	var flows []flow
	switch l := r.loop.(type) {
	case *ast.ForStmt:
		starts := []flow{{st: st}}
		if l.Init != nil {
			starts = in.exec(l.Init, st)
		}
		for _, f := range starts {
			if l.Cond != nil {
				if v := in.eval(l.Cond, f.st); v.kind == vBool && !v.b {
					continue // the loop does not run
				}
			}
			flows = append(flows, in.exec(l.Body, f.st)...)
		}
	case *ast.RangeStmt:
		if o := c.objOf(l.Key); o != nil {
			st.vals[o] = intValue(0)
		}
		flows = in.exec(l.Body, st)
	default:
		flows = in.exec(r.body(), st)
	}

	row := Row{Scenario: sc}
	unknown := false
	var paths []Path
	// an opaque error (a client of some other API) is judged only by what
	// the site reads of it: a blanket retry of it is not judged
	opaque := r.kind.apiErr && !r.kind.codes && !r.kind.resp && !sc.Transport && !sc.Success
	next := func(f flow, node ast.Node, m Mechanism) {
		if opaque && !f.st.readStatus && !f.st.readCode {
			unknown = true
			return
		}
		paths = append(paths, Path{
			Retry:      node,
			Mechanism:  m,
			Delays:     f.st.waits,
			Refreshed:  f.st.refreshed,
			StaleAuth:  stale && f.st.refreshed && !f.st.authSet,
			NewSession: f.st.newSession,
			Terminated: f.st.terminated,
			KeyChanged: f.st.keyChanged,
			Named:      f.st.named,
			ReadCode:   f.st.readCode,
			ReadStatus: f.st.readStatus,
			Cause:      f.st.cause,
			CauseName:  f.st.causeName,
		})
	}
	for _, f := range flows {
		if in.over {
			unknown = true
			break
		}
		if !f.st.attempted {
			continue // a path that skips the attempt is not a retry
		}
		switch f.ctl {
		case cUnknown:
			unknown = true
			in.because(f.node)
		case cNormal, cContinue:
			if f.ctl == cContinue && f.label != "" && f.label != r.label {
				if c.isOuterRetryLoop(r, f.label) {
					next(f, f.node, LabeledContinue)
				}
				continue
			}
			if r.loop == nil {
				continue // the function ends
			}
			if f.st.last {
				continue // the last iteration: the loop ends
			}
			var node ast.Node
			if f.ctl == cContinue {
				node = f.node
			}
			for _, g := range in.secondPass(f.st) {
				switch g.ctl {
				case cUnknown:
					unknown = true
					in.because(g.node)
				case cReached, cNormal, cContinue, cNext:
					next(g, node, Loop)
				}
			}
		case cGoto:
			if l, ok := r.labels[f.label]; ok && l.Pos() < r.attempt.Pos() {
				next(f, f.node, Goto)
			} else {
				unknown = true
				in.noteWhy("goto to a label after the attempt")
			}
		case cNext:
			next(f, f.node, Recursion)
			if call, ok := f.node.(*ast.CallExpr); ok && len(paths) > 0 && paths[len(paths)-1].Retry == f.node {
				paths[len(paths)-1].Unbounded = c.recursionPathUnbounded(r, call)
			}
		case cReturn:
			if ret, ok := f.node.(*ast.ReturnStmt); ok && r.lib != nil {
				decide := in.libReturn
				if r.lib.hasVerdict {
					decide = in.verdictReturn
				}
				in.decidedAt = nil
				switch decision, wait := decide(ret, f.st); decision {
				case cNext:
					if wait != nil {
						f.st.waits = append(f.st.waits, *wait)
					}
					at := ast.Node(ret)
					if in.decidedAt != nil {
						at = in.decidedAt
					}
					next(f, at, Library)
				case cUnknown:
					unknown = true
					in.noteWhy("what the library does with this return cannot be told")
				}
			}
		}
	}
	if r.lib != nil && !r.lib.hasVerdict && len(paths) > 0 {
		kind, retries := c.libDelay(r.libCall, r.lib)
		named := false
		if r.lib.table != nil {
			row, _ := r.lib.row(sc)
			kind, retries, named = row.Delay, true, row.Named
		}
		if !retries {
			paths = nil
		}
		var fx notifyEffects
		if len(paths) > 0 {
			fx = c.libNotify(r, sc)
		}
		for i := range paths {
			paths[i].Delays = append(paths[i].Delays, Delay{Kind: kind, Pos: r.libCall.Pos()})
			paths[i].Refreshed = paths[i].Refreshed || fx.refreshed
			paths[i].NewSession = paths[i].NewSession || fx.newSession
			paths[i].Terminated = paths[i].Terminated || fx.terminated
			paths[i].Named = paths[i].Named || named
		}
	}
	switch {
	case unknown || in.over:
		row.Outcome = Unknown
		row.Why = in.why
		if in.over {
			row.Why = "path bound reached"
		}
	case len(paths) > 0:
		row.Outcome, row.Paths = Next, paths
	default:
		row.Outcome = Exit
	}
	return row
}

// secondPass runs from the loop's next iteration to the attempt: the post
// statement, the condition, and the body up to the attempt, so that waits
// and refreshes at the top of the loop count.
func (in *interp) secondPass(st *state) []flow {
	in.pass = 2
	defer func() { in.pass = 1 }()
	starts := []flow{{st: st}}
	var body *ast.BlockStmt
	switch l := in.r.loop.(type) {
	case *ast.ForStmt:
		body = l.Body
		if l.Post != nil {
			starts = in.exec(l.Post, st)
		}
		if l.Cond != nil {
			var conds []flow
			for _, f := range starts {
				if f.ctl != cNormal {
					conds = append(conds, f)
					continue
				}
				conds = append(conds, in.cond(l.Cond, f.st,
					func(s *state) []flow { return one(s, cNormal, l) },
					func(s *state) []flow { return one(s, cBreak, l) })...)
			}
			starts = conds
		}
	case *ast.RangeStmt:
		body = l.Body
		if o := in.c.objOf(l.Key); o != nil {
			if v, ok := st.vals[o]; ok && v.kind == vInt {
				v.i++
				st.vals[o] = v
			}
		}
	}
	var out []flow
	for _, f := range starts {
		if f.ctl != cNormal {
			out = append(out, f)
			continue
		}
		out = append(out, in.exec(body, f.st)...)
	}
	return out
}

// isOuterRetryLoop reports whether label names an enclosing loop of the
// region that can retry.
func (c *checker) isOuterRetryLoop(r *region, label string) bool {
	l, ok := r.labels[label].(*ast.LabeledStmt)
	if !ok {
		return false
	}
	for _, o := range r.outer {
		if o == l.Stmt {
			return true
		}
	}
	return false
}

// signature identifies the way a path takes to the next attempt: the
// statement that starts it and the waits on the way.
func (p *Path) signature() string {
	sig := fmt.Sprint(p.Mechanism, p.Refreshed)
	if p.Retry != nil {
		sig += fmt.Sprint(" at ", p.Retry.Pos())
	}
	for _, d := range p.Delays {
		sig += fmt.Sprint(" wait ", d.Pos)
	}
	return sig
}

// siteKind says how a region repeats its attempt, for people.
func (c *checker) siteKind(r *region) string {
	switch {
	case r.lib != nil && r.lib.table == nil && !r.lib.hasVerdict:
		return "retry library " + r.lib.pkg + "." + r.lib.name
	case r.lib != nil:
		return "retry helper " + r.lib.name
	case r.loop != nil && r.label != "":
		return "loop " + r.label
	case r.loop != nil:
		return "loop"
	}
	for _, l := range r.labels {
		if l.Pos() < r.attempt.Pos() {
			return "goto"
		}
	}
	return "recursion"
}

// funcName names the function a node belongs to, as Go writes a method:
// (*Client).Do; a function literal is named after its enclosing function.
func (c *checker) funcName(fn ast.Node) string {
	for _, f := range c.pass.Files {
		if fn.Pos() < f.Pos() || fn.End() > f.End() {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fn.Pos() < fd.Pos() || fn.End() > fd.End() {
				continue
			}
			name := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				recv := types.ExprString(fd.Recv.List[0].Type)
				if strings.HasPrefix(recv, "*") {
					recv = "(" + recv + ")"
				}
				name = recv + "." + name
			}
			if _, lit := fn.(*ast.FuncLit); lit {
				name += " (func literal)"
			}
			return name
		}
	}
	return ""
}
