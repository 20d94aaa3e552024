package site

import (
	"go/ast"
	"go/token"
	"reflect"
	"sort"

	"golang.org/x/tools/go/ast/inspector"
)

// callNodes selects calls.
var callNodes = []ast.Node{(*ast.CallExpr)(nil)}

// inspect calls f in preorder for every node under root (root included)
// whose type is one of types, and skips the children of a node for which
// f returns false. It walks the package's inspector, which passes over
// subtrees that hold none of those types without visiting them; a node the
// inspector does not hold (one the analysis built) is walked with
// ast.Inspect.
func (c *checker) inspect(root ast.Node, types []ast.Node, f func(ast.Node) bool) {
	if root == nil || reflect.ValueOf(root).IsNil() {
		return
	}
	if cur, ok := c.cursorOf(root); ok {
		cur.Inspect(types, func(cur inspector.Cursor) bool { return f(cur.Node()) })
		return
	}
	want := make([]reflect.Type, len(types))
	for i, t := range types {
		want[i] = reflect.TypeOf(t)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		for _, t := range want {
			if reflect.TypeOf(n) == t {
				return f(n)
			}
		}
		return true
	})
}

// cursorOf returns the inspector's cursor at a node: found by its
// position, then, where nodes share that range (a call and the statement
// around it), by climbing to the node itself.
func (c *checker) cursorOf(n ast.Node) (inspector.Cursor, bool) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if d, ok := c.declAt(n.Pos()); ok && d.Node() == n {
			return d, true
		}
	case *ast.BlockStmt:
		if cur, ok := c.bodyCursors[n]; ok {
			return cur, true
		}
		if d, ok := c.declAt(n.Pos()); ok && d.Node().(*ast.FuncDecl).Body == n {
			cur, _ := d.LastChild() // the body comes last
			c.bodyCursors[n] = cur
			return cur, true
		}
	}
	if !n.Pos().IsValid() {
		return inspector.Cursor{}, false
	}
	// start from the function declaration around the node: a search
	// from the root would pass every declaration before it
	from, ok := c.declAt(n.Pos())
	if !ok || n.End() > from.Node().End() {
		from = c.insp.Root()
	}
	cur, ok := from.FindByPos(n.Pos(), n.End())
	for ok && cur.Node() != n {
		if cur.Node().Pos() != n.Pos() || cur.Node().End() != n.End() {
			return inspector.Cursor{}, false
		}
		cur = cur.Parent()
		ok = cur.Node() != nil
	}
	return cur, ok
}

// fileDecls is a file of the package and the cursors of its function
// declarations, in position order, read on first use: most questions
// about a package touch few of its files.
type fileDecls struct {
	file       inspector.Cursor
	start, end token.Pos
	decls      []inspector.Cursor
	read       bool
}

// declAt returns the cursor at the function declaration that holds a
// position, found by binary search over the files, then the file's
// declarations.
func (c *checker) declAt(pos token.Pos) (inspector.Cursor, bool) {
	i := sort.Search(len(c.files), func(i int) bool { return c.files[i].end >= pos })
	if i == len(c.files) || c.files[i].start > pos {
		return inspector.Cursor{}, false
	}
	f := c.files[i]
	if !f.read {
		f.read = true
		for decl := range f.file.Children() {
			if _, ok := decl.Node().(*ast.FuncDecl); ok {
				f.decls = append(f.decls, decl)
			}
		}
	}
	decls := f.decls
	j := sort.Search(len(decls), func(j int) bool { return decls[j].Node().End() > pos })
	if j < len(decls) && decls[j].Node().Pos() <= pos {
		return decls[j], true
	}
	return inspector.Cursor{}, false
}

// enclosingFunc returns the function declaration or literal a cursor is
// in, or nil.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f.Node()
	}
	return nil
}
