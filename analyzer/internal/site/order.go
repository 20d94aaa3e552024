package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// KeyState is how a request to an idempotency-key endpoint is keyed.
type KeyState int

// The key states.
const (
	KeyUnknown KeyState = iota // cannot be told: not judged
	KeyNone                    // no idempotency key is sent
	KeyFresh                   // a key is made anew for every attempt
	KeyStable                  // a key made once is sent on every attempt
	KeyParam                   // (summaries) the caller passes the key
)

func (k KeyState) String() string {
	switch k {
	case KeyNone:
		return "no key"
	case KeyFresh:
		return "fresh key"
	case KeyStable:
		return "stable key"
	case KeyParam:
		return "key from param"
	}
	return "unknown key"
}

// Order is an attempt that places an order: a request to one of the
// policy's idempotency-key endpoints, and how each attempt keys it.
type Order struct {
	Endpoint string   // as the policy writes it: POST /v1/sessions
	Key      KeyState // KeyNone, KeyFresh, KeyStable or KeyUnknown
	// Request is where the request is built, when this package builds it.
	Request ast.Node
	// KeyAt is the call that makes the key anew (KeyFresh).
	KeyAt ast.Node
	// Local: the request is built in the function that retries it, so the
	// fix goes there.
	Local bool
	// Hoist is the statement that makes a fresh key, and HoistBefore the
	// statement to move it before, when that move is a certain fix.
	Hoist       *ast.AssignStmt
	HoistBefore ast.Node
}

// order is an attempt maker's order, as its summary keeps it.
type order struct {
	endpoint string
	key      KeyState
	keyParam int    // with KeyParam: the parameter carrying the key
	keyField string // and its field, when the parameter is a struct
	request  ast.Node
	keyAt    ast.Node
}

func importOrder(s FuncSummary) *order {
	if s.Order == "" {
		return nil
	}
	return &order{endpoint: s.Order, key: s.OrderKey, keyParam: s.OrderKeyParam, keyField: s.OrderKeyField}
}

// freshKeyFuncs make a new value on every call: a key made by one inside
// the retried code is a new key per attempt. Keyed by package path;
// nil means every function of the package.
var freshKeyFuncs = map[string][]string{
	"github.com/google/uuid":            {"New", "NewString", "NewRandom", "NewV7", "NewUUID", "NewRandomFromReader"},
	"github.com/gofrs/uuid":             {"NewV4", "NewV7", "NewV6", "NewV1"},
	"github.com/gofrs/uuid/v5":          {"NewV4", "NewV7", "NewV6", "NewV1"},
	"github.com/segmentio/ksuid":        {"New", "NewRandom"},
	"github.com/rs/xid":                 {"New"},
	"github.com/oklog/ulid/v2":          {"Make", "New", "MustNew"},
	"github.com/lithammer/shortuuid/v4": {"New"},
	"crypto/rand":                       {"Text", "Int"},
	"math/rand":                         nil,
	"math/rand/v2":                      nil,
	"time":                              {"Now"},
}

// isClockOrRand reports whether fn reads the clock or a random number:
// fresh values, but seldom an idempotency key (jitter, deadlines).
func isClockOrRand(fn *types.Func) bool {
	switch pkgPath(fn) {
	case "time", "math/rand", "math/rand/v2":
		return true
	}
	return false
}

// isFreshCall reports whether a function makes a new value each call: a
// function of freshKeyFuncs, or a function of this package that returns
// one (remembered per function; a function being asked about is not fresh
// while it is, which ends recursion).
func (c *checker) isFreshCall(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if names, ok := freshKeyFuncs[fn.Pkg().Path()]; ok {
		return names == nil || slices.Contains(names, fn.Name())
	}
	fd := c.decls[fn]
	if fd == nil || fd.Body == nil {
		return false
	}
	if v, ok := c.freshFns[fn]; ok {
		return v
	}
	if c.freshFns == nil {
		c.freshFns = map[*types.Func]bool{}
	}
	c.freshFns[fn] = false
	fresh := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 && !fresh {
			fresh = c.freshIn(r.Results[0]) != nil
		}
		_, lit := n.(*ast.FuncLit)
		return !fresh && !lit
	})
	c.freshFns[fn] = fresh
	return fresh
}

// freshIn returns the first call in e that makes a new value, or nil.
func (c *checker) freshIn(e ast.Expr) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && found == nil && c.isFreshCall(c.calleeFunc(call)) {
			found = call
		}
		return found == nil
	})
	return found
}

// keyOrigin tells how a key value is made relative to span, the code that
// runs again for each attempt: anew inside it (KeyFresh, at the call that
// makes it), once before it (KeyStable), or by the caller of fn (KeyParam).
//
// Only code before the attempt (before) counts as made for it: a key made
// after a failure, on the way to the next attempt, is a reaction to that
// failure (a new key after a conflict).
func (c *checker) keyOrigin(v ast.Expr, span ast.Node, fn ast.Node, before token.Pos, depth int) (KeyState, ast.Node, int, string) {
	if depth > 4 {
		return KeyUnknown, nil, -1, ""
	}
	if _, ok := c.constString(v); ok {
		return KeyStable, nil, -1, ""
	}
	inSpan := func(n ast.Node) bool { return n.Pos() >= span.Pos() && n.End() <= span.End() && n.Pos() < before }
	switch x := ast.Unparen(v).(type) {
	case *ast.Ident:
		o, ok := c.objOf(x).(*types.Var)
		if !ok {
			return KeyUnknown, nil, -1, ""
		}
		if i := paramIndexOf(c.params(fn), o); i >= 0 {
			return KeyParam, nil, i, ""
		}
		defs := c.definitions(o)
		if len(defs) == 0 {
			return KeyUnknown, nil, -1, ""
		}
		state := KeyStable
		var at ast.Node
		for _, d := range defs {
			if !inSpan(d) {
				continue
			}
			k, a, _, _ := c.keyOrigin(d, span, fn, before, depth+1)
			switch k {
			case KeyFresh:
				return KeyFresh, a, -1, ""
			case KeyStable:
			default:
				state, at = KeyUnknown, nil
			}
		}
		return state, at, -1, ""
	case *ast.SelectorExpr:
		if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
			if o, ok := c.objOf(id).(*types.Var); ok {
				if i := paramIndexOf(c.params(fn), o); i >= 0 {
					return KeyParam, nil, i, x.Sel.Name
				}
			}
		}
		if _, isField := c.info.Selections[x]; isField {
			return KeyStable, nil, -1, "" // kept in a field, made elsewhere
		}
	}
	if call := c.freshIn(v); call != nil {
		if inSpan(call) {
			return KeyFresh, call, -1, ""
		}
		return KeyStable, nil, -1, ""
	}
	if call, ok := ast.Unparen(v).(*ast.CallExpr); ok {
		// a conversion or formatting of a key: judged by what it formats
		if c.isConversion(call) || isFunc(c.calleeFunc(call), "fmt", "Sprint", "Sprintf") || methodOnly(c, call) {
			state := KeyUnknown
			for _, a := range callInputs(call) {
				k, at, _, _ := c.keyOrigin(a, span, fn, before, depth+1)
				if k == KeyFresh {
					return KeyFresh, at, -1, ""
				}
				if k == KeyStable && state == KeyUnknown {
					state = KeyStable
				}
			}
			return state, nil, -1, ""
		}
	}
	return KeyUnknown, nil, -1, ""
}

// methodOnly reports whether a call is a method with no arguments on a
// value (key.String()).
func methodOnly(c *checker, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	_, isMethod := c.info.Selections[sel]
	return isMethod
}

// callInputs are the receiver and the arguments of a call.
func callInputs(call *ast.CallExpr) []ast.Expr {
	in := append([]ast.Expr(nil), call.Args...)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		in = append(in, sel.X)
	}
	return in
}

func paramIndexOf(params []*types.Var, o *types.Var) int {
	for i, p := range params {
		if p == o {
			return i
		}
	}
	return -1
}

// keyedRequest finds a request to an idempotency-key endpoint built in
// body, and the variable that holds it (nil when it is sent at once).
func (c *checker) keyedRequest(body ast.Node) (call *ast.CallExpr, endpoint string, req *types.Var) {
	ast.Inspect(body, func(n ast.Node) bool {
		if call != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == body
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true
			}
			if x, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
				if e := c.keyedEndpoint(x); e != "" {
					call, endpoint = x, e
					if v, ok := c.objOf(n.Lhs[0]).(*types.Var); ok && isRequestType(v.Type()) {
						req = v
					}
					return false
				}
			}
		case *ast.CallExpr:
			if e := c.keyedEndpoint(n); e != "" {
				call, endpoint = n, e
				return false
			}
		}
		return true
	})
	return call, endpoint, req
}

// keyedEndpoint returns the idempotency-key endpoint a call builds or
// sends a request to, or "".
func (c *checker) keyedEndpoint(call *ast.CallExpr) string {
	method, shape, ok := c.requestTo(call, c.calleeFunc(call), [][]policy.Endpoint{c.pol.IdempotencyKeyEndpoints})
	if !ok {
		return ""
	}
	for _, e := range c.pol.IdempotencyKeyEndpoints {
		if e.Matches(method, shape) {
			return e.String()
		}
	}
	return ""
}

// isRequestType reports whether t is a request a header can be set on.
func isRequestType(t types.Type) bool {
	return isNamed(t, "net/http", "Request") || isNamed(t, retryable, "Request") || isNamed(t, resty, "Request")
}

// keyValues returns the values the idempotency-key header of req is set
// to in body (req.Header.Set(K, v), req.Header[K] = []string{v}), or of
// a header map req handed to a request helper; known is false when req
// is handed to code that may set it unseen.
func (c *checker) keyValues(body ast.Node, req *types.Var, attempt *ast.CallExpr) (vals []ast.Expr, known bool) {
	known = true
	header := c.pol.IdempotencyKeyHeader
	isReqHeader := func(e ast.Expr) bool {
		if isNamed(req.Type(), "net/http", "Header") {
			return c.objOf(e) == req
		}
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Header" && c.objOf(sel.X) == req
	}
	for _, d := range c.definitions(req) {
		if lit, ok := ast.Unparen(d).(*ast.CompositeLit); ok {
			// http.Header{"Idempotency-Key": {key}}
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := c.constString(kv.Key); ok && strings.EqualFold(k, header) {
					if l, ok := kv.Value.(*ast.CompositeLit); ok && len(l.Elts) == 1 {
						vals = append(vals, l.Elts[0])
					} else {
						known = false
					}
				}
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := c.calleeFunc(n)
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && isFunc(fn, "net/http", "Set", "Add") && isReqHeader(sel.X) && len(n.Args) == 2 {
				if k, ok := c.constString(n.Args[0]); ok && strings.EqualFold(k, header) {
					vals = append(vals, n.Args[1])
				}
				return true
			}
			if n == attempt || fn == nil || isStdPackage(pkgPath(fn)) {
				return true
			}
			if fd := c.decls[fn]; fd != nil && fd.Body != nil && !c.mentionsKeyHeader(fd.Body) {
				return true // a function of this package that sets no key
			}
			for _, a := range n.Args {
				if c.objOf(a) == req && !c.httpAttempt(n) {
					known = false // a helper that may set headers
				}
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				ix, ok := l.(*ast.IndexExpr)
				if !ok || !isReqHeader(ix.X) || i >= len(n.Rhs) {
					continue
				}
				if k, ok := c.constString(ix.Index); ok && strings.EqualFold(k, header) {
					if lit, ok := ast.Unparen(n.Rhs[i]).(*ast.CompositeLit); ok && len(lit.Elts) == 1 {
						vals = append(vals, lit.Elts[0])
					} else {
						known = false
					}
				}
			}
		}
		return true
	})
	return vals, known
}

// mentionsKeyHeader reports whether code names the idempotency-key header.
func (c *checker) mentionsKeyHeader(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !found {
			if s, ok := c.constString(e); ok && strings.EqualFold(s, c.pol.IdempotencyKeyHeader) {
				found = true
			}
		}
		return !found
	})
	return found
}

func pkgPath(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	return fn.Pkg().Path()
}

// keyOf judges the values a key header is set to: fresh if any is made in
// span, stable if all are made before it.
func (c *checker) keyOf(vals []ast.Expr, span, fn ast.Node, before token.Pos) (KeyState, ast.Node, int, string) {
	if len(vals) == 0 {
		return KeyNone, nil, -1, ""
	}
	state := KeyUnknown
	param, field := -1, ""
	for i, v := range vals {
		k, at, p, f := c.keyOrigin(v, span, fn, before, 0)
		if k == KeyFresh {
			return KeyFresh, at, -1, ""
		}
		if i == 0 {
			state, param, field = k, p, f
		} else if k != state {
			state = KeyUnknown
		}
	}
	return state, nil, param, field
}

// orderOf summarises an attempt maker that places an order.
func (c *checker) orderOf(fd *ast.FuncDecl) *order {
	call, endpoint, req := c.keyedRequest(fd.Body)
	if call == nil {
		return nil
	}
	o := &order{endpoint: endpoint, request: call, keyParam: -1}
	if req == nil {
		// sent at once: by http.Post, which sets no header, or by a
		// request helper given the headers
		if fn := c.calleeFunc(call); fn != nil && !isBuilder(fn) {
			for _, a := range call.Args {
				if v, ok := c.objOf(a).(*types.Var); ok && isNamed(v.Type(), "net/http", "Header") {
					req = v
				}
			}
			if req == nil {
				o.key = KeyUnknown
				if !c.mentionsKeyHeader(fd.Body) {
					o.key = KeyNone
				}
				return o
			}
		} else {
			o.key = KeyNone
			return o
		}
	}
	vals, known := c.keyValues(fd.Body, req, nil)
	if !known && len(vals) == 0 {
		return o
	}
	o.key, o.keyAt, o.keyParam, o.keyField = c.keyOf(vals, fd.Body, fd, fd.Body.End())
	return o
}

// siteOrder finds the order an attempt places and judges its key against
// the code the site runs again for each attempt.
func (c *checker) siteOrder(r *region) *Order {
	span := r.fn
	if r.loop != nil {
		span = r.loop
	}
	fn := c.calleeFunc(r.attempt)
	if c.httpAttempt(r.attempt) || c.sendsOnly(fn) {
		for _, a := range r.attempt.Args {
			req, ok := c.objOf(a).(*types.Var)
			if !ok || !isNamed(req.Type(), "net/http", "Request") {
				continue
			}
			defs := c.definitions(req)
			if len(defs) != 1 {
				return nil
			}
			call, ok := ast.Unparen(defs[0]).(*ast.CallExpr)
			if !ok {
				return nil
			}
			endpoint := c.keyedEndpoint(call)
			if endpoint == "" {
				return nil
			}
			o := &Order{Endpoint: endpoint, Request: call, Local: true}
			vals, known := c.keyValues(r.fn, req, r.attempt)
			if !known && len(vals) == 0 {
				return o
			}
			k, at, _, _ := c.keyOf(vals, span, r.fn, r.attempt.Pos())
			if k == KeyParam {
				k = KeyStable // made by the caller, once
			}
			o.Key, o.KeyAt = k, at
			if k == KeyFresh && at != nil {
				o.Hoist, o.HoistBefore = c.hoistable(r, at)
			}
			return o
		}
		return nil
	}
	if fn == nil {
		return nil
	}
	if _, _, ok := c.requestOf(r.attempt, fn); ok {
		// http.Post and the like, sent at once: no header
		if e := c.keyedEndpoint(r.attempt); e != "" {
			return &Order{Endpoint: e, Key: KeyNone, Request: r.attempt, Local: true}
		}
		return nil
	}
	h := c.helperOf(fn)
	if h == nil || h.order == nil {
		return nil
	}
	o := &Order{Endpoint: h.order.endpoint, Key: h.order.key, Request: h.order.request, KeyAt: h.order.keyAt}
	if h.order.key == KeyParam {
		o.Key, o.KeyAt = c.argKey(r, h.order.keyParam, h.order.keyField, span)
	}
	return o
}

// sendsOnly reports whether fn is a function of this package that sends
// the request it is given and sets no idempotency key on it (send(req)).
func (c *checker) sendsOnly(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fd := c.decls[fn]
	if fd == nil || fd.Body == nil || c.mentionsKeyHeader(fd.Body) {
		return false
	}
	h := c.helperOf(fn)
	return h != nil && h.attempt && h.order == nil
}

// argKey judges the key an attempt maker is given in its argument i (or
// that argument's field).
func (c *checker) argKey(r *region, i int, field string, span ast.Node) (KeyState, ast.Node) {
	if i < 0 || i >= len(r.attempt.Args) {
		return KeyUnknown, nil
	}
	arg := r.attempt.Args[i]
	if field == "" {
		k, at, _, _ := c.keyOrigin(arg, span, r.fn, r.attempt.End(), 0)
		if k == KeyParam {
			k = KeyStable
		}
		return k, at
	}
	if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = u.X
	}
	var lit *ast.CompositeLit
	var sets []ast.Expr
	switch x := ast.Unparen(arg).(type) {
	case *ast.CompositeLit:
		lit = x
	case *ast.Ident:
		v, ok := c.objOf(x).(*types.Var)
		if !ok {
			return KeyUnknown, nil
		}
		for _, d := range c.definitions(v) {
			if l, ok := ast.Unparen(d).(*ast.CompositeLit); ok {
				lit = l
			} else if u, ok := ast.Unparen(d).(*ast.UnaryExpr); ok {
				lit, _ = ast.Unparen(u.X).(*ast.CompositeLit)
			}
		}
		ast.Inspect(r.fn, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for j, l := range as.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == field && c.objOf(sel.X) == v && j < len(as.Rhs) {
						sets = append(sets, as.Rhs[j])
					}
				}
			}
			return true
		})
	default:
		return KeyUnknown, nil
	}
	if lit != nil {
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
					sets = append(sets, kv.Value)
				}
			}
		}
	}
	if len(sets) == 0 && lit == nil {
		return KeyUnknown, nil
	}
	k, at, _, _ := c.keyOf(sets, span, r.fn, r.attempt.End())
	if k == KeyParam {
		k = KeyStable
	}
	return k, at
}

// isBuilder reports whether fn is one of the request builders of the table.
func isBuilder(fn *types.Func) bool {
	_, ok := builderOfFunc(fn)
	return ok
}
