package site

import (
	"go/ast"
	"go/types"
)

// A function literal called where it is written (err := func() error {
// ... }()) is how clients build a request afresh for every attempt and
// close its body with a defer before the next one. Called in a loop, it is
// the loop's attempt when its body makes one, with the failure shape a
// named helper of the same body would have.

// literalShape is what literalAttempt learns of a literal.
type literalShape struct {
	kind    attemptKind
	attempt bool
}

// calledLiteral returns the function literal a call calls where it is
// written, or nil.
func calledLiteral(call *ast.CallExpr) *ast.FuncLit {
	lit, _ := ast.Unparen(call.Fun).(*ast.FuncLit)
	return lit
}

// literalAttempt reports whether a function literal makes an attempt of
// its own, as summarise decides for a named function: its body (not
// counting literals inside it) sends an HTTP request, calls into a client
// package or calls an attempt maker, and it returns an error. A literal
// that obtains a token, loops (it may retry on its own), hands a retry
// library its work, or returns an integer (a status the sites do not
// follow into a literal) is none: its caller is not judged.
func (c *checker) literalAttempt(lit *ast.FuncLit) (attemptKind, bool) {
	if s, ok := c.literals[lit]; ok {
		return s.kind, s.attempt
	}
	s := c.readLiteral(lit)
	if c.literals == nil {
		c.literals = map[*ast.FuncLit]literalShape{}
	}
	c.literals[lit] = s
	return s.kind, s.attempt
}

// readLiteral computes literalAttempt's answer.
func (c *checker) readLiteral(lit *ast.FuncLit) literalShape {
	sig, ok := c.typeOf(lit).(*types.Signature)
	if !ok || c.errorIndex(sig) < 0 {
		return literalShape{}
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if isInteger(sig.Results().At(i).Type()) {
			return literalShape{}
		}
	}
	attempt, none := false, false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if none {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			none = true
		case *ast.BranchStmt:
			none = none || n.Label != nil
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if i < len(n.Rhs) && isTokenStore(l, n.Rhs[i], c) {
					none = true
				}
			}
		case *ast.CallExpr:
			fn := c.calleeFunc(n)
			switch {
			case fn != nil && (c.isRefreshCall(n, fn) || c.libRetryOf(fn) != nil):
				none = true
			case c.httpAttemptOf(n, fn), fn != nil && fn.Pkg() != nil && c.isClientPackage(fn.Pkg().Path()):
				attempt = true
			default:
				if h := c.helperOf(fn); h != nil && h.attempt {
					attempt = true
				}
			}
		}
		return !none
	})
	if none || !attempt {
		return literalShape{}
	}
	return literalShape{kind: c.errorShape(sig, lit.Body), attempt: true}
}
