package site

import (
	"go/ast"
	"go/token"
	"go/types"
)

// scan is what one pass over the package's string literals, return
// statements and composite literals finds, for questions that would each
// otherwise walk the whole package.
type scan struct {
	refresh bool // a string literal names a token endpoint
	codes   bool // a string literal is a code of the policy
	// sentinelFns: functions that return an error variable of the package
	sentinelFns map[*ast.FuncDecl]bool
	// constructs: functions that build a value of an error type that may
	// form a family (see familyMap)
	constructs map[*ast.FuncDecl]bool
}

// maxURLLiteral is the length past which a string literal is taken for
// text (a JSON fixture, a template) rather than a URL.
const maxURLLiteral = 1024

// scanned returns what the pass over the package finds, making it once.
func (c *checker) scanned() *scan {
	if c.scan != nil {
		return c.scan
	}
	s := &scan{sentinelFns: map[*ast.FuncDecl]bool{}, constructs: map[*ast.FuncDecl]bool{}}
	c.scan = s
	nodes := []ast.Node{(*ast.BasicLit)(nil)}
	errVars := c.hasErrorVars()
	if errVars {
		nodes = append(nodes, (*ast.ReturnStmt)(nil))
	}
	candidates := c.familyCandidates()
	names := map[string]bool{} // the candidates' names, to pass over other literals unresolved
	for tn := range candidates {
		names[tn.Name()] = true
	}
	if len(candidates) > 0 {
		nodes = append(nodes, (*ast.CompositeLit)(nil))
	}
	scope := c.pass.Pkg.Scope()
	for cur := range c.insp.Root().Preorder(nodes...) {
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
		case *ast.ReturnStmt:
			// the results first: most return no variable of the
			// package, and finding the function costs a walk up
			if !c.returnsPackageError(n, scope) {
				continue
			}
			if fd, ok := enclosingFunc(cur).(*ast.FuncDecl); ok {
				s.sentinelFns[fd] = true // not in a function literal
			}
		case *ast.CompositeLit:
			if !names[typeExprName(n.Type)] {
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

// returnsPackageError reports whether a return statement returns an error
// variable declared at package level.
func (c *checker) returnsPackageError(ret *ast.ReturnStmt, scope *types.Scope) bool {
	for _, e := range ret.Results {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
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
	for _, v := range c.declared().vars {
		if isErrorType(v.Type()) {
			return true
		}
	}
	return false
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
