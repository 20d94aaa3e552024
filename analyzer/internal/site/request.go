package site

import (
	"go/ast"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// requestBuilder is a function that builds or sends a request: where its
// method and URL are among the arguments, or the method its name fixes.
type requestBuilder struct {
	method int    // the method argument, or noArgument
	fixed  string // the method when the name fixes it
	url    int
}

// funcKey names a function or method by its package path and name.
type funcKey struct{ pkg, name string }

// builderOfFunc returns the request builder a function is, if any.
func builderOfFunc(fn *types.Func) (requestBuilder, bool) {
	if fn == nil || fn.Pkg() == nil {
		return requestBuilder{}, false
	}
	b, ok := requestBuilders[funcKey{fn.Pkg().Path(), fn.Name()}]
	return b, ok
}

// requestBuilders, keyed by package path and name (methods by their name
// alone within the package), as data.
var requestBuilders = map[funcKey]requestBuilder{
	{"net/http", "NewRequest"}:            {method: 0, url: 1},
	{"net/http", "NewRequestWithContext"}: {method: 1, url: 2},
	{"net/http", "Post"}:                  {method: noArgument, fixed: "POST", url: 0},
	{"net/http", "PostForm"}:              {method: noArgument, fixed: "POST", url: 0},
	{retryable, "NewRequest"}:             {method: 0, url: 1},
	{retryable, "NewRequestWithContext"}:  {method: 1, url: 2},
	{retryable, "Post"}:                   {method: noArgument, fixed: "POST", url: 0},
	{resty, "Post"}:                       {method: noArgument, fixed: "POST", url: 0},
	{resty, "Execute"}:                    {method: 0, url: 1},
}

// requestOf returns the method and URL shape of a call that builds or
// sends a request; ok is false for other calls and for a method that is
// not a constant (chosen at run time: not judged).
func (c *checker) requestOf(call *ast.CallExpr, fn *types.Func) (method, shape string, ok bool) {
	return c.requestTo(call, fn, nil)
}

// requestTo is requestOf for a request whose method one of the endpoints
// has (all when endpoints is nil): the URL's shape is rendered only then.
func (c *checker) requestTo(call *ast.CallExpr, fn *types.Func, endpoints [][]policy.Endpoint) (method, shape string, ok bool) {
	if fn == nil || fn.Pkg() == nil {
		return "", "", false
	}
	f := c.callee(fn)
	b, found := f.builder, f.isBuilder
	prefix := ""
	if !found {
		h := c.helperOf(fn)
		if h == nil || h.builder == nil {
			return "", "", false
		}
		// a request helper of the SDK: c.do(ctx, "POST", "/v1/sessions", ...)
		b, found, prefix = *h.builder, true, policy.Unknown
	}
	if b.url >= len(call.Args) || b.method >= len(call.Args) {
		return "", "", false
	}
	method = b.fixed
	if b.method != noArgument {
		m, ok := c.constString(call.Args[b.method])
		if !ok {
			return "", "", false
		}
		method = strings.ToUpper(m)
	}
	if endpoints != nil && !slices.ContainsFunc(endpoints, func(list []policy.Endpoint) bool {
		return slices.ContainsFunc(list, func(e policy.Endpoint) bool { return e.Method == method })
	}) {
		return method, "", true // no endpoint of this method: the shape matches none
	}
	return method, prefix + c.urlShape(call.Args[b.url], 0), true
}

// builderOf recognises a request helper: a function that builds its
// request from a method parameter and a URL that ends in a parameter
// (c.BaseURL+path), so its callers name the endpoint. It looks at the
// calls under root (the function's body, or a function literal in it) in
// order; summarise asks it call by call instead, as it walks the body.
func (c *checker) builderOf(fd *ast.FuncDecl, root ast.Node) *requestBuilder {
	var out *requestBuilder
	c.inspect(root, callNodes, func(n ast.Node) bool {
		if out == nil {
			call := n.(*ast.CallExpr)
			out = c.builderCall(fd, call, c.calleeFunc(call))
		}
		return out == nil
	})
	return out
}

// builderCall returns the request builder fd is when call (of fn) builds
// its request from fd's parameters, or nil.
func (c *checker) builderCall(fd *ast.FuncDecl, call *ast.CallExpr, fn *types.Func) *requestBuilder {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	f := c.callee(fn)
	b, ok := f.builder, f.isBuilder
	if !ok && c.decls[fn] != nil {
		// a helper on a helper: do calls newRequest
		if h := c.helperOf(fn); h != nil && h.builder != nil {
			b, ok = *h.builder, true
		}
	}
	if !ok || b.method >= len(call.Args) || b.url >= len(call.Args) {
		return nil
	}
	u := c.urlParam(fd, call.Args[b.url])
	if u < 0 {
		return nil
	}
	if b.method == noArgument {
		return &requestBuilder{method: noArgument, fixed: b.fixed, url: u}
	} else if m := c.paramIndex(fd, call.Args[b.method]); m >= 0 {
		return &requestBuilder{method: m, url: u}
	} else if s, ok := c.constString(call.Args[b.method]); ok {
		// a helper for one method: post(ctx, path, body)
		return &requestBuilder{method: noArgument, fixed: strings.ToUpper(s), url: u}
	}
	return nil
}

// urlParam returns the parameter a URL expression ends with (path in
// c.BaseURL+path), or -1.
func (c *checker) urlParam(fd *ast.FuncDecl, e ast.Expr) int {
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return c.urlParam(fd, x.Y)
	case *ast.Ident:
		return c.paramIndex(fd, x)
	}
	return -1
}

// urlShape renders a URL expression as text, with policy.Unknown for the
// parts computed at run time: constants, concatenations, fmt.Sprintf with
// its verbs, and locals with one definition.
func (c *checker) urlShape(e ast.Expr, depth int) string {
	if s, ok := c.constString(e); ok {
		return s
	}
	if depth > 4 {
		return policy.Unknown
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		if x.Op.String() == "+" {
			return c.urlShape(x.X, depth+1) + c.urlShape(x.Y, depth+1)
		}
	case *ast.CallExpr:
		if isFunc(c.calleeFunc(x), "fmt", "Sprintf") && len(x.Args) > 0 {
			if f, ok := c.constString(x.Args[0]); ok {
				return fmtVerb.ReplaceAllStringFunc(f, func(v string) string {
					if v == "%%" {
						return "%"
					}
					return policy.Unknown
				})
			}
		}
	case *ast.Ident:
		if v, ok := c.objOf(x).(*types.Var); ok {
			if defs := c.definitions(v); len(defs) == 1 {
				return c.urlShape(defs[0], depth+1)
			}
		}
	}
	return policy.Unknown
}

var fmtVerb = regexp.MustCompile(`%%|%[-+# 0-9.*\[\]]*[a-zA-Z]`)

// sessionWords and terminateWords are what the names of functions that
// create or end a session say, when their bodies cannot be seen: an SDK's
// CreateSession, a Sessions service's Create, sess.Terminate.
var (
	sessionWords   = []string{"create", "new", "start", "open", "acquire", "begin"}
	terminateWords = []string{"terminate", "close", "end", "delete", "kill", "release", "stop", "evict"}
)

// sessionEffect tells whether a call creates a new session or terminates
// one: a request to one of the policy's endpoints, a function of this
// package (or one with a fact) that makes one, or, for a call whose body
// is not seen, its name. Taking an unseen call for the effect can only
// silence a finding.
func (c *checker) sessionEffect(call *ast.CallExpr, fn *types.Func) (created, terminated bool) {
	if fn == nil {
		name := calleeName(call)
		return sessionName(name, "", sessionWords), sessionName(name, "", terminateWords)
	}
	if method, shape, ok := c.requestTo(call, fn, [][]policy.Endpoint{c.pol.NewSessionEndpoints, c.pol.TerminateEndpoints}); ok {
		return policy.MatchAny(c.pol.NewSessionEndpoints, method, shape),
			policy.MatchAny(c.pol.TerminateEndpoints, method, shape)
	}
	if h := c.helperOf(fn); h != nil {
		return h.newSession, h.terminate
	}
	f := c.callee(fn)
	return f.newSession, f.endSession
}

// sessionName reports whether a function name (with its receiver's type
// name) speaks of a session and starts with one of the words:
// CreateSession, NewAgentSession, (*SessionService).Create,
// (*Session).Terminate.
func sessionName(name, recv string, words []string) bool {
	n := strings.ToLower(name)
	if !strings.Contains(n, "session") && !strings.Contains(strings.ToLower(recv), "session") {
		return false
	}
	for _, w := range words {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// hasStringParam reports whether a function takes a string parameter.
func (c *checker) hasStringParam(fd *ast.FuncDecl) bool {
	for _, p := range c.params(fd) {
		if p != nil && isString(p.Type()) {
			return true
		}
	}
	return false
}
