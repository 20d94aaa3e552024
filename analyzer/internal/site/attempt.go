package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// attemptKind says how an attempt reports a failure.
type attemptKind struct {
	// apiErr: failures come back as errors (an SDK call); otherwise the
	// error is a transport error only and failures come as statuses.
	apiErr bool
	// codes: with apiErr, those errors carry the policy's codes (the
	// client speaks the API); otherwise they are opaque, and only what the
	// site reads of them (a status) is judged.
	codes bool
	// resp: a result is an *http.Response carrying the status.
	resp bool
}

// httpAttempt reports whether a call is an HTTP request: Client.Do, Get,
// Post, PostForm, Head, or the package functions of those names; or a
// call of the HTTP shape `(*http.Request) (*http.Response, error)` named
// Do or RoundTrip whatever the receiver (an SDK's Doer interface, a
// transport, an embedded client), or of a function-typed field or
// variable of that shape.
func (c *checker) httpAttempt(call *ast.CallExpr) bool {
	return c.httpAttemptOf(call, c.calleeFunc(call))
}

// httpAttemptOf is httpAttempt for a call whose callee (fn, or nil) is
// known.
func (c *checker) httpAttemptOf(call *ast.CallExpr, fn *types.Func) bool {
	if isFunc(fn, "net/http", "Do", "Get", "Post", "PostForm", "Head") {
		r := recvNamed(fn)
		return r == "" || r == "Client"
	}
	if fn != nil && fn.Name() != "Do" && fn.Name() != "RoundTrip" {
		return false
	}
	if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "net/http" && recvNamed(fn) != "Transport" && !isInterfaceMethod(fn) {
		return false // http.HandlerFunc and the like
	}
	if fn == nil {
		if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			return false
		}
	}
	sig, ok := underlying(c.typeOf(call.Fun)).(*types.Signature)
	return ok && isHTTPShape(sig)
}

// isHTTPShape reports whether a signature is func(*http.Request)
// (*http.Response, error).
func isHTTPShape(sig *types.Signature) bool {
	if sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	p, ok := sig.Params().At(0).Type().(*types.Pointer)
	return ok && isNamed(p.Elem(), "net/http", "Request") &&
		isResponseType(sig.Results().At(0).Type()) && isErrorType(sig.Results().At(1).Type())
}

// isInterfaceMethod reports whether fn is a method of an interface.
func isInterfaceMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// errorResult returns the index of a call's error result, or -1.
func (c *checker) errorResult(call *ast.CallExpr) int {
	t := c.typeOf(call)
	if t == nil {
		return -1
	}
	if tup, ok := t.(*types.Tuple); ok {
		for i := tup.Len() - 1; i >= 0; i-- {
			if isErrorType(tup.At(i).Type()) {
				return i
			}
		}
		return -1
	}
	if isErrorType(t) {
		return 0
	}
	return -1
}

// returnsResponse reports whether a call returns an *http.Response.
func (c *checker) returnsResponse(call *ast.CallExpr) bool {
	t := c.typeOf(call)
	if tup, ok := t.(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			if isResponseType(tup.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return t != nil && isResponseType(t)
}

// candidateAttempt classifies a call that may reach the API, before the
// site around it is known: net/http requests, calls into configured client
// packages, and calls of functions outside the standard library that
// return an error (which become attempts only if the site classifies that
// error, see classifiesError).
func (c *checker) candidateAttempt(call *ast.CallExpr, fn *types.Func) (kind attemptKind, sure, ok bool) {
	// a call of a function (fn) is no conversion and no builtin
	if fn == nil && (c.isConversion(call) || c.builtinName(call) != "") {
		return kind, false, false
	}
	if c.httpAttemptOf(call, fn) {
		return attemptKind{resp: true}, true, true
	}
	if fn == nil && c.returnsResponse(call) && c.boundLiteralSends(call) {
		// send := func() (*http.Response, error) { return c.Do(req) }
		return attemptKind{resp: true}, true, true
	}
	if lit := calledLiteral(call); lit != nil {
		// err := func() error { ... }()
		kind, ok := c.literalAttempt(lit)
		return kind, ok, ok
	}
	if fn == nil || fn.Pkg() == nil {
		return kind, false, false
	}
	// cheapest tests first: most calls are of the standard library
	if c.callee(fn).std || c.errorResult(call) < 0 || c.isRefreshCall(call, fn) {
		return kind, false, false
	}
	path := fn.Pkg().Path()
	kind = attemptKind{apiErr: true, resp: c.returnsResponse(call)}
	if c.isClientPackage(path) {
		kind.codes = true
		return kind, true, true
	}
	if h := c.helperOf(fn); h != nil && h.attempt {
		return h.kind, true, true
	}
	if kind.resp {
		// A helper that returns the *http.Response: failures come as
		// statuses unless the site classifies its error.
		return attemptKind{resp: true}, true, true
	}
	return kind, false, true
}

// boundLiteralSends reports whether a call goes to a local variable bound
// once to a function literal that makes an HTTP attempt.
func (c *checker) boundLiteralSends(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.objOf(id).(*types.Var)
	if !ok {
		return false
	}
	defs := c.definitions(v)
	if len(defs) != 1 {
		return false
	}
	lit, ok := ast.Unparen(defs[0]).(*ast.FuncLit)
	if !ok {
		return false
	}
	sends := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if x, ok := n.(*ast.CallExpr); ok && !sends && c.httpAttempt(x) {
			sends = true
		}
		return !sends
	})
	return sends
}

// isStdPackage reports whether an import path belongs to the standard
// library: no dot in its first element, and that element is one of the
// standard library's roots (so that GOPATH-style test packages such as
// "client" are not mistaken for it).
func isStdPackage(path string) bool {
	root, _, _ := strings.Cut(path, "/")
	return !strings.Contains(root, ".") && stdRoots[root]
}

var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "bytes": true, "cmp": true, "compress": true,
	"container": true, "context": true, "crypto": true, "database": true, "debug": true,
	"embed": true, "encoding": true, "errors": true, "expvar": true, "flag": true,
	"fmt": true, "go": true, "hash": true, "html": true, "image": true, "index": true,
	"internal": true, "io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "plugin": true, "reflect": true,
	"regexp": true, "runtime": true, "slices": true, "sort": true, "strconv": true,
	"strings": true, "structs": true, "sync": true, "syscall": true, "testing": true,
	"text": true, "time": true, "unicode": true, "unique": true, "unsafe": true,
	"vendor": true, "weak": true, "cmd": true,
}

// classifiesError reports whether the code in body classifies the error
// variable v as an API error: errors.As to the API error type, a type
// switch or assertion with an API error type, or errors.Is with a sentinel
// of known code. speaks: the classification is by the policy's API (a
// sentinel of its codes, an error type of a package that speaks it).
func (c *checker) classifiesError(body ast.Node, v types.Object, call *ast.CallExpr) (found, speaks bool) {
	from, until := call.End(), c.nextAssign(body, v, call)
	ast.Inspect(body, func(n ast.Node) bool {
		if found && speaks {
			return false
		}
		if n != nil && (n.End() <= from || n.Pos() >= until) {
			// only what is done with this call's error counts: after the
			// call, before the variable is assigned again
			return n.Pos() < from && n.End() > from
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := c.calleeFunc(n)
			if len(n.Args) == 2 && c.objOf(n.Args[0]) == v {
				switch {
				case isFunc(fn, "errors", "As"):
					if t := c.typeOf(n.Args[1]); t != nil {
						if p, ok := t.(*types.Pointer); ok && c.isAPIErrorType(p.Elem()) {
							found, speaks = true, speaks || c.typeSpeaks(p.Elem())
						} else if _, fam := c.familyStatuses(p.Elem()); ok && fam {
							found = true
						}
					}
				case isFunc(fn, "errors", "Is"):
					if len(c.sentinelCodes(n.Args[1])) > 0 {
						found, speaks = true, true
					}
				}
			}
		case *ast.TypeAssertExpr:
			if c.objOf(n.X) == v && n.Type != nil && c.isAPIErrorType(c.typeOf(n.Type)) {
				found, speaks = true, speaks || c.typeSpeaks(c.typeOf(n.Type))
			}
		case *ast.TypeSwitchStmt:
			if x := typeSwitchSubject(n); x != nil && c.objOf(x) == v {
				for _, cl := range n.Body.List {
					for _, t := range cl.(*ast.CaseClause).List {
						if c.isAPIErrorType(c.typeOf(t)) {
							found, speaks = true, speaks || c.typeSpeaks(c.typeOf(t))
						}
					}
				}
			}
		}
		return true
	})
	return found, speaks
}

// nextAssign returns where v is next assigned after a call, or the end of
// body.
func (c *checker) nextAssign(body ast.Node, v types.Object, call *ast.CallExpr) token.Pos {
	until := body.End()
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() <= call.Pos() || as.Pos() >= until {
			return true
		}
		for _, l := range as.Lhs {
			if c.objOf(l) == v {
				until = as.Pos()
			}
		}
		return true
	})
	return until
}

// typeSwitchSubject returns x of `switch x.(type)` or `switch y := x.(type)`.
func typeSwitchSubject(ts *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := ts.Assign.(type) {
	case *ast.ExprStmt:
		e = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	}
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// sentinelCodes returns the API codes a package-level error variable
// stands for: from its initializer (errors.New("CODE"),
// &APIError{Code: "CODE"}), from a function of its package that maps
// codes to it, or from its package's Sentinel fact.
func (c *checker) sentinelCodes(e ast.Expr) []string {
	v, ok := c.objOf(e).(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	if v.Pkg() != c.pass.Pkg {
		var s Sentinel
		if !isStdPackage(v.Pkg().Path()) && c.pass.ImportObjectFact(v, &s) {
			return s.Codes
		}
		return nil
	}
	return c.sentinelMap()[v]
}

// sentinelMap learns this package's sentinels once.
func (c *checker) sentinelMap() map[*types.Var][]string {
	if c.sentinels != nil {
		return c.sentinels
	}
	c.sentinels = map[*types.Var][]string{}
	add := func(v *types.Var, code string) {
		for _, x := range c.sentinels[v] {
			if x == code {
				return
			}
		}
		c.sentinels[v] = append(c.sentinels[v], code)
	}
	// initializers
	for _, v := range c.declared().vars {
		if !isErrorType(v.Type()) && !c.isAPIErrorType(v.Type()) {
			continue
		}
		if init := c.packageVarInit(v); init != nil {
			ast.Inspect(init, func(n ast.Node) bool {
				if ex, ok := n.(ast.Expr); ok {
					if s, ok := c.constString(ex); ok && c.codes[s] {
						add(v, s)
						return false
					}
				}
				return true
			})
		}
	}
	// mapping functions: run each function that returns one of them, in
	// a package that can compare codes at all
	if !c.hasErrorVars() || !c.mayNameCodes() {
		return c.sentinels
	}
	scope := c.pass.Pkg.Scope()
	for fn, fd := range c.decls {
		if !c.returnsSentinel(fd) {
			continue
		}
		sig := fn.Type().(*types.Signature)
		errIdx := c.errorIndex(sig)
		if errIdx < 0 {
			continue // no error result (its type may not have checked)
		}
		for _, code := range c.pol.Codes {
			sc := Scenario{Code: code.Name, Status: code.Status}
			bind, ok := c.bindByType(fd, sc)
			if !ok {
				break
			}
			r := &region{fn: fd, kind: attemptKind{apiErr: true, codes: true}, labels: c.labelsOf(fd)}
			in := &interp{c: c, r: r, scen: sc, pass: 1}
			st := newState()
			st.attempted = true
			bind(c.params(fd), st)
			for _, f := range in.exec(fd.Body, st) {
				ret, ok := f.node.(*ast.ReturnStmt)
				if f.ctl != cReturn || !ok || errIdx >= len(ret.Results) {
					continue
				}
				if v, ok := c.objOf(ret.Results[errIdx]).(*types.Var); ok && v.Pkg() == c.pass.Pkg && v.Parent() == scope {
					add(v, code.Name)
				}
			}
		}
	}
	for _, codes := range c.sentinels {
		sort.Strings(codes)
	}
	return c.sentinels
}

// returnsSentinel reports whether a function returns a package-level error
// variable of this package somewhere.
func (c *checker) returnsSentinel(fd *ast.FuncDecl) bool {
	return c.scanned().sentinelFns[fd]
}

// packageVarInit returns the initializer of a package-level variable of
// this package, or nil. The initializers are indexed once.
func (c *checker) packageVarInit(v *types.Var) ast.Expr {
	if v.Pkg() != c.pass.Pkg {
		return nil
	}
	if c.varInits == nil {
		c.varInits = map[*types.Var]ast.Expr{}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, s := range gd.Specs {
					vs, ok := s.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for i, name := range vs.Names {
						if o, ok := c.info.Defs[name].(*types.Var); ok && i < len(vs.Values) {
							c.varInits[o] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	return c.varInits[v]
}

// IsStdPackage reports whether an import path belongs to the standard
// library.
func IsStdPackage(path string) bool { return isStdPackage(path) }
