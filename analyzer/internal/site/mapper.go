package site

import (
	"go/ast"
	"go/types"
)

// An error mapper is a function of the package that takes the failure
// and hands back an error for it: return classify(err), where classify
// marks some codes permanent for a retry library and passes the others
// through. The evaluator runs it under the scenario with its parameters
// bound, as it runs predicates, and takes the error it returns.

// mapError runs a function of this package that returns an error and is
// given the failure. ok is false when fn is not such a function; the value
// is unknown when its paths disagree under the scenario.
func (in *interp) mapError(call *ast.CallExpr, fn *types.Func, st *state) (value, bool) {
	c := in.c
	fd := c.decls[fn]
	if fd == nil || fd.Body == nil || fd.Recv != nil {
		return value{}, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() != 1 || !isErrorType(sig.Results().At(0).Type()) {
		return value{}, false
	}
	args := make([]value, len(call.Args))
	given := false
	for i, a := range call.Args {
		args[i] = in.eval(a, st)
		if k := args[i].kind; args[i].tainted && (k == vErr || k == vAPIErr || k == vNil || k == vNonNil) {
			given = true
		}
	}
	if !given {
		return value{}, false
	}
	if c.predBusy[fn] {
		c.guardHits++
		return value{}, false
	}
	c.predBusy[fn] = true
	defer delete(c.predBusy, fn)
	r := &region{fn: fd, kind: in.r.kind, labels: c.labelsOf(fd)}
	sub := &interp{c: c, r: r, scen: in.scenario(), pass: 1}
	ms := newState()
	ms.attempted = true
	for i, p := range c.params(fd) {
		if p != nil && i < len(args) {
			ms.vals[p] = args[i]
		}
	}
	var out value
	seen := false
	for _, f := range sub.exec(fd.Body, ms) {
		if f.ctl == cExit {
			continue
		}
		ret, ok := f.node.(*ast.ReturnStmt)
		if f.ctl != cReturn || !ok || len(ret.Results) != 1 {
			return taintedUnknown(), true
		}
		v := sub.eval(ret.Results[0], f.st)
		switch {
		case !seen:
			out, seen = v, true
		case v.kind != out.kind || v.final != out.final:
			return taintedUnknown(), true
		}
	}
	if !seen || sub.over {
		return taintedUnknown(), true
	}
	out.tainted = true
	return out, true
}
