package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// isRefreshCall reports whether a call obtains a new token: a request to
// the policy's token endpoints, an oauth2 TokenSource's Token, a function
// of this package that does one of these, or a function from elsewhere
// whose name says it refreshes or logs in.
func (c *checker) isRefreshCall(call *ast.CallExpr, fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Name() == "Token" && fn.Pkg() != nil && fn.Pkg().Path() == "golang.org/x/oauth2" {
		return true
	}
	if fn.Name() == "Token" && isOAuth2TokenResult(fn) {
		return true
	}
	if c.hasRefreshLiteral() {
		for _, a := range call.Args {
			if c.mentionsRefreshEndpoint(a) {
				return true
			}
		}
	}
	if h := c.helperOf(fn); h != nil {
		return h.refresh
	}
	return c.callee(fn).refreshByName
}

// isTokenSourceMethod reports whether fn asks an interface for a token
// (Token, AccessToken, GetToken) and the interface's name says it hands
// out or manages tokens (Tokens, TokenProvider, Authenticator): like an
// oauth2.TokenSource it returns a fresh token when the old one expired.
// Which implementation runs is not known; taking the call as a refresh can
// only silence a finding.
func isTokenSourceMethod(fn *types.Func) bool {
	if !isInterfaceMethod(fn) {
		return false
	}
	switch strings.ToLower(fn.Name()) {
	case "token", "accesstoken", "gettoken", "getaccesstoken":
	default:
		return false
	}
	n := strings.ToLower(typeShort(fn))
	return strings.Contains(n, "token") || strings.Contains(n, "auth") || strings.Contains(n, "credential")
}

// isOAuth2TokenResult reports whether fn returns *oauth2.Token.
func isOAuth2TokenResult(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	return isNamed(sig.Results().At(0).Type(), "golang.org/x/oauth2", "Token")
}

// mentionsRefreshEndpoint reports whether an argument holds a string
// constant naming a token endpoint (also inside a concatenation or a
// request constructor's arguments).
func (c *checker) mentionsRefreshEndpoint(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if ex, ok := n.(ast.Expr); ok && !found {
			if s, ok := c.constString(ex); ok && c.pol.IsRefreshEndpoint(s) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isRefreshName reports whether a function's name says it gets a new token.
func isRefreshName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"refresh", "reauth", "renewtoken", "login", "authenticate", "newtoken", "fetchtoken"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	// RenewAccessToken, renewSessionToken
	return strings.Contains(n, "renew") && strings.Contains(n, "token")
}

// isRefreshHookName reports whether a function value's name says it may
// obtain a new token: a refresh or login by name, or a hook on expiry or
// authentication (onExpired, handleUnauthorized, authFn, getCredentials).
// What a function value runs is not known, and taking it for a refresh can
// only silence a finding, so the names are broader than isRefreshName's.
func isRefreshHookName(name string) bool {
	if isRefreshName(name) {
		return true
	}
	n := strings.ToLower(name)
	for _, w := range []string{"expire", "unauthori", "auth", "token", "cred"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isTokenStore reports whether an assignment stores a new token: a field
// or variable whose name mentions a token gets a value that is not a
// constant (clearing it with "" does not count).
func isTokenStore(lhs, rhs ast.Expr, c *checker) bool {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr:
		if !containsFold(l.Sel.Name, "token") {
			return false
		}
	case *ast.Ident:
		if !containsFold(l.Name, "token") {
			return false
		}
		o, ok := c.objOf(l).(*types.Var)
		if !ok || o.Parent() == nil || o.Pkg() == nil || o.Parent() != o.Pkg().Scope() {
			return false // a local: storing it is not where requests read
		}
	default:
		return false
	}
	if tv, ok := c.info.Types[rhs]; ok && (tv.Value != nil || tv.IsNil()) {
		return false
	}
	return true
}

// isAuthHeaderSet reports whether a call sets the Authorization header.
func isAuthHeaderSet(call *ast.CallExpr, fn *types.Func, c *checker) bool {
	if !isFunc(fn, "net/http", "Set", "Add") || recvNamed(fn) != "Header" || len(call.Args) < 1 {
		return false
	}
	s, ok := c.constString(call.Args[0])
	return ok && strings.EqualFold(s, "Authorization")
}

// staleAuth reports whether the attempt sends a request whose
// Authorization header was set only before the loop, so a refresh inside
// the loop does not reach it.
func (c *checker) staleAuth(r *region) bool {
	start, end := r.repeats()
	if start == token.NoPos {
		return false
	}
	var req types.Object
	for _, a := range r.attempt.Args {
		if isNamed(c.typeOf(a), "net/http", "Request") {
			req = c.objOf(a)
		}
	}
	if req == nil {
		return false
	}
	setBefore, setInside := false, false
	ast.Inspect(r.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isAuthHeaderSet(n, c.calleeFunc(n), c) {
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if h, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && c.objOf(h.X) == req {
						switch {
						case n.Pos() < start:
							setBefore = true
						case n.Pos() < end && len(n.Args) == 2 && c.snapshotBefore(n.Args[1], start, end):
							// set in the loop, but from a copy of the token
							// taken before it
							setBefore = true
						case n.Pos() < end:
							setInside = true
						}
					}
				}
			}
		}
		return true
	})
	return setBefore && !setInside
}

// snapshotBefore reports whether a header value is built only from local
// variables assigned before [start, end) and never inside it: a copy of
// the token that a refresh in the loop does not change.
func (c *checker) snapshotBefore(e ast.Expr, start, end token.Pos) bool {
	locals, other := 0, false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.SelectorExpr:
			other = true
			return false
		case *ast.Ident:
			v, ok := c.objOf(n).(*types.Var)
			if !ok {
				return true
			}
			if v.Pos() >= start || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || c.assignedIn(v, start, end) {
				other = true
				return false
			}
			locals++
		}
		return true
	})
	return locals > 0 && !other
}

// assignedIn reports whether v is assigned between start and end.
func (c *checker) assignedIn(v *types.Var, start, end token.Pos) bool {
	for _, d := range c.definitions(v) {
		if d.Pos() >= start && d.Pos() < end {
			return true
		}
	}
	return false
}

// repeats returns the span of code a retry runs again: the loop, or from
// the goto label on; NoPos when there is none.
func (r *region) repeats() (start, end token.Pos) {
	if r.loop != nil {
		return r.loop.Pos(), r.loop.End()
	}
	if r.attempt == nil {
		return token.NoPos, token.NoPos
	}
	for _, l := range r.labels {
		if l.Pos() < r.attempt.Pos() && l.Pos() > start {
			start, end = l.Pos(), r.fn.End()
		}
	}
	return start, end
}

// containsFoldWord reports whether name contains word, ignoring case.
func containsFoldWord(name, word string) bool {
	return strings.Contains(strings.ToLower(name), word)
}

// hasRefreshLiteral reports, once per package, whether any string literal
// of the package names a token endpoint: most packages have none, and then
// no call needs its arguments searched for one.
func (c *checker) hasRefreshLiteral() bool {
	return c.scanned().refresh
}

// literalNamesRefresh reports whether a string literal of the package
// names a token endpoint, when the package has a literal that does (see
// hasRefreshLiteral). A literal without escapes is its own text, so most
// are answered without reading the package.
func (c *checker) literalNamesRefresh(lit *ast.BasicLit) bool {
	plain := !strings.ContainsRune(lit.Value, '\\')
	if plain && !c.pol.IsRefreshEndpoint(lit.Value) {
		return false
	}
	if (!plain || len(lit.Value) > maxURLLiteral) && !c.hasRefreshLiteral() {
		return false
	}
	s, ok := c.constString(lit)
	return ok && c.pol.IsRefreshEndpoint(s)
}

// unquote returns a string literal's value, or "" when it is malformed.
// A literal without escapes is sliced, not copied.
func unquote(lit string) string {
	if len(lit) >= 2 && !strings.ContainsRune(lit, '\\') {
		return lit[1 : len(lit)-1]
	}
	s, _ := strconv.Unquote(lit)
	return s
}

// containsFold reports whether s holds sub (lower case ASCII) in any case,
// without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
