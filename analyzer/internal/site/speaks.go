package site

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sync"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// A client "speaks" the policy's API when its failures can carry the
// API's codes: it names a code of the policy, or it uses something of a package that does (an SDK's error type, a sentinel),
// or it calls into a configured client package. Codes are scenarios only
// for such code; a client of any other API is judged by the statuses it
// reads itself.

// pkgSpeaks reports whether a package speaks the API: this package from
// its source, another from what it exports (see exportsPolicy).
func (c *checker) pkgSpeaks(pkg *types.Package) bool {
	if pkg == nil || isStdPackage(pkg.Path()) {
		return false
	}
	if c.isClientPackage(pkg.Path()) {
		return true
	}
	if v, ok := c.speaking[pkg]; ok {
		return v
	}
	res := false
	if pkg == c.pass.Pkg {
		res = c.namesPolicy()
	} else {
		res = c.exportsPolicy(pkg)
	}
	c.speaking[pkg] = res
	return res
}

// namesPolicy reports whether this package's source holds a string
// constant that is a code of the policy.
func (c *checker) namesPolicy() bool {
	return c.scanned().codes
}

// usesSpeaking reports whether a function's body uses an object of
// another package that speaks the API (its error type, a sentinel, a
// constant of its codes).
func (c *checker) usesSpeaking(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if o := c.info.Uses[id]; o != nil && o.Pkg() != nil && o.Pkg() != c.pass.Pkg && c.pkgSpeaks(o.Pkg()) {
				found = true
			}
		}
		return true
	})
	return found
}

// typeSpeaks reports whether a type (or what it points to) is declared in
// a package that speaks the API.
func (c *checker) typeSpeaks(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return c.pkgSpeaks(n.Obj().Pkg())
	}
	return false
}

// exportsPolicy reports whether another package shows that it speaks the
// API in what it exports: a constant whose value is a code of the policy,
// or a sentinel of known codes.
//
// The answer depends only on the package and the policy, and every
// importer asks it: it is remembered for the process, as a package's scope
// is read name by name, sorted.
func (c *checker) exportsPolicy(pkg *types.Package) bool {
	key := exportsKey{pkg, c.pol}
	if v, ok := exportsCache.Load(key); ok {
		return v.(bool)
	}
	v := c.readExports(pkg)
	exportsCache.Store(key, v)
	return v
}

// exportsKey keys exportsCache.
type exportsKey struct {
	pkg *types.Package
	pol *policy.Policy
}

// exportsCache remembers exportsPolicy's answers.
var exportsCache sync.Map

// readExports reads a package's exported constants and sentinels for
// exportsPolicy.
func (c *checker) readExports(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if !token.IsExported(name) {
			continue // an importer sees only what is exported
		}
		switch o := scope.Lookup(name).(type) {
		case *types.Const:
			if o.Val().Kind() != constant.String {
				continue
			}
			if v := fromConstant(o.Val()); v.kind == vString && c.codes[v.s] {
				return true
			}
		case *types.Var:
			if !isErrorType(o.Type()) && !c.isAPIErrorType(o.Type()) {
				continue // only error variables are sentinels
			}
			var s Sentinel
			if c.pass.ImportObjectFact(o, &s) && len(s.Codes) > 0 {
				return true
			}
		}
	}
	return false
}

// mayNameCodes reports whether this package can compare a value with a
// code of the policy: it names one, or imports a package that speaks the
// API (whose constants it may use).
func (c *checker) mayNameCodes() bool {
	if c.pkgSpeaks(c.pass.Pkg) {
		return true
	}
	for _, imp := range c.pass.Pkg.Imports() {
		if c.pkgSpeaks(imp) {
			return true
		}
	}
	return false
}
