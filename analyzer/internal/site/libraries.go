package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The retry libraries retrylint knows, as data: which calls retry a
// function, where the function and its backoff are, and how the library
// marks an error as final.
const (
	backoffV4  = "github.com/cenkalti/backoff/v4"
	backoffV5  = "github.com/cenkalti/backoff/v5"
	retryGo    = "github.com/avast/retry-go/v4"
	goRetry    = "github.com/sethvargo/go-retry"
	retryable  = "github.com/hashicorp/go-retryablehttp"
	noArgument = -1
)

// libRetry describes one entry point that calls a function again.
type libRetry struct {
	pkg, name string
	op        int // the function retried
	backoff   int // the backoff argument, or noArgument
	opts      int // the first functional option, or noArgument
	// onlyMarked: only errors the library's marker wraps are retried
	// (go-retry's RetryableError); otherwise every error is, unless marked
	// permanent.
	onlyMarked bool
	// fixed is the delay of an entry point whose name fixes it.
	fixed DelayKind
	// byDefault is the delay when no backoff or option sets one.
	byDefault DelayKind
	// table: a retry helper of the code under analysis, whose own loop
	// decides per scenario (nil for the libraries above).
	table []RetryRow
	// hasVerdict: a retry helper that honours its callback's verdict
	// (result verdict), waiting the callback's verdictWait result (or -1:
	// its own verdictDelay).
	hasVerdict           bool
	verdict, verdictWait int
	verdictDelay         DelayKind
}

var libRetries = []libRetry{
	{pkg: backoffV4, name: "Retry", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV4, name: "RetryNotify", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV4, name: "RetryWithData", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV4, name: "RetryNotifyWithData", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV4, name: "RetryNotifyWithTimer", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV4, name: "RetryNotifyWithTimerAndData", op: 0, backoff: 1, opts: noArgument},
	{pkg: backoffV5, name: "Retry", op: 1, backoff: noArgument, opts: 2, byDefault: Exponential},
	{pkg: retryGo, name: "Do", op: 0, backoff: noArgument, opts: 1, byDefault: Exponential},
	{pkg: retryGo, name: "DoWithData", op: 0, backoff: noArgument, opts: 1, byDefault: Exponential},
	{pkg: goRetry, name: "Do", op: 2, backoff: 1, opts: noArgument, onlyMarked: true},
	{pkg: goRetry, name: "DoValue", op: 2, backoff: 1, opts: noArgument, onlyMarked: true},
	{pkg: goRetry, name: "Constant", op: 2, backoff: noArgument, opts: noArgument, onlyMarked: true, fixed: Constant},
	{pkg: goRetry, name: "Exponential", op: 2, backoff: noArgument, opts: noArgument, onlyMarked: true, fixed: Exponential},
	{pkg: goRetry, name: "Fibonacci", op: 2, backoff: noArgument, opts: noArgument, onlyMarked: true, fixed: Exponential},
}

// libBackoffs gives the delay of a backoff value by its constructor or
// type; wrappers name the argument that carries the inner backoff.
var libBackoffs = map[string]DelayKind{
	backoffV4 + ".NewExponentialBackOff":        Exponential,
	backoffV4 + ".ExponentialBackOff":           Exponential,
	backoffV4 + ".NewConstantBackOff":           Constant,
	backoffV4 + ".ConstantBackOff":              Constant,
	backoffV4 + ".ZeroBackOff":                  NoDelay,
	backoffV5 + ".NewExponentialBackOff":        Exponential,
	backoffV5 + ".ExponentialBackOff":           Exponential,
	backoffV5 + ".NewConstantBackOff":           Constant,
	backoffV5 + ".ConstantBackOff":              Constant,
	backoffV5 + ".ZeroBackOff":                  NoDelay,
	goRetry + ".NewConstant":                    Constant,
	goRetry + ".NewExponential":                 Exponential,
	goRetry + ".NewFibonacci":                   Exponential,
	retryGo + ".FixedDelay":                     Constant,
	retryGo + ".BackOffDelay":                   Exponential,
	retryGo + ".FullJitterBackoffDelay":         Exponential,
	retryGo + ".RandomDelay":                    Constant, // jitter: it does not grow
	retryable + ".DefaultBackoff":               Exponential,
	retryable + ".LinearJitterBackoff":          Linear,
	retryable + ".RateLimitLinearJitterBackoff": Linear,
}

// libWrappers are backoff wrappers: the index of the wrapped backoff.
var libWrappers = map[string]int{
	backoffV4 + ".WithMaxRetries":   0,
	backoffV4 + ".WithContext":      0,
	backoffV5 + ".WithMaxRetries":   0,
	goRetry + ".WithMaxRetries":     1,
	goRetry + ".WithCappedDuration": 1,
	goRetry + ".WithMaxDuration":    1,
	goRetry + ".WithJitter":         1,
	goRetry + ".WithJitterPercent":  1,
	goRetry + ".WithFullJitter":     0,
	backoffV5 + ".WithBackOff":      0,
	retryGo + ".DelayType":          0,
}

// libMarkerTypes are error types a function may return to mark an error.
var libMarkerTypes = map[string]marker{
	backoffV4 + ".PermanentError":  markExit,
	backoffV5 + ".PermanentError":  markExit,
	backoffV5 + ".RetryAfterError": markRetryAfter,
}

// libMarkers are calls that mark a returned error: final (exit) or
// retryable; retryAfter marks a retry after the server's Retry-After.
var libMarkers = map[string]marker{
	backoffV4 + ".Permanent":    markExit,
	backoffV5 + ".Permanent":    markExit,
	backoffV5 + ".RetryAfter":   markRetryAfter,
	retryGo + ".Unrecoverable":  markExit,
	goRetry + ".RetryableError": markRetry,
}

type marker int

const (
	markNone marker = iota
	markExit
	markRetry
	markRetryAfter
)

// fullName is the table key of a function or type: package path and name.
func fullName(o types.Object) string {
	if f, ok := o.(*types.Func); ok && f == nil {
		return ""
	}
	if o == nil || o.Pkg() == nil {
		return ""
	}
	return o.Pkg().Path() + "." + o.Name()
}

// libRetryOf returns the library entry point a callee (or nil) is, or nil.
func (c *checker) libRetryOf(fn *types.Func) *libRetry {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	return c.callee(fn).lib
}

// libRetryIndex finds a library's retrying function in libRetries.
var libRetryIndex = func() map[funcKey]int {
	m := map[funcKey]int{}
	for i, l := range libRetries {
		m[funcKey{l.pkg, l.name}] = i
	}
	return m
}()

// markerOf returns how a library marks the error an expression returns:
// a marker call, a marker type's literal, or either wrapped by fmt.Errorf
// with %w. It returns the marker's argument (the wrapped error, or the
// Retry-After seconds or duration).
func (c *checker) markerOf(e ast.Expr) (marker, ast.Expr) {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return c.markerOf(x.X)
		}
	case *ast.CompositeLit:
		if m := libMarkerTypes[typeName(c.typeOf(x))]; m != markNone {
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					return m, kv.Value
				}
			}
			return m, nil
		}
	case *ast.CallExpr:
		fn := c.calleeFunc(x)
		if m := libMarkers[fullName(fn)]; m != markNone {
			if len(x.Args) == 1 {
				return m, x.Args[0]
			}
			return m, nil
		}
		if isFunc(fn, "fmt", "Errorf") && c.wraps(x) {
			for _, a := range x.Args[1:] {
				if m, arg := c.markerOf(a); m != markNone {
					return m, arg
				}
			}
		}
	}
	return markNone, nil
}

// wraps reports whether a fmt.Errorf call wraps its error arguments (%w).
func (c *checker) wraps(call *ast.CallExpr) bool {
	if len(call.Args) == 0 {
		return false
	}
	f, ok := c.constString(call.Args[0])
	return ok && strings.Contains(f, "%w")
}

// IsRetryLibrary reports whether an import path is a retry library
// retrylint knows.
func IsRetryLibrary(path string) bool {
	switch path {
	case backoffV4, backoffV5, retryGo, goRetry, retryable, resty:
		return true
	}
	return false
}
