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
}

// retryableHTTPSites finds clients whose retry policy is set in this
// package and evaluates each policy under every status.
func (c *checker) retryableHTTPSites() []*Site {
	imports := false
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() == retryable {
			imports = true
		}
	}
	if !imports {
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
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if typeName(c.typeOf(n)) != retryable+".Client" {
					return true
				}
				var cfg *clientConfig
				if !c.setsRetryMax(n) {
					return true // a literal without RetryMax never retries
				}
				for _, el := range n.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					if key == nil || (key.Name != "CheckRetry" && key.Name != "Backoff") {
						continue
					}
					if cfg == nil {
						cfg = get(nil, n)
					}
					if key.Name == "CheckRetry" {
						cfg.check, cfg.checkNode = kv.Value, kv
					} else {
						cfg.backoff, cfg.backoffNode = kv.Value, kv
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					sel, ok := l.(*ast.SelectorExpr)
					if !ok || i >= len(n.Rhs) || typeName(c.typeOf(sel.X)) != retryable+".Client" {
						continue
					}
					switch sel.Sel.Name {
					case "CheckRetry":
						cfg := get(c.objOf(sel.X), n)
						cfg.check, cfg.checkNode = n.Rhs[i], n
					case "Backoff":
						cfg := get(c.objOf(sel.X), n)
						cfg.backoff, cfg.backoffNode = n.Rhs[i], n
					}
				}
			}
			return true
		})
	}
	var sites []*Site
	for _, cfg := range configs {
		sites = append(sites, c.evalClient(cfg))
	}
	return sites
}

// evalClient builds the outcome table of a client's retry policy.
func (c *checker) evalClient(cfg *clientConfig) *Site {
	s := &Site{Config: cfg.node, Pos: cfg.node.Pos()}
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
	for _, status := range c.pol.SortedStatuses() {
		sc := Scenario{Status: status}
		row := Row{Scenario: sc, Outcome: Exit}
		retry, at := defaultRetries(status), cfg.checkNode
		if checkFn != nil {
			v, ret := c.evalPredicateAt(checkFn, sc, kind, bind)
			switch {
			case v.kind != vBool:
				row.Outcome = Unknown
				s.Rows = append(s.Rows, row)
				continue
			case v.b:
				retry, at = true, ret
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
			d := c.clientBackoff(cfg.backoff, backoffFn, sc, kind, bind)
			row.Outcome = Next
			row.Paths = []Path{{
				Retry: at, Wait: wait, Mechanism: Library, ReadStatus: true,
				Delays: []Delay{{Kind: d, Pos: wait.Pos()}},
			}}
		}
		s.Rows = append(s.Rows, row)
	}
	return s
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
func (c *checker) clientBackoff(e ast.Expr, fn ast.Node, sc Scenario, kind attemptKind, bind func([]*types.Var, *state)) DelayKind {
	honours := sc.Status == 429 || sc.Status == 503
	switch fullName(c.objOf(e)) {
	case "", retryable + ".DefaultBackoff":
		if e != nil && fullName(c.objOf(e)) == "" {
			break
		}
		if honours {
			return RetryAfter
		}
		return Exponential
	case retryable + ".RateLimitLinearJitterBackoff":
		if honours {
			return RetryAfter
		}
		return Linear
	case retryable + ".LinearJitterBackoff":
		return Linear
	}
	if fn == nil {
		return UnknownDelay
	}
	// a custom Backoff: what it returns under this status, the strongest
	// of its paths
	r := &region{fn: fn, kind: kind, labels: labelsOf(fn)}
	in := &interp{c: c, r: r, sc: sc, pass: 1}
	st := newState()
	st.attempted = true
	bind(c.params(fn), st)
	out, any := NoDelay, false
	for _, f := range in.exec(funcBody(fn), st) {
		ret, ok := f.node.(*ast.ReturnStmt)
		if f.ctl != cReturn || !ok || len(ret.Results) != 1 {
			return UnknownDelay
		}
		k := toKind(in.delayOf(ret.Results[0], f.st, 0))
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			if name := fullName(c.calleeFunc(call)); name == retryable+".DefaultBackoff" || name == retryable+".RateLimitLinearJitterBackoff" {
				k = c.clientBackoff(call.Fun, nil, sc, kind, bind)
			}
		}
		if !any || rank(k) > rank(out) {
			out, any = k, true
		}
	}
	if in.over || !any {
		return UnknownDelay
	}
	return out
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
