package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// eval computes the abstract value of an expression, running the effects
// of the calls in it (attempt, waits, refreshes).
func (in *interp) eval(e ast.Expr, st *state) value {
	if e == nil {
		return unknownValue
	}
	if tv, ok := in.c.info.Types[e]; ok && tv.Value != nil {
		return fromConstant(tv.Value)
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return in.eval(e.X, st)
	case *ast.Ident:
		if e.Name == "nil" {
			if _, ok := in.c.info.Uses[e].(*types.Nil); ok {
				return value{kind: vNil}
			}
		}
		if o := in.c.objOf(e); o != nil {
			if v, ok := st.vals[o]; ok {
				return v
			}
		}
		return unknownValue
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
				return in.eval(lit, st)
			}
		}
		x := in.eval(e.X, st)
		switch e.Op {
		case token.NOT:
			if x.kind == vBool {
				return boolValue(!x.b, x.tainted)
			}
			return value{tainted: x.tainted}
		case token.ARROW:
			in.receive(e, st)
			return value{tainted: x.tainted}
		case token.SUB:
			if x.kind == vInt {
				x.i = -x.i
				return x
			}
		}
		return value{tainted: x.tainted}
	case *ast.BinaryExpr:
		return in.binary(e, st)
	case *ast.SelectorExpr:
		return in.selector(e, st)
	case *ast.CallExpr:
		return in.call(e, st)
	case *ast.StarExpr:
		return in.eval(e.X, st)
	case *ast.IndexExpr:
		x := in.eval(e.X, st)
		in.eval(e.Index, st)
		return derivedFrom(x)
	case *ast.SliceExpr:
		return derivedFrom(in.eval(e.X, st))
	case *ast.TypeAssertExpr:
		x := in.eval(e.X, st)
		if m := in.typeMatch(x, e.Type, st); m.kind == vBool && m.b {
			return value{kind: vAPIErr, tainted: true}
		}
		return derivedFrom(x)
	case *ast.CompositeLit:
		tainted := false
		for _, el := range e.Elts {
			var v value
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				v = in.eval(kv.Value, st)
			} else {
				v = in.eval(el, st)
			}
			tainted = tainted || v.tainted
		}
		if tainted && in.c.isAPIErrorType(in.c.typeOf(e)) {
			return value{kind: vAPIErr, tainted: true} // an API error made from the failure
		}
	}
	return unknownValue
}

// derivedFrom is a value read out of x: tainted if x was.
// isErrorBody reports whether t points to a struct with a field that
// carries the API code: the error object of a decoded envelope.
func (c *checker) isErrorBody(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	s, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < s.NumFields(); i++ {
		if c.pol.IsCodeField(s.Field(i).Name()) {
			return true
		}
	}
	return false
}

func derivedFrom(x value) value {
	if x.tainted {
		return value{kind: vDerived, tainted: true}
	}
	return unknownValue
}

// selector reads a field of a failure-carrying value: the status and the
// code fields resolve under the scenario.
func (in *interp) selector(e *ast.SelectorExpr, st *state) value {
	if _, ok := in.c.info.Selections[e]; !ok {
		// a qualified identifier: a package-level variable
		if o := in.c.objOf(e); o != nil {
			if v, ok := st.vals[o]; ok {
				return v
			}
		}
		return unknownValue
	}
	x := in.eval(e.X, st)
	if !x.tainted {
		if o := in.c.objOf(e); o != nil {
			if v, ok := st.vals[o]; ok {
				return v
			}
		}
		return unknownValue
	}
	if v, ok := in.c.objOf(e).(*types.Var); ok && x.kind != vNil && x.kind != vResp && v.IsField() && in.c.setFromStatus(v) {
		return in.statusValue() // &APIError{Code: resp.StatusCode}
	}
	return in.field(e.Sel.Name, in.c.typeOf(e), x)
}

// field is a field or getter of a failure-carrying value.
func (in *interp) field(name string, t types.Type, x value) value {
	if x.kind == vNil || (x.kind == vResp && in.scenario().Transport) {
		return taintedUnknown()
	}
	basic, _ := types.Unalias(underlying(t)).(*types.Basic)
	isInt := basic != nil && basic.Info()&types.IsInteger != 0
	isStr := basic != nil && basic.Info()&types.IsString != 0
	isBool := basic != nil && basic.Info()&types.IsBoolean != 0
	switch {
	case x.kind == vResp && name == "StatusCode":
		return in.statusValue()
	case x.kind == vResp && isBool && (name == "IsError" || name == "IsSuccess"):
		// resty's Response: IsError is a status above 399, IsSuccess 2xx
		st := in.statusValue()
		if st.kind != vInt {
			return st
		}
		if name == "IsError" {
			return value{kind: vBool, b: st.i > 399, tainted: true}
		}
		return value{kind: vBool, b: st.i > 199 && st.i < 300, tainted: true}
	case x.kind == vAPIErr && isResponseType(t):
		// the response an error type carries: e.Response.StatusCode
		return value{kind: vResp, tainted: true}
	case x.kind == vAPIErr && !isResponseType(t) && in.c.isAPIErrorType(t):
		// a part of the error that carries the failure itself
		return value{kind: vAPIErr, tainted: true}
	case isInt && in.c.pol.IsStatusField(name) && x.kind != vResp:
		return in.statusValue()
	case isStr && (in.c.pol.IsCodeField(name) || x.kind == vDerived || x.kind == vAPIErr):
		return value{kind: vDerived, tainted: true, code: in.c.pol.IsCodeField(name)}
	case isBool && (strings.EqualFold(name, "success") || strings.EqualFold(name, "ok")):
		// the envelope's success flag is false on every failure
		if !in.scenario().Transport {
			return boolValue(in.success(), true)
		}
	}
	return value{kind: vDerived, tainted: true}
}

func underlying(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// statusValue is the scenario's HTTP status.
func (in *interp) statusValue() value {
	if in.scenario().Transport || in.scenario().Status == 0 {
		return taintedUnknown()
	}
	return value{kind: vInt, i: int64(in.scenario().Status), tainted: true, status: true}
}

func (in *interp) binary(e *ast.BinaryExpr, st *state) value {
	switch e.Op {
	case token.LAND, token.LOR:
		l := in.eval(e.X, st)
		if l.kind == vBool && l.b == (e.Op == token.LOR) {
			return l
		}
		r := in.eval(e.Y, st)
		if e.Op == token.LAND {
			return and(l, r)
		}
		return or(l, r)
	}
	l := in.eval(e.X, st)
	r := in.eval(e.Y, st)
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ:
		return in.compare(e.Op, e.X, e.Y, l, r, st)
	}
	return arith(e.Op, l, r)
}

// and is three-valued conjunction.
func and(l, r value) value {
	switch {
	case l.kind == vBool && !l.b:
		return l
	case r.kind == vBool && !r.b:
		return r
	case l.kind == vBool && r.kind == vBool:
		return boolValue(true, l.tainted || r.tainted)
	}
	return value{tainted: unknownTaint(l) || unknownTaint(r)}
}

// or is three-valued disjunction.
func or(l, r value) value {
	switch {
	case l.kind == vBool && l.b:
		return l
	case r.kind == vBool && r.b:
		return r
	case l.kind == vBool && r.kind == vBool:
		return boolValue(false, l.tainted || r.tainted)
	}
	return value{tainted: unknownTaint(l) || unknownTaint(r)}
}

// unknownTaint reports whether v is an unknown boolean that depends on
// the failure.
func unknownTaint(v value) bool { return v.kind != vBool && v.tainted }

// arith folds integer arithmetic on known values.
func arith(op token.Token, l, r value) value {
	t := l.tainted || r.tainted
	if l.kind == vInt && r.kind == vInt {
		v := value{kind: vInt, tainted: t, status: l.status || r.status}
		switch op {
		case token.ADD:
			v.i = l.i + r.i
		case token.SUB:
			v.i = l.i - r.i
		case token.MUL:
			v.i = l.i * r.i
		case token.QUO:
			if r.i == 0 {
				return value{tainted: t}
			}
			v.i = l.i / r.i
		case token.REM:
			if r.i == 0 {
				return value{tainted: t}
			}
			v.i = l.i % r.i
		default:
			return value{tainted: t}
		}
		return v
	}
	if t {
		return value{kind: vDerived, tainted: true}
	}
	return unknownValue
}

// compare resolves a comparison under the scenario.
func (in *interp) compare(op token.Token, x, y ast.Expr, l, r value, st *state) value {
	if l.status || r.status {
		st.readStatus = true
	}
	if l.kind == vNil || r.kind == vNil {
		other, otherExpr := r, y
		if r.kind == vNil {
			other, otherExpr = l, x
		}
		eq := in.nilCompare(other)
		if eq.kind != vBool && other.tainted && in.c.isErrorBody(in.c.typeOf(otherExpr)) {
			// the envelope's error object: there under a failure with a
			// code, absent on success
			switch {
			case in.success():
				eq = boolValue(true, true)
			case in.scenario().Code != "":
				eq = boolValue(false, true)
			}
		}
		if op == token.NEQ && eq.kind == vBool {
			eq.b = !eq.b
		}
		return eq
	}
	if c, other, ok := constAndOther(l, r); ok && c.kind == vString && c.s == "" && other.retryAfter != hdrUnknown &&
		(op == token.EQL || op == token.NEQ) {
		// v := resp.Header.Get("Retry-After"); if v != "" { ... }
		eq := other.retryAfter == hdrAbsent
		return boolValue(eq == (op == token.EQL), true)
	}
	if (l.number && r.kind == vInt && !r.tainted) || (r.number && l.kind == vInt && !l.tainted) {
		// a bound on the Retry-After seconds (secs < 1, secs > 60): not
		// the kind of failure, so both ways are followed
		return value{}
	}
	// an API code compared with a constant of the policy, or a code field
	// compared with any constant
	if c, other, ok := constAndOther(l, r); ok && c.kind == vString && other.tainted && other.kind != vString {
		if !(in.c.codes[c.s] || other.code) || (in.scenario().Code == "" && !in.success()) {
			return taintedUnknown()
		}
		st.readCode = true
		st.named = st.named || in.scenario().Code == c.s
		eq := in.scenario().Code == c.s
		if op == token.NEQ {
			eq = !eq
		}
		if op == token.EQL || op == token.NEQ {
			return boolValue(eq, true)
		}
		return taintedUnknown()
	}
	t := l.tainted || r.tainted
	switch {
	case l.kind == vInt && r.kind == vInt:
		if (l.status && !r.tainted && r.i == int64(in.scenario().Status)) || (r.status && !l.tainted && l.i == int64(in.scenario().Status)) {
			st.named = st.named || op == token.EQL || op == token.NEQ
		}
		return boolValue(cmpInt(op, l.i, r.i), t)
	case l.kind == vString && r.kind == vString && (op == token.EQL || op == token.NEQ):
		return boolValue((l.s == r.s) == (op == token.EQL), t)
	case l.kind == vBool && r.kind == vBool && (op == token.EQL || op == token.NEQ):
		return boolValue((l.b == r.b) == (op == token.EQL), t)
	}
	return value{tainted: t}
}

// constAndOther splits a comparison into its untainted constant side and
// the other side.
func constAndOther(l, r value) (c, other value, ok bool) {
	switch {
	case r.kind == vString && !r.tainted:
		return r, l, true
	case l.kind == vString && !l.tainted:
		return l, r, true
	}
	return value{}, value{}, false
}

func cmpInt(op token.Token, a, b int64) bool {
	switch op {
	case token.EQL:
		return a == b
	case token.NEQ:
		return a != b
	case token.LSS:
		return a < b
	case token.GTR:
		return a > b
	case token.LEQ:
		return a <= b
	case token.GEQ:
		return a >= b
	}
	return false
}

// nilCompare decides x == nil.
func (in *interp) nilCompare(x value) value {
	switch x.kind {
	case vNil:
		return boolValue(true, x.tainted)
	case vNonNil, vAPIErr:
		return boolValue(false, x.tainted)
	case vErr:
		if (in.r.kind.apiErr && !in.success()) || in.scenario().Transport {
			return boolValue(false, true)
		}
		return boolValue(true, true)
	case vResp:
		return boolValue(in.scenario().Transport, true)
	}
	return value{tainted: x.tainted}
}
