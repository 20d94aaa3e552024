package site

import (
	"go/ast"
	"go/types"
	"sort"
)

// The error's message is for logs: a retry decision that branches on its
// text (strings.Contains(err.Error(), "rate limit"), apiErr.Message ==
// "...", resp.Status compared with text, a regexp over err.Error()) is a
// finding when the code or the status was there to branch on. Where the
// text is the only signal (a transport error, an opaque error of another
// API) it is not.

// messageFields are the string fields of an error that hold its message.
var messageFields = map[string]bool{"Message": true, "Msg": true, "ErrorMessage": true, "Description": true}

// noteMessage records a condition that made a path unknown if it reads the
// failure's message text while the failure carries a code or a status.
func (in *interp) noteMessage(e ast.Expr, st *state) {
	// a note beside an unknown answer, not an answer: not a reading
	if e == nil || in.scen.Success || in.scen.Transport {
		return
	}
	found := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			// msg := err.Error(); strings.Contains(msg, "...")
			// (a local: a field is read by the selector case below, and
			// a package variable, which every call shares, holds no one
			// failure's text)
			if v, ok := in.c.info.Uses[n].(*types.Var); ok && isString(v.Type()) && isLocal(v) {
				if defs := in.c.definitions(v); len(defs) == 1 && defs[0].Pos() < n.Pos() {
					if _, lit := defs[0].(*ast.BasicLit); !lit {
						ast.Inspect(defs[0], visit)
					}
				}
			}
		case *ast.CallExpr:
			// x.Error(): the error's text
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && len(n.Args) == 0 {
				switch {
				case sel.Sel.Name == "Error":
					found = in.textHasCode(sel.X, st)
				case sel.Sel.Name == "Status" || messageFields[sel.Sel.Name]:
					// getters: a resty Response's Status(), e.Message()
					x := in.eval(sel.X, st)
					found = (x.kind == vResp && sel.Sel.Name == "Status") || (x.kind == vAPIErr && messageFields[sel.Sel.Name])
				}
			}
		case *ast.SelectorExpr:
			if _, isField := in.c.info.Selections[n]; !isField || !isString(in.c.typeOf(n)) {
				return true
			}
			x := in.eval(n.X, st)
			switch {
			case x.kind == vResp && n.Sel.Name == "Status":
				found = true // resp.Status, the status line, beside resp.StatusCode
			case x.kind == vAPIErr && messageFields[n.Sel.Name]:
				found = true
			case x.tainted && messageFields[n.Sel.Name] && in.c.isErrorBody(pointerTo(in.c.typeOf(n.X))):
				found = true // env.Error.Message beside env.Error.Code
			}
		}
		return !found
	}
	ast.Inspect(e, visit)
	if found {
		if in.r.msgConds == nil {
			in.r.msgConds = map[ast.Node]bool{}
		}
		in.r.msgConds[e] = true
	}
}

// addMessageConds adds the message conditions found in a predicate the
// region's decision ran (a RetryIf, a CheckRetry).
func (r *region) addMessageConds(conds map[ast.Node]bool) {
	for n := range conds {
		if r.msgConds == nil {
			r.msgConds = map[ast.Node]bool{}
		}
		r.msgConds[n] = true
	}
}

// pointerTo returns t as a pointer type.
func pointerTo(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if _, ok := t.(*types.Pointer); ok {
		return t
	}
	return types.NewPointer(t)
}

// textHasCode reports whether the error whose text is read carries a code
// or a status to branch on instead: a value of an API error type, or the
// attempt's error when the attempt's errors carry the policy's codes.
func (in *interp) textHasCode(x ast.Expr, st *state) bool {
	v := in.eval(x, st)
	switch v.kind {
	case vAPIErr:
		return true
	case vErr:
		return in.r.kind.apiErr && in.r.kind.codes
	}
	return false
}

// messageConds returns a region's recorded message conditions in source
// order.
func (r *region) messageConds() []ast.Node {
	var out []ast.Node
	for n := range r.msgConds {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}
