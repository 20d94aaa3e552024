package site

import (
	"go/ast"
	"go/types"
)

// resty is github.com/go-resty/resty/v2. Its client retries only when
// SetRetryCount gives it a count; it then retries transport errors, and a
// response only when a retry condition (AddRetryCondition, or
// AddRetryAfterErrorCondition: every status above 399) says so. Between
// attempts it waits an exponential backoff with jitter, capped by
// SetRetryMaxWaitTime, or what a SetRetryAfter callback returns (its zero
// falls back to the backoff). The conditions are judged per status, as
// CheckRetry is for go-retryablehttp.
const resty = "github.com/go-resty/resty/v2"

// restyConfig is the retry policy of one resty client: the calls that
// configure it, through one chain or one variable.
type restyConfig struct {
	node      ast.Node // the first retry setting
	count     bool     // SetRetryCount with a count that may be non-zero
	conds     []ast.Expr
	errorCond ast.Node // AddRetryAfterErrorCondition
	after     ast.Expr // SetRetryAfter's callback
	afterNode ast.Node
}

// restySites finds resty clients configured to retry in this package and
// evaluates each policy under every status.
func (c *checker) restySites() []*Site {
	if !c.imports(resty) {
		return nil
	}
	var order []*restyConfig
	byKey := map[any]*restyConfig{}
	get := func(key any, n ast.Node) *restyConfig {
		if cfg, ok := byKey[key]; ok {
			return cfg
		}
		cfg := &restyConfig{node: n}
		byKey[key] = cfg
		order = append(order, cfg)
		return cfg
	}
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := c.calleeFunc(call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != resty || recvNamed(fn) != "Client" {
			continue
		}
		switch fn.Name() {
		case "SetRetryCount", "AddRetryCondition", "AddRetryAfterErrorCondition", "SetRetryAfter":
		default:
			continue
		}
		cfg := get(c.restyKey(call), call)
		name := methodName(call) // where a finding on this setting goes
		switch fn.Name() {
		case "SetRetryCount":
			if len(call.Args) == 1 {
				n, known := c.intConst(call.Args[0])
				cfg.count = cfg.count || !known || n > 0
			}
		case "AddRetryCondition":
			if len(call.Args) == 1 {
				cfg.conds = append(cfg.conds, call.Args[0])
			}
		case "AddRetryAfterErrorCondition":
			cfg.errorCond = name
		case "SetRetryAfter":
			if len(call.Args) == 1 {
				cfg.after, cfg.afterNode = call.Args[0], name
			}
		}
	}
	var sites []*Site
	for _, cfg := range order {
		if !cfg.count || (len(cfg.conds) == 0 && cfg.errorCond == nil) {
			continue // no retries, or retries of transport errors only
		}
		sites = append(sites, c.evalResty(cfg))
	}
	return sites
}

// restyKey is what identifies a client across its settings: the variable
// or field a chain starts from, or the call that makes the client.
func (c *checker) restyKey(call *ast.CallExpr) any {
	e := ast.Expr(call)
	for {
		cl, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(cl.Fun).(*ast.SelectorExpr)
		if !ok {
			return cl
		}
		if _, isMethod := c.info.Selections[sel]; !isMethod {
			return cl // resty.New()
		}
		e = sel.X
	}
	if o := c.objOf(e); o != nil {
		if v, ok := o.(*types.Var); ok {
			if defs := c.definitions(v); len(defs) == 1 {
				if cl, ok := ast.Unparen(defs[0]).(*ast.CallExpr); ok {
					if fn := c.calleeFunc(cl); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == resty {
						return c.restyKey(cl)
					}
				}
			}
		}
		return o
	}
	return e
}

// evalResty builds the outcome table of a resty client's retry policy.
func (c *checker) evalResty(cfg *restyConfig) *Site {
	s := &Site{Config: cfg.node, Pos: cfg.node.Pos(), End: cfg.node.End(), Kind: "resty client", Func: c.funcName(cfg.node)}
	var conds []ast.Node
	for _, e := range cfg.conds {
		fn := c.funcNode(e)
		if fn == nil {
			return s // a condition we cannot read: no rows, no findings
		}
		conds = append(conds, fn)
	}
	var afterFn ast.Node
	if cfg.after != nil {
		afterFn = c.funcNode(cfg.after)
	}
	kind := attemptKind{resp: true}
	bind := func(p []*types.Var, st *state) {
		for _, v := range p {
			if v == nil {
				continue
			}
			switch {
			case isNamed(v.Type(), resty, "Response"):
				st.vals[v] = value{kind: vResp, tainted: true}
			case isErrorType(v.Type()):
				st.vals[v] = value{kind: vNil, tainted: true} // a response came back
			}
		}
	}
	msgs := &region{} // message conditions of the retry conditions
	for _, status := range c.pol.SortedStatuses() {
		sc := Scenario{Status: status}
		row := Row{Scenario: sc, Outcome: Exit}
		var at ast.Node
		unknown, named := false, false
		if cfg.errorCond != nil && status > 399 {
			at = cfg.errorCond
		}
		for _, fn := range conds {
			if at != nil {
				break
			}
			p := c.runPredicate(fn, sc, kind, bind)
			msgs.addMessageConds(p.msgConds)
			switch {
			case p.v.kind != vBool:
				unknown = true
			case p.v.b:
				at, named = p.at, p.named
			}
		}
		switch {
		case at != nil:
			wait := ast.Node(cfg.afterNode)
			if wait == nil {
				wait = at
			}
			d := Exponential
			if afterFn != nil {
				d = c.restyAfter(afterFn, sc, kind, bind)
			}
			row.Outcome = Next
			row.Paths = []Path{{
				Retry: at, Wait: wait, Mechanism: Library, ReadStatus: true, Named: named,
				Delays: []Delay{{Kind: d, Pos: wait.Pos()}},
			}}
		case unknown:
			row.Outcome = Unknown
		}
		s.Rows = append(s.Rows, row)
	}
	s.MessageConds = msgs.messageConds()
	return s
}

// restyAfter is the delay a SetRetryAfter callback gives under a status:
// what it returns, where a zero falls back to resty's exponential backoff.
func (c *checker) restyAfter(fn ast.Node, sc Scenario, kind attemptKind, bind func([]*types.Var, *state)) DelayKind {
	r := &region{fn: fn, kind: kind, labels: c.labelsOf(fn)}
	in := &interp{c: c, r: r, scen: sc, pass: 1}
	st := newState()
	st.attempted = true
	bind(c.params(fn), st)
	out, any := NoDelay, false
	for _, f := range in.exec(funcBody(fn), st) {
		ret, ok := f.node.(*ast.ReturnStmt)
		if f.ctl != cReturn || !ok || len(ret.Results) != 2 {
			return UnknownDelay
		}
		d := in.delayOf(ret.Results[0], f.st, 0)
		k := toKind(d)
		if d.zero {
			k = Exponential
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

// methodName is the name of a called method, the place in a chain of
// settings that a finding on one of them points at.
func methodName(call *ast.CallExpr) ast.Node {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel
	}
	return call
}
