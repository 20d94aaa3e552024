package site

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// dkind is the growth of a value that may become a delay.
type dkind int

const (
	dUnknown    dkind = iota // cannot tell
	dConst                   // the same on every attempt
	dCounter                 // the attempt counter itself
	dLinear                  // grows by a constant per attempt
	dExp                     // grows by a factor per attempt
	dRetryAfter              // read from Retry-After (or the reset time)
)

// dinfo is what the delay classifier knows of an expression.
type dinfo struct {
	kind dkind
	zero bool // the constant zero
	// secs: a number of seconds read from a header, not yet a Duration.
	secs bool
	// reset: read from the rate-limit reset header (a Unix time).
	reset bool
	// raw: a Duration made from seconds without a unit (the conversion).
	raw ast.Expr
	// resetExpr: a Duration made from the reset time, and the reset value.
	resetExpr, resetArg ast.Expr
	// xor: 2^n, and the n.
	xor, xorArg ast.Expr
	// millis: time.Millisecond applied to seconds.
	millis ast.Expr
}

// combine is the growth of an arithmetic combination of two values.
func combine(a, b dinfo) dinfo {
	out := dinfo{
		secs: a.secs || b.secs, reset: a.reset || b.reset,
		raw: first(a.raw, b.raw), resetExpr: first(a.resetExpr, b.resetExpr), resetArg: first(a.resetArg, b.resetArg),
		xor: first(a.xor, b.xor), xorArg: first(a.xorArg, b.xorArg), millis: first(a.millis, b.millis),
	}
	switch {
	case a.kind == dRetryAfter || b.kind == dRetryAfter:
		out.kind = dRetryAfter
	case a.kind == dExp || b.kind == dExp:
		out.kind = dExp
	case a.kind == dUnknown || b.kind == dUnknown:
		out.kind = dUnknown
	case a.kind == dLinear || b.kind == dLinear || a.kind == dCounter || b.kind == dCounter:
		out.kind = dLinear
	default:
		out.kind = dConst
	}
	return out
}

func first(a, b ast.Expr) ast.Expr {
	if a != nil {
		return a
	}
	return b
}

// maxDepth bounds how far the classifier follows variable definitions.
const maxDepth = 6

// delayOf classifies the growth of an expression used as, or towards, a
// delay. st may be nil when classifying outside a path.
func (in *interp) delayOf(e ast.Expr, st *state, depth int) dinfo {
	return in.c.delayOf(e, st, in.r, depth)
}

func (c *checker) delayOf(e ast.Expr, st *state, r *region, depth int) dinfo {
	if e == nil || depth > maxDepth {
		return dinfo{kind: dUnknown}
	}
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		d := dinfo{kind: dConst}
		if tv.Value.Kind() == constant.Int || tv.Value.Kind() == constant.Float {
			d.zero = constant.Sign(tv.Value) == 0
		}
		return d
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.delayOf(e.X, st, r, depth)
	case *ast.StarExpr:
		return c.delayOf(e.X, st, r, depth)
	case *ast.UnaryExpr:
		return c.delayOf(e.X, st, r, depth)
	case *ast.Ident:
		return c.delayOfVar(c.objOf(e), st, r, depth)
	case *ast.SelectorExpr:
		if _, ok := c.info.Selections[e]; !ok {
			return c.delayOfVar(c.objOf(e), st, r, depth) // package-level variable
		}
		if isRetryAfterName(e.Sel.Name) {
			return dinfo{kind: dRetryAfter, secs: !isDurationType(c.typeOf(e)) && isNumeric(c.typeOf(e))}
		}
		return c.delayOfVar(c.objOf(e), st, r, depth)
	case *ast.IndexExpr:
		if h, ok := c.headerIndex(e); ok {
			return h
		}
		if d, ok := c.scheduleIndex(e); ok {
			return d
		}
		return c.delayOf(e.X, st, r, depth+1)
	case *ast.BinaryExpr:
		return c.delayOfBinary(e, st, r, depth)
	case *ast.CallExpr:
		return c.delayOfCall(e, st, r, depth)
	}
	return dinfo{kind: dUnknown}
}

func isNumeric(t types.Type) bool {
	b, ok := underlying(t).(*types.Basic)
	return ok && b.Info()&types.IsNumeric != 0
}

// isRetryAfterName reports whether a field or method names a Retry-After
// value: RetryAfter, retryAfterSeconds, Retry_After.
func isRetryAfterName(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "_", ""))
	return strings.Contains(n, "retryafter")
}

// delayOfVar classifies a variable or field: its value on this path, its
// update in the loop, or its definitions.
func (c *checker) delayOfVar(o types.Object, st *state, r *region, depth int) dinfo {
	v, ok := o.(*types.Var)
	if !ok {
		return dinfo{kind: dUnknown}
	}
	if r != nil {
		// a variable the loop updates grows as the update says, whatever
		// it started from
		switch c.loopUpdate(r, v) {
		case updMul:
			return dinfo{kind: dExp}
		case updAdd:
			if isDurationType(v.Type()) {
				return dinfo{kind: dLinear}
			}
			return dinfo{kind: dCounter}
		}
	}
	if st != nil {
		if d, ok := st.delays[v]; ok {
			return d
		}
	}
	if v.IsField() {
		if isRetryAfterName(v.Name()) {
			return dinfo{kind: dRetryAfter}
		}
		return dinfo{kind: dConst} // a configured delay
	}
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return dinfo{kind: dConst} // a package-level setting
	}
	if r != nil && c.isRangeKey(r, v) {
		return dinfo{kind: dCounter}
	}
	if r != nil {
		if d, ok := c.scheduleDelay(r, v); ok {
			return d
		}
	}
	if c.isParam(v) {
		if isNumeric(v.Type()) && !isDurationType(v.Type()) {
			return dinfo{kind: dCounter}
		}
		return dinfo{kind: dUnknown}
	}
	defs := c.definitions(v)
	if len(defs) == 0 {
		return dinfo{kind: dUnknown}
	}
	var out dinfo
	for i, d := range defs {
		di := c.delayOf(d, nil, r, depth+1)
		if i == 0 {
			out = di
		} else {
			out = combine(out, di)
		}
	}
	return out
}

// delayOfBinary classifies arithmetic on delays.
func (c *checker) delayOfBinary(e *ast.BinaryExpr, st *state, r *region, depth int) dinfo {
	x := c.delayOf(e.X, st, r, depth)
	y := c.delayOf(e.Y, st, r, depth)
	switch e.Op {
	case token.SHL:
		if y.kind != dConst {
			return dinfo{kind: dExp}
		}
		return x
	case token.XOR:
		if x.kind == dConst && y.kind != dConst {
			if v, ok := c.intConst(e.X); ok && v == 2 {
				return dinfo{kind: dLinear, xor: e, xorArg: e.Y}
			}
		}
		return combine(x, y)
	case token.MUL:
		return c.scale(e, x, y)
	}
	return combine(x, y)
}

// scale classifies a product, settling the unit of seconds values.
func (c *checker) scale(e *ast.BinaryExpr, x, y dinfo) dinfo {
	out := combine(x, y)
	for _, side := range []struct {
		v     dinfo
		other ast.Expr
		ov    dinfo
	}{{x, e.Y, y}, {y, e.X, x}} {
		if side.ov.kind != dConst {
			continue
		}
		unit, _ := c.intConst(side.other)
		switch {
		case side.v.resetExpr != nil:
			out.resetExpr = e // the reset time, scaled: still not a duration
		case side.v.raw != nil && unit == 1e9:
			out.raw = nil
		case side.v.raw != nil && unit == 1e6 && isTimeUnit(c, side.other, "Millisecond"):
			out.raw, out.millis = nil, side.other
		case side.v.raw != nil && unit != 0:
			out.raw = nil // scaled somehow: cannot tell the unit
		case side.v.secs && unit >= 1000:
			out.secs = false // seconds already scaled to a smaller unit
		}
	}
	return out
}

// isTimeUnit reports whether e is the constant time.<name>.
func isTimeUnit(c *checker, e ast.Expr, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	k, ok := c.info.Uses[sel.Sel].(*types.Const)
	return ok && k.Pkg() != nil && k.Pkg().Path() == "time" && k.Name() == name
}

// intConst returns the integer value of a constant expression.
func (c *checker) intConst(e ast.Expr) (int64, bool) {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		if v := fromConstant(tv.Value); v.kind == vInt {
			return v.i, true
		}
	}
	return 0, false
}

// delayOfCall classifies calls: conversions, math.Pow, min/max, header
// reads and parsers, time arithmetic, and local helpers.
func (c *checker) delayOfCall(call *ast.CallExpr, st *state, r *region, depth int) dinfo {
	if c.isConversion(call) && len(call.Args) == 1 {
		arg := c.delayOf(call.Args[0], st, r, depth)
		if isDurationType(c.typeOf(call)) && !isDurationType(c.typeOf(call.Args[0])) {
			switch {
			case arg.reset && arg.secs:
				arg.resetExpr, arg.resetArg = call, call.Args[0]
				arg.secs, arg.reset = false, false
			case arg.secs && arg.kind == dRetryAfter:
				arg.raw, arg.secs = call, false
			}
		}
		return arg
	}
	switch b := c.builtinName(call); b {
	case "min":
		var out *dinfo
		for _, a := range call.Args {
			d := c.delayOf(a, st, r, depth)
			if d.kind == dConst && len(call.Args) > 1 {
				continue // a cap
			}
			if out == nil {
				out = &d
			} else {
				x := combine(*out, d)
				out = &x
			}
		}
		if out == nil {
			return dinfo{kind: dConst}
		}
		return *out
	case "max":
		out := dinfo{kind: dConst}
		for i, a := range call.Args {
			d := c.delayOf(a, st, r, depth)
			if i == 0 {
				out = d
			} else {
				out = combine(out, d)
			}
		}
		return out
	case "":
	default:
		return dinfo{kind: dUnknown}
	}
	fn := c.calleeFunc(call)
	if fn == nil {
		return c.funcValueDelay(call, st, r, depth)
	}
	arg := func(i int) dinfo {
		if i < len(call.Args) {
			return c.delayOf(call.Args[i], st, r, depth)
		}
		return dinfo{kind: dUnknown}
	}
	switch {
	case isFunc(fn, "math", "Pow") && len(call.Args) == 2:
		if arg(1).kind != dConst {
			return dinfo{kind: dExp}
		}
		return dinfo{kind: dConst}
	case isFunc(fn, "math", "Min"):
		a, b := arg(0), arg(1)
		if a.kind == dConst {
			return b
		}
		return a
	case isFunc(fn, "math", "Max", "Floor", "Ceil", "Round", "Abs"):
		out := arg(0)
		for i := 1; i < len(call.Args); i++ {
			out = combine(out, arg(i))
		}
		return out
	case isFunc(fn, "strconv", "Atoi", "ParseInt", "ParseUint", "ParseFloat"):
		a := arg(0)
		if a.kind == dRetryAfter || a.reset {
			a.secs = true
		}
		return a
	case isFunc(fn, "time", "ParseDuration"), isFunc(fn, "net/http", "ParseTime"),
		isFunc(fn, "strings", "TrimSpace", "Trim", "TrimPrefix", "TrimSuffix"):
		a := arg(0)
		a.secs = false
		return a
	case isFunc(fn, "time", "Unix", "UnixMilli"):
		a := arg(0)
		if a.reset || a.kind == dRetryAfter {
			return dinfo{kind: dRetryAfter}
		}
		return dinfo{kind: dUnknown}
	case isFunc(fn, "time", "Until", "Since"):
		return arg(0)
	case isFunc(fn, "time", "Sub") && recvNamed(fn) == "Time":
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return c.delayOf(sel.X, st, r, depth)
		}
	case isFunc(fn, "time", "Now"):
		return dinfo{kind: dConst}
	case isFunc(fn, "net/http", "Get", "Values") && recvNamed(fn) == "Header" && len(call.Args) == 1:
		return c.headerName(call.Args[0])
	case fn.Pkg() != nil && (fn.Pkg().Path() == "math/rand" || fn.Pkg().Path() == "math/rand/v2"):
		// jitter does not grow, unless its bound does (full jitter)
		out := dinfo{kind: dConst}
		for i := range call.Args {
			out = combine(out, arg(i))
		}
		return out
	}
	if k, ok := libBackoffs[fullName(fn)]; ok {
		return fromKind(k)
	}
	if fn.Name() == "NextBackOff" {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
			if k, ok := libBackoffs[typeName(sig.Recv().Type())]; ok {
				return fromKind(k)
			}
		}
	}
	if h := c.helperOf(fn); h != nil && h.returns.kind != dUnknown {
		out := h.returns
		if h.returnsParam {
			// linear in a parameter: as the argument grows
			out = dinfo{kind: dConst}
			for _, a := range call.Args {
				if d := c.delayOf(a, st, r, depth+1); d.kind != dConst {
					out = combine(dinfo{kind: dLinear}, d)
				}
			}
		}
		return out
	}
	return dinfo{kind: dUnknown}
}

// headerName classifies a header name argument.
func (c *checker) headerName(e ast.Expr) dinfo {
	name, ok := c.constString(e)
	switch {
	case !ok:
		return dinfo{kind: dUnknown}
	case strings.EqualFold(name, c.pol.RetryAfterHeader):
		return dinfo{kind: dRetryAfter}
	case strings.EqualFold(name, c.pol.ResetHeader):
		return dinfo{kind: dConst, reset: true}
	}
	return dinfo{kind: dUnknown}
}

// headerIndex classifies resp.Header["Retry-After"].
func (c *checker) headerIndex(e *ast.IndexExpr) (dinfo, bool) {
	if !isNamed(c.typeOf(e.X), "net/http", "Header") {
		return dinfo{}, false
	}
	return c.headerName(e.Index), true
}

// finalDelay turns the classification of a wait's duration into a Delay,
// with any unit or operator bug and its fix.
func (in *interp) finalDelay(d dinfo, pos token.Pos) Delay {
	out := Delay{Pos: pos}
	switch d.kind {
	case dConst:
		out.Kind = Constant
		if d.zero {
			out.Kind = NoDelay
		}
	case dCounter, dLinear:
		out.Kind = Linear
	case dExp:
		out.Kind = Exponential
	case dRetryAfter:
		out.Kind = RetryAfter
	default:
		out.Kind = UnknownDelay
	}
	fs := in.c.pass.Fset
	switch {
	case d.resetExpr != nil:
		out.Bug, out.BugExpr = ResetAsDuration, d.resetExpr
		out.Fix = "time.Until(time.Unix(int64(" + render(fs, d.resetArg) + "), 0))"
		out.Kind = RetryAfter
	case d.raw != nil:
		out.Bug, out.BugExpr = SecondsNoUnit, d.raw
		out.Fix = render(fs, d.raw) + " * time.Second"
	case d.millis != nil:
		out.Bug, out.BugExpr = SecondsAsMillis, d.millis
		out.Fix = "time.Second"
	case d.xor != nil:
		out.Bug, out.BugExpr = XorPower, d.xor
		arg := render(fs, d.xorArg)
		if _, simple := ast.Unparen(d.xorArg).(*ast.Ident); !simple {
			if _, paren := d.xorArg.(*ast.ParenExpr); !paren {
				arg = "(" + arg + ")"
			}
		}
		out.Fix = "1<<" + arg
	}
	return out
}

// fromKind is the classifier's view of a known delay kind.
func fromKind(k DelayKind) dinfo {
	switch k {
	case NoDelay:
		return dinfo{kind: dConst, zero: true}
	case Constant:
		return dinfo{kind: dConst}
	case Linear:
		return dinfo{kind: dLinear}
	case Exponential:
		return dinfo{kind: dExp}
	case RetryAfter:
		return dinfo{kind: dRetryAfter}
	}
	return dinfo{kind: dUnknown}
}

// toKind is the delay kind of a classification, ignoring bugs.
func toKind(d dinfo) DelayKind {
	switch d.kind {
	case dConst:
		if d.zero {
			return NoDelay
		}
		return Constant
	case dCounter, dLinear:
		return Linear
	case dExp:
		return Exponential
	case dRetryAfter:
		return RetryAfter
	}
	return UnknownDelay
}

// typeName is the table key of a (pointer to a) named type.
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return fullName(n.Obj())
	}
	return ""
}

// funcValueDelay classifies the delay a function value returns (a field
// c.backoff set to a function of the package, or a local bound to a
// literal): the growth of what every function it is given returns.
func (c *checker) funcValueDelay(call *ast.CallExpr, st *state, r *region, depth int) dinfo {
	v, ok := c.objOf(call.Fun).(*types.Var)
	if !ok || depth > maxDepth || v.Exported() || v.Pkg() != c.pass.Pkg {
		// an exported field may be set by other packages too
		return dinfo{kind: dUnknown}
	}
	defs := c.definitions(v)
	if len(defs) == 0 {
		return dinfo{kind: dUnknown}
	}
	var out dinfo
	for i, d := range defs {
		var di dinfo
		switch d := ast.Unparen(d).(type) {
		case *ast.FuncLit:
			di = c.literalReturns(d, r, depth+1)
		default:
			fn, ok := c.objOf(d).(*types.Func)
			if !ok {
				return dinfo{kind: dUnknown}
			}
			h := c.helperOf(fn)
			if h == nil || h.returns.kind == dUnknown {
				return dinfo{kind: dUnknown}
			}
			di = h.returns
			if h.returnsParam {
				di = dinfo{kind: dConst}
				for _, a := range call.Args {
					if x := c.delayOf(a, st, r, depth+1); x.kind != dConst {
						di = combine(dinfo{kind: dLinear}, x)
					}
				}
			}
		}
		if i == 0 {
			out = di
		} else {
			out = combine(out, di)
		}
	}
	return out
}

// literalReturns is the growth of the durations a function literal
// returns.
func (c *checker) literalReturns(lit *ast.FuncLit, r *region, depth int) dinfo {
	out, any := dinfo{kind: dUnknown}, false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, e := range n.Results {
				if !isDurationType(c.typeOf(e)) {
					continue
				}
				d := c.delayOf(e, nil, r, depth)
				if !any {
					out, any = d, true
				} else {
					out = combine(out, d)
				}
			}
		}
		return true
	})
	return out
}
