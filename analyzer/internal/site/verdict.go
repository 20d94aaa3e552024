package site

import (
	"go/ast"
	"go/types"
)

// A retry helper whose callback returns its own verdict,
//
//	func (r retrier) Run(ctx context.Context, fn func(attempt int) (retry bool, wait time.Duration, err error)) error
//
// calls the callback again while it says retry, waiting the wait it
// returns. The callback handed to it is then a site like a library's
// closure: each of its returns decides, and the wait it returns is the
// delay.

// verdictResults returns the callback's verdict (a bool result) and wait
// (a time.Duration result, or -1) indexes, or ok false when its results
// hold no verdict.
func verdictResults(t types.Type) (verdict, wait int, ok bool) {
	sig, isSig := t.Underlying().(*types.Signature)
	if !isSig {
		return -1, -1, false
	}
	verdict, wait = -1, -1
	for i := 0; i < sig.Results().Len(); i++ {
		rt := sig.Results().At(i).Type()
		if isBool(rt) && verdict < 0 {
			verdict = i
		}
		if isDurationType(rt) && wait < 0 {
			wait = i
		}
	}
	return verdict, wait, verdict >= 0
}

// verdictHelper recognises a helper that honours its callback's verdict:
// evaluated with the verdict true its loop runs the callback again, with
// it false it stops. waitsReturned: it waits the wait the callback
// returns; otherwise delay is its own wait's growth.
func (c *checker) verdictHelper(fd *ast.FuncDecl, call *ast.CallExpr, loop ast.Stmt, verdict, wait int) (ok, waitsReturned bool, delay DelayKind) {
	r := &region{fn: fd, loop: loop, attempt: call, kind: attemptKind{apiErr: true, codes: true}, labels: c.labelsOf(fd)}
	for _, say := range []bool{true, false} {
		r.verdict = &verdictBinding{index: verdict, say: say}
		row := c.evalScenario(r, Scenario{Code: "", Status: 500}, false)
		switch {
		case say && row.Outcome != Next, !say && row.Outcome != Exit:
			return false, false, UnknownDelay
		case say:
			delay = row.Paths[0].Delay().Kind
		}
	}
	if wait >= 0 {
		if v := c.resultVar(fd, call, wait); v != nil && c.waitsOn(loop, v) {
			return true, true, delay
		}
	}
	return true, false, delay
}

// verdictBinding fixes the verdict a callback returns while a helper is
// evaluated.
type verdictBinding struct {
	index int
	say   bool
}

// resultVar returns the variable a call's result i is assigned to.
func (c *checker) resultVar(fd *ast.FuncDecl, call *ast.CallExpr, i int) types.Object {
	var out types.Object
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if ok && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == call && i < len(as.Lhs) {
			out = c.objOf(as.Lhs[i])
		}
		return out == nil
	})
	return out
}

// waitsOn reports whether a loop waits a duration that refers to v.
func (c *checker) waitsOn(loop ast.Stmt, v types.Object) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			if arg, ok := c.waitArg(call, c.calleeFunc(call)); ok && c.refersTo(arg, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// verdictReturn decides a return of a callback handed to a verdict
// helper: its verdict under the scenario, and the wait it returns.
func (in *interp) verdictReturn(s *ast.ReturnStmt, st *state) (ctl, *Delay) {
	l := in.r.lib
	if !l.hasVerdict || l.verdict >= len(s.Results) {
		return cUnknown, nil
	}
	v := in.eval(s.Results[l.verdict], st)
	switch {
	case v.kind != vBool:
		return cUnknown, nil
	case !v.b:
		return cReturn, nil
	}
	d := Delay{Kind: l.verdictDelay, Pos: s.Pos()}
	if l.verdictWait >= 0 && l.verdictWait < len(s.Results) {
		e := s.Results[l.verdictWait]
		d = in.finalDelay(in.delayOf(e, st, 0), e.Pos())
	}
	return cNext, &d
}
