package site

import (
	"cmp"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// Options configure Find.
type Options struct {
	Policy         *policy.Policy
	ClientPackages []string
}

// checker holds what one package's analysis knows, computed lazily.
type checker struct {
	pass *analysis.Pass
	insp *inspector.Inspector
	info *types.Info
	pol  *policy.Policy
	opts Options

	decls      map[*types.Func]*ast.FuncDecl // functions of this package
	helpers    map[*types.Func]*helper       // memoised summaries of local helpers
	apiTypes   map[types.Type]bool
	codes      map[string]bool // the policy's codes
	maxCode    int             // the length of the longest code
	speaking   map[*types.Package]bool
	families   map[*types.TypeName][]int // error families of this package
	scan       *scan                     // what one pass over the package finds (see scanned)
	top        *topLevel                 // package-level types and variables, once read
	candidates map[*types.TypeName]bool  // error types that may form a family
	// freshFns: whether a function of the package returns a new value on
	// every call (a key maker)
	freshFns map[*types.Func]bool
	varInits map[*types.Var]ast.Expr // package-level initializers

	funcScopes map[*types.Scope]*ast.FuncType // scopes of function parameters
	predBusy   map[*types.Func]bool           // predicates being run (recursion guard)
	sentinels  map[*types.Var][]string
	defs       map[*types.Var][]ast.Expr
	defsRead   map[ast.Node]bool // functions whose definitions are in defs; nil: the package
	updates    map[updateKey]update
	jumpCache  map[ast.Node]*jumps // per function: labels, gotos, calls of itself
	// literals: the attempt shape of function literals called at once
	// (see literalAttempt)
	literals map[*ast.FuncLit]literalShape
	// statusFields: this package's fields set from a response's status
	// (see statusFieldVars)
	statusFields map[*types.Var]bool
	// followers: per loop, its counter and the locals built from it (see
	// counterFollowers)
	followers map[ast.Stmt]map[types.Object]bool
	callees   map[*types.Func]*calleeFacts
	// methodFacts: other packages' types' method summaries, once imported
	methodFacts map[*types.TypeName]*MethodSummaries
	// scenarioReads counts the evaluations' readings of their scenario
	scenarioReads int
	// guardHits counts the calls a recursion guard answered (a predicate
	// or a summary being computed): an answer reached through one may
	// differ once the guard is lifted
	guardHits int
	predMemo  map[predMemoKey]predResult // see runNestedPredicate

	allScens []Scenario // see allScenarios
	// bodyCursors: the inspector's cursor at a function's body, once
	// asked for
	bodyCursors map[*ast.BlockStmt]inspector.Cursor
	files       []*fileDecls // the package's files by position, for declAt
}

func newChecker(pass *analysis.Pass, insp *inspector.Inspector, opts Options) *checker {
	c := &checker{
		pass:     pass,
		insp:     insp,
		info:     pass.TypesInfo,
		pol:      opts.Policy,
		opts:     opts,
		decls:    map[*types.Func]*ast.FuncDecl{},
		helpers:  map[*types.Func]*helper{},
		apiTypes: map[types.Type]bool{},
		codes:    map[string]bool{},
		predBusy: map[*types.Func]bool{},
		predMemo: map[predMemoKey]predResult{},
		speaking: map[*types.Package]bool{},

		jumpCache:   map[ast.Node]*jumps{},
		callees:     map[*types.Func]*calleeFacts{},
		bodyCursors: map[*ast.BlockStmt]inspector.Cursor{},
	}
	for _, code := range c.pol.Codes {
		c.codes[code.Name] = true
		c.maxCode = max(c.maxCode, len(code.Name))
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	for cur := range insp.Root().Children() {
		if f, ok := cur.Node().(*ast.File); ok {
			c.files = append(c.files, &fileDecls{file: cur, start: f.FileStart, end: f.FileEnd})
		}
	}
	byStart := func(a, b *fileDecls) int { return cmp.Compare(a.start, b.start) }
	if !slices.IsSortedFunc(c.files, byStart) { // usually in position order
		slices.SortFunc(c.files, byStart)
	}
	return c
}

// isAPIErrorType reports whether t (or the type it points to) is a struct
// type that carries the API code or the HTTP status: a field named as the
// policy's code fields (of string kind) or status fields (of integer
// kind), an *http.Response field, or a struct field that carries one of
// these itself (up to two selections deep: e.Response.StatusCode,
// e.Err.Resp.StatusCode).
func (c *checker) isAPIErrorType(t types.Type) bool {
	return c.carriesFailure(t, 2)
}

func (c *checker) carriesFailure(t types.Type, depth int) bool {
	if t == nil {
		return false
	}
	if depth == 2 {
		if v, ok := c.apiTypes[t]; ok {
			return v
		}
		c.apiTypes[t] = false // a recursive type carries nothing through itself
	}
	res := false
	u := t
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem()
	}
	if st, ok := u.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields() && !res; i++ {
			f := st.Field(i)
			switch b := f.Type().Underlying().(type) {
			case *types.Basic:
				res = b.Info()&types.IsString != 0 && c.pol.IsCodeField(f.Name()) ||
					b.Info()&types.IsInteger != 0 && c.pol.IsStatusField(f.Name())
			case *types.Pointer, *types.Struct:
				res = isResponseType(f.Type()) || depth > 1 && c.carriesFailure(f.Type(), depth-1)
			}
		}
	}
	if depth == 2 {
		c.apiTypes[t] = res
	}
	return res
}

// imports reports whether this package imports path directly.
func (c *checker) imports(path string) bool {
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// isClientPackage reports whether path is a configured client package.
func (c *checker) isClientPackage(path string) bool {
	return IsClientPackage(path, c.opts.ClientPackages)
}

// IsClientPackage reports whether path is one of the client packages; an
// entry ending in "/..." matches its tree.
func IsClientPackage(path string, clients []string) bool {
	for _, p := range clients {
		if tree, ok := strings.CutSuffix(p, "/..."); ok {
			if path == tree || strings.HasPrefix(path, tree+"/") {
				return true
			}
		} else if path == p {
			return true
		}
	}
	return false
}

// calleeFunc returns the function or method a call statically calls.
func (c *checker) calleeFunc(call *ast.CallExpr) *types.Func {
	id := calleeIdent(call.Fun)
	if id == nil {
		return nil
	}
	fn, _ := c.info.Uses[id].(*types.Func)
	if fn != nil {
		return fn.Origin()
	}
	return nil
}

// calleeIdent returns the name a call's function expression ends with
// (f, x.f, f[T]), or nil: the identifier calleeFunc resolves.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return fun
	case *ast.SelectorExpr:
		return fun.Sel
	case *ast.IndexExpr: // generic instantiation
		return calleeIdent(fun.X)
	}
	return nil
}

// isFunc reports whether fn is pkg.name (or the method name of a type of pkg).
func isFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// recvNamed returns the name of the receiver's named type, or "".
func recvNamed(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// isConversion reports whether a call is a type conversion.
func (c *checker) isConversion(call *ast.CallExpr) bool {
	tv, ok := c.info.Types[call.Fun]
	return ok && tv.IsType()
}

// builtinName returns the name of a called builtin, or "".
func (c *checker) builtinName(call *ast.CallExpr) string {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			return b.Name()
		}
	}
	return ""
}

// constString returns the constant string value of e.
func (c *checker) constString(e ast.Expr) (string, bool) {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		v := fromConstant(tv.Value)
		if v.kind == vString {
			return v.s, true
		}
	}
	return "", false
}

// objOf returns the variable or field an identifier or selector denotes.
func (c *checker) objOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if o := c.info.Uses[e]; o != nil {
			return o
		}
		return c.info.Defs[e]
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
		return c.info.Uses[e.Sel]
	}
	return nil
}

// typeOf returns the type of an expression, or nil.
func (c *checker) typeOf(e ast.Expr) types.Type { return c.info.TypeOf(e) }
