package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// helper summarises a function of this package for the sites that call it.
type helper struct {
	returns   dinfo // growth of the Duration it returns
	waits     bool  // it waits
	waitParam int   // the parameter it waits for, or -1
	waitKind  dinfo // the growth of its wait, when not a parameter
	refresh   bool  // it obtains a new token
	busy      bool  // being computed (recursion guard)
}

// helperOf returns the summary of a function declared in this package,
// or nil.
func (c *checker) helperOf(fn *types.Func) *helper {
	if h, ok := c.helpers[fn]; ok {
		if h.busy {
			return nil
		}
		return h
	}
	fd := c.decls[fn]
	if fd == nil {
		return nil
	}
	h := &helper{busy: true, waitParam: -1, returns: dinfo{kind: dUnknown}}
	c.helpers[fn] = h
	c.summarise(fn, fd, h)
	h.busy = false
	return h
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
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
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
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if s, ok := c.constString(n); ok && c.pol.IsRefreshEndpoint(s) {
					h.refresh = true
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
			if callee != nil && c.isRefreshCall(n, callee) {
				h.refresh = true
			}
			if arg, ok := c.waitArg(n, callee); ok {
				h.waits = true
				if p := c.paramIndex(fd, arg); p >= 0 {
					h.waitParam = p
				} else {
					h.waitKind = c.delayOf(arg, nil, nil, 1)
				}
			} else if callee != nil {
				if sub := c.helperOf(callee); sub != nil && sub.waits {
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
		return true
	})
}

// paramIndex returns the index of the parameter an expression names.
func (c *checker) paramIndex(fd *ast.FuncDecl, e ast.Expr) int {
	o := c.objOf(e)
	if o == nil {
		return -1
	}
	i := 0
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if c.info.Defs[n] == o {
				return i
			}
			i++
		}
		if len(f.Names) == 0 {
			i++
		}
	}
	return -1
}

// isParam reports whether v is a parameter (or named result) of a function.
func (c *checker) isParam(v *types.Var) bool {
	if c.funcScopes == nil {
		c.funcScopes = map[*types.Scope]bool{}
		for n, sc := range c.info.Scopes {
			if _, ok := n.(*ast.FuncType); ok {
				c.funcScopes[sc] = true
			}
		}
	}
	return c.funcScopes[v.Parent()]
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
	if c.decls[fn] == nil && fn.Pkg() != nil && !isStdPackage(fn.Pkg().Path()) && isWaitName(fn.Name()) {
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
