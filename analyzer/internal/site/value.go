package site

import (
	"go/constant"
	"go/types"
)

// vkind is the kind of an abstract value.
type vkind int

const (
	vUnknown vkind = iota
	vBool
	vInt
	vString
	vNil
	vNonNil
	vErr     // the attempt's error result
	vResp    // the attempt's response result
	vAPIErr  // a value of the API error type holding the scenario's error
	vDerived // a value read from the failure (decoded envelope, body, header)
)

// value is what the interpreter knows of an expression on one path under
// one scenario.
type value struct {
	kind vkind
	b    bool
	i    int64
	s    string
	// tainted: the value depends on the attempt's failure, so an unknown
	// condition on it makes the scenario unknown rather than forking.
	tainted bool
	// status: an int that came from the HTTP status; code: a string that
	// came from the API code. Used to mark what a path read.
	status, code bool
	// final: an error a retry library's marker made permanent
	// (backoff.Permanent, retry.Unrecoverable).
	final bool
	// retryAfter: the failure's Retry-After header value, which the
	// contract says a 429 carries and other statuses do not: hdrPresent
	// or hdrAbsent, compared with "" accordingly.
	retryAfter hdrState
	// number: with retryAfter, the header's value parsed as a number.
	number bool
}

// hdrState is whether a header value read from the failure is there.
type hdrState int8

const (
	hdrUnknown hdrState = iota
	hdrPresent
	hdrAbsent
)

var unknownValue = value{}

func taintedUnknown() value { return value{tainted: true} }

func boolValue(b bool, tainted bool) value { return value{kind: vBool, b: b, tainted: tainted} }

func intValue(i int64) value { return value{kind: vInt, i: i} }

// fromConstant converts a constant of the type checker.
func fromConstant(c constant.Value) value {
	switch c.Kind() {
	case constant.Bool:
		return value{kind: vBool, b: constant.BoolVal(c)}
	case constant.String:
		return value{kind: vString, s: constant.StringVal(c)}
	case constant.Int:
		if i, ok := constant.Int64Val(c); ok {
			return intValue(i)
		}
	case constant.Float:
		if f, ok := constant.Float64Val(c); ok && f == float64(int64(f)) {
			return intValue(int64(f))
		}
	}
	return unknownValue
}

// isErrorType reports whether t is the error interface.
func isErrorType(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// isNamed reports whether t (or what it points to) is the named type
// pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// isResponseType reports whether t is *net/http.Response.
func isResponseType(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && isNamed(p.Elem(), "net/http", "Response")
}

// isDurationType reports whether t is time.Duration.
func isDurationType(t types.Type) bool { return t != nil && isNamed(t, "time", "Duration") }
