package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/inspector"
)

// scan is what the one walk over the package finds: the facts of its
// string literals, return statements and composite literals, and where in
// the inspector's traversal lie the nodes that find, the summaries and the
// jump reader read, so that none of them walks the package again.
type scan struct {
	refresh bool // a string literal names a token endpoint
	codes   bool // a string literal is a code of the policy
	// sentinelFns: functions that return an error variable of the package
	sentinelFns map[*ast.FuncDecl]bool
	// constructs: functions that build a value of an error type that may
	// form a family (see familyMap)
	constructs map[*ast.FuncDecl]bool
	// finds: the traversal indices of the nodes find reads (calls, and
	// the functions and loops around them), in order
	finds []int32
	// bodies: the traversal indices of the nodes the summaries and the
	// jump reader read inside a function (function literals, returns,
	// assignments, calls, labels and branches; string literals aside, see
	// summarise), in order
	bodies []int32
	// statusReads: the traversal indices of the selectors that read a
	// StatusCode (see statusFieldVars)
	statusReads []int32
}

// maxURLLiteral is the length past which a string literal is taken for
// text (a JSON fixture, a template) rather than a URL.
const maxURLLiteral = 1024

// scanned returns what the walk over the package finds, walking it once.
func (c *checker) scanned() *scan {
	if c.scan != nil {
		return c.scan
	}
	s := &scan{sentinelFns: map[*ast.FuncDecl]bool{}, constructs: map[*ast.FuncDecl]bool{}}
	c.scan = s
	errVars := c.errorVarNames()
	candidates := c.familyCandidates()
	names := map[string]bool{} // the candidates' names, to pass over other literals unresolved
	for tn := range candidates {
		names[tn.Name()] = true
	}
	scope := c.pass.Pkg.Scope()
	// every node, sorted by the switch: a filtered walk mispredicts at
	// each subtree it may skip, and nearly every subtree holds a call or
	// a literal
	for cur := range c.insp.Root().Preorder() {
		switch n := cur.Node().(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING || (s.refresh && s.codes) {
				continue
			}
			if !s.refresh && len(n.Value) <= maxURLLiteral && c.pol.IsRefreshEndpoint(n.Value) {
				s.refresh = true
			}
			if !s.codes && len(n.Value) <= c.maxCode+2 && c.codes[unquote(n.Value)] { // a code, quoted
				s.codes = true
			}
		case *ast.FuncDecl, *ast.ForStmt, *ast.RangeStmt:
			s.finds = append(s.finds, cur.Index())
		case *ast.FuncLit, *ast.CallExpr:
			s.finds = append(s.finds, cur.Index())
			s.bodies = append(s.bodies, cur.Index())
		case *ast.ReturnStmt:
			s.bodies = append(s.bodies, cur.Index())
			// the results first: most return no variable of the
			// package, and finding the function costs a walk up
			if len(errVars) == 0 || !c.returnsPackageError(n, errVars, scope) {
				continue
			}
			if fd, ok := enclosingFunc(cur).(*ast.FuncDecl); ok {
				s.sentinelFns[fd] = true // not in a function literal
			}
		case *ast.AssignStmt, *ast.LabeledStmt, *ast.BranchStmt:
			s.bodies = append(s.bodies, cur.Index())
		case *ast.SelectorExpr:
			if n.Sel.Name == "StatusCode" {
				s.statusReads = append(s.statusReads, cur.Index())
			}
		case *ast.CompositeLit:
			if len(candidates) == 0 || !names[typeExprName(n.Type)] {
				continue // another type, or one left out (an element of a literal)
			}
			if tn := namedOf(c.typeOf(n)); tn == nil || !candidates[tn] {
				continue
			}
			for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
				s.constructs[f.Node().(*ast.FuncDecl)] = true
			}
		}
	}
	return s
}

// bodyNodesIn returns the traversal indices of the scan's bodies inside the
// node at cur, the node itself included.
func (c *checker) bodyNodesIn(cur inspector.Cursor) []int32 {
	bodies := c.scanned().bodies
	at := cur.Index()
	lo := sort.Search(len(bodies), func(k int) bool { return bodies[k] >= at })
	n := sort.Search(len(bodies)-lo, func(k int) bool { return !cur.Contains(c.insp.At(bodies[lo+k])) })
	return bodies[lo : lo+n]
}

// visitIndexed calls f for the nodes at the indices, in order; when f
// returns false, the nodes inside the one it was given are passed over,
// as Cursor.Inspect does.
func (c *checker) visitIndexed(indices []int32, f func(inspector.Cursor) bool) {
	for k := 0; k < len(indices); k++ {
		cur := c.insp.At(indices[k])
		if f(cur) {
			continue
		}
		for k+1 < len(indices) && cur.Contains(c.insp.At(indices[k+1])) {
			k++
		}
	}
}

// returnsPackageError reports whether a return statement returns an error
// variable declared at package level; names are those variables' names,
// asked first: a small set is cheaper to ask than the package's uses.
func (c *checker) returnsPackageError(ret *ast.ReturnStmt, names map[string]bool, scope *types.Scope) bool {
	for _, e := range ret.Results {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && names[id.Name] {
			if v, ok := c.info.Uses[id].(*types.Var); ok && v.Parent() == scope && isErrorType(v.Type()) {
				return true
			}
		}
	}
	return false
}

// hasErrorVars reports whether the package declares a variable of type
// error at package level: only then can a function return a sentinel.
func (c *checker) hasErrorVars() bool {
	return len(c.errorVarNames()) > 0
}

// errorVarNames returns the names of the package-level variables of type
// error.
func (c *checker) errorVarNames() map[string]bool {
	names := map[string]bool{}
	for _, v := range c.declared().vars {
		if isErrorType(v.Type()) {
			names[v.Name()] = true
		}
	}
	return names
}

// topLevel is what the package declares at package level: its named types
// and its variables, in source order.
type topLevel struct {
	types []*types.TypeName
	vars  []*types.Var
}

// declared returns the package-level types and variables, read once from
// the files' declarations (the scope would list every name, sorted).
func (c *checker) declared() *topLevel {
	if c.top != nil {
		return c.top
	}
	t := &topLevel{}
	c.top = t
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					if tn, ok := c.info.Defs[spec.Name].(*types.TypeName); ok {
						t.types = append(t.types, tn)
					}
				case *ast.ValueSpec:
					if gd.Tok != token.VAR {
						continue
					}
					for _, name := range spec.Names {
						if v, ok := c.info.Defs[name].(*types.Var); ok {
							t.vars = append(t.vars, v)
						}
					}
				}
			}
		}
	}
	return t
}

// typeExprName is the name a type expression ends with: T, pkg.T, T[A],
// or "".
func typeExprName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return typeExprName(x.X)
	case *ast.IndexListExpr:
		return typeExprName(x.X)
	case *ast.ParenExpr:
		return typeExprName(x.X)
	}
	return ""
}
