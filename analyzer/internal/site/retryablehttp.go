package site

import (
	"go/ast"
	"go/types"
)

// clientConfig is the retry policy of a go-retryablehttp Client: its
// CheckRetry and Backoff, as set in a composite literal or by assignment.
type clientConfig struct {
	node        ast.Node // the literal or first assignment
	check       ast.Expr // nil: DefaultRetryPolicy
	checkNode   ast.Node
	backoff     ast.Expr // nil: DefaultBackoff
	backoffNode ast.Node
	prepare     ast.Expr // PrepareRetry, run before each retry
}

// retryableHTTPSites finds clients whose retry policy is set in this
// package and evaluates each policy under every status.
func (c *checker) retryableHTTPSites() []*Site {
	if !c.imports(retryable) {
		return nil
	}
	var configs []*clientConfig
	byVar := map[types.Object]*clientConfig{}
	get := func(key types.Object, n ast.Node) *clientConfig {
		if key != nil {
			if cfg, ok := byVar[key]; ok {
				return cfg
			}
		}
		cfg := &clientConfig{node: n}
		configs = append(configs, cfg)
		if key != nil {
			byVar[key] = cfg
		}
		return cfg
	}
	for cur := range c.insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		func(n ast.Node) {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if !isNamed(c.typeOf(n), retryable, "Client") {
					return
				}
				var cfg *clientConfig
				if !c.setsRetryMax(n) {
					return // a literal without RetryMax never retries
				}
				for _, el := range n.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					if key == nil || (key.Name != "CheckRetry" && key.Name != "Backoff" && key.Name != "PrepareRetry") {
						continue
					}
					if cfg == nil {
						cfg = get(nil, n)
					}
					switch key.Name {
					case "CheckRetry":
						cfg.check, cfg.checkNode = kv.Value, kv
					case "Backoff":
						cfg.backoff, cfg.backoffNode = kv.Value, kv
					default:
						cfg.prepare = kv.Value
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					sel, ok := l.(*ast.SelectorExpr)
					if !ok || i >= len(n.Rhs) || !isNamed(c.typeOf(sel.X), retryable, "Client") {
						continue
					}
					switch sel.Sel.Name {
					case "CheckRetry":
						cfg := get(c.objOf(sel.X), n)
						cfg.check, cfg.checkNode = n.Rhs[i], n
					case "Backoff":
						cfg := get(c.objOf(sel.X), n)
						cfg.backoff, cfg.backoffNode = n.Rhs[i], n
					case "PrepareRetry":
						cfg := get(c.objOf(sel.X), n)
						cfg.prepare = n.Rhs[i]
					}
				}
			}
		}(cur.Node())
	}
	var sites []*Site
	for _, cfg := range configs {
		sites = append(sites, c.evalClient(cfg))
	}
	return sites
}

// evalClient builds the outcome table of a client's retry policy.
func (c *checker) evalClient(cfg *clientConfig) *Site {
	s := &Site{Config: cfg.node, Pos: cfg.node.Pos(), End: cfg.node.End(), Kind: "go-retryablehttp client", Func: c.funcName(cfg.node)}
	var checkFn, backoffFn ast.Node
	if cfg.check != nil && !isPolicyFunc(c, cfg.check) {
		if checkFn = c.funcNode(cfg.check); checkFn == nil {
			return s // a policy we cannot read: no rows, no findings
		}
	}
	if cfg.backoff != nil {
		backoffFn = c.funcNode(cfg.backoff)
	}
	kind := attemptKind{resp: true}
	bind := func(p []*types.Var, st *state) {
		for i, v := range p {
			if v == nil {
				continue
			}
			switch {
			case isResponseType(v.Type()):
				st.vals[v] = value{kind: vResp, tainted: true}
			case isErrorType(v.Type()):
				st.vals[v] = value{kind: vErr, tainted: true}
			case i < 2 && isDurationType(v.Type()):
				st.delays[v] = dinfo{kind: dConst} // min and max: the client's settings
			case i == 2 && isNumeric(v.Type()):
				delete(st.vals, v) // attemptNum
				st.delays[v] = dinfo{kind: dCounter}
			}
		}
	}
	msgs := &region{} // message conditions of CheckRetry
	for _, status := range c.pol.SortedStatuses() {
		sc := Scenario{Status: status}
		row := Row{Scenario: sc, Outcome: Exit}
		retry, at := defaultRetries(status), cfg.checkNode
		refreshed, named := false, false
		if checkFn != nil {
			p := c.runPredicate(checkFn, sc, kind, bind)
			msgs.addMessageConds(p.msgConds)
			switch {
			case p.v.kind != vBool:
				row.Outcome = Unknown
				s.Rows = append(s.Rows, row)
				continue
			case p.v.b:
				retry, at, refreshed, named = true, p.at, p.refreshed, p.named
			default:
				retry = false
			}
		}
		if retry {
			wait := at
			if cfg.backoffNode != nil {
				wait = cfg.backoffNode
			}
			if at == nil {
				at = cfg.node
			}
			d, decided := c.clientBackoff(cfg.backoff, backoffFn, sc, kind, bind)
			if _, named := backoffFn.(*ast.FuncDecl); named && decided != nil {
				// a named Backoff holds the bug: its deciding return (a
				// literal wired in place is reported where it is written)
				wait = decided
			}
			row.Outcome = Next
			row.Paths = []Path{{
				Retry: at, Wait: wait, Mechanism: Library, ReadStatus: true, Named: named,
				Delays:    []Delay{{Kind: d, Pos: wait.Pos()}},
				Refreshed: refreshed || c.refreshesFn(cfg.prepare),
				// the retried request keeps the headers it was sent with
				StaleAuth: (refreshed || c.refreshesFn(cfg.prepare)) && !c.setsAuthFn(cfg.prepare) && !c.authTransportNear(cfg.node),
			}}
		}
		s.Rows = append(s.Rows, row)
	}
	s.MessageConds = msgs.messageConds()
	return s
}

// setsAuthFn reports whether a function value (PrepareRetry) sets the
// request's Authorization header.
func (c *checker) setsAuthFn(e ast.Expr) bool {
	if e == nil {
		return false
	}
	fn := c.funcNode(e)
	if fn == nil {
		return true // a function we cannot read: take the harmless reading
	}
	return c.setsAuthIn(funcBody(fn))
}

// refreshesFn reports whether a function value (PrepareRetry) obtains a
// new token.
func (c *checker) refreshesFn(e ast.Expr) bool {
	if e == nil {
		return false
	}
	fn := c.funcNode(e)
	if fn == nil {
		return false
	}
	found := false
	ast.Inspect(funcBody(fn), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if callee := c.calleeFunc(n); callee != nil && c.isRefreshCall(n, callee) {
				found = true
			} else if callee == nil && isRefreshName(calleeName(n)) {
				found = true
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if i < len(n.Rhs) && isTokenStore(l, n.Rhs[i], c) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// setsAuthIn reports whether code sets an Authorization header.
func (c *checker) setsAuthIn(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found && isAuthHeaderSet(call, c.calleeFunc(call), c) {
			found = true
		}
		return !found
	})
	return found
}

// authTransportNear reports whether the function that configures a client
// also installs a transport (a Transport field set to a RoundTripper of
// this package, or one whose code cannot be seen) that sets the
// Authorization header on every request it sends.
func (c *checker) authTransportNear(n ast.Node) bool {
	var scope ast.Node
	for _, f := range c.pass.Files {
		if f.Pos() <= n.Pos() && n.End() <= f.End() {
			for _, d := range f.Decls {
				if d.Pos() <= n.Pos() && n.End() <= d.End() {
					scope = d
				}
			}
		}
	}
	if scope == nil {
		return false
	}
	found := false
	check := func(v ast.Expr) {
		t := c.typeOf(v)
		if t == nil {
			return
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, "RoundTrip")
		m, ok := obj.(*types.Func)
		if !ok {
			return
		}
		if fd := c.decls[m.Origin()]; fd != nil {
			found = found || c.setsAuthIn(fd.Body)
		} else if m.Pkg() != nil && !isStdPackage(m.Pkg().Path()) {
			found = true // a transport from elsewhere: it may set the header
		}
	}
	ast.Inspect(scope, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.KeyValueExpr:
			if id, ok := x.Key.(*ast.Ident); ok && id.Name == "Transport" {
				check(x.Value)
			}
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Transport" && i < len(x.Rhs) {
					check(x.Rhs[i])
				}
			}
		}
		return !found
	})
	return found
}

// isPolicyFunc reports whether e is retryablehttp's DefaultRetryPolicy or
// ErrorPropagatedRetryPolicy.
func isPolicyFunc(c *checker, e ast.Expr) bool {
	switch fullName(c.objOf(e)) {
	case retryable + ".DefaultRetryPolicy", retryable + ".ErrorPropagatedRetryPolicy":
		return true
	}
	return false
}

// defaultRetries is whether retryablehttp's default policy retries a
// status: 429 and 5xx but 501.
func defaultRetries(status int) bool {
	return status == 429 || (status >= 500 && status != 501)
}

// clientBackoff is the delay a client's Backoff waits after a status.
//
// For a Backoff of the package's own, it also returns the return statement
// that gave that delay: the place a finding about it goes.
func (c *checker) clientBackoff(e ast.Expr, fn ast.Node, sc Scenario, kind attemptKind, bind func([]*types.Var, *state)) (DelayKind, ast.Node) {
	honours := sc.Status == 429 || sc.Status == 503
	switch fullName(c.objOf(e)) {
	case "", retryable + ".DefaultBackoff":
		if e != nil && fullName(c.objOf(e)) == "" {
			break
		}
		if honours {
			return RetryAfter, nil
		}
		return Exponential, nil
	case retryable + ".RateLimitLinearJitterBackoff":
		if honours {
			return RetryAfter, nil
		}
		return Linear, nil
	case retryable + ".LinearJitterBackoff":
		return Linear, nil
	}
	if fn == nil {
		return UnknownDelay, nil
	}
	// a custom Backoff: what it returns under this status, the strongest
	// of its paths
	r := &region{fn: fn, kind: kind, labels: c.labelsOf(fn)}
	in := &interp{c: c, r: r, scen: sc, pass: 1}
	st := newState()
	st.attempted = true
	bind(c.params(fn), st)
	out, any := NoDelay, false
	var at ast.Node
	for _, f := range in.exec(funcBody(fn), st) {
		ret, ok := f.node.(*ast.ReturnStmt)
		if f.ctl != cReturn || !ok || len(ret.Results) != 1 {
			return UnknownDelay, nil
		}
		k := toKind(in.delayOf(ret.Results[0], f.st, 0))
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			if name := fullName(c.calleeFunc(call)); name == retryable+".DefaultBackoff" || name == retryable+".RateLimitLinearJitterBackoff" {
				k, _ = c.clientBackoff(call.Fun, nil, sc, kind, bind)
			}
		}
		if !any || rank(k) > rank(out) {
			out, any, at = k, true, ret
		}
	}
	if in.over || !any {
		return UnknownDelay, nil
	}
	return out, at
}

// setsRetryMax reports whether a Client literal sets RetryMax to a value
// that is not the constant zero: without it the client never retries.
func (c *checker) setsRetryMax(lit *ast.CompositeLit) bool {
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "RetryMax" {
				n, known := c.intConst(kv.Value)
				return !known || n > 0
			}
		}
	}
	return false
}
