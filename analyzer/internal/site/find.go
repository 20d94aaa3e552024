package site

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// region is the code that a retry site repeats: a loop, or a whole
// function for goto and recursion sites.
type region struct {
	fn      ast.Node            // *ast.FuncDecl or *ast.FuncLit
	fnObj   *types.Func         // the function, for recursion; nil for literals
	loop    ast.Stmt            // *ast.ForStmt or *ast.RangeStmt; nil for a function region
	label   string              // the loop's label, if any
	outer   []ast.Stmt          // enclosing loops inside fn, innermost first
	labels  map[string]ast.Stmt // labeled statements of fn
	block   []ast.Stmt          // statements before the loop in its block, for seeding
	attempt *ast.CallExpr
	kind    attemptKind

	lib     *libRetry     // the library that calls fn again, for a closure site
	libCall *ast.CallExpr // the library call

	verdict *verdictBinding // a verdict helper's callback result, fixed

	msgConds map[ast.Node]bool // conditions on the failure's message text

	bound     *counterBound // the loop's counter and bound (see loopBound)
	boundRead bool
}

// body returns the statements the region repeats.
func (r *region) body() *ast.BlockStmt {
	switch l := r.loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	switch f := r.fn.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// Find returns the retry sites of the package with their outcome tables.
func Find(pass *analysis.Pass, insp *inspector.Inspector, opts Options) []*Site {
	return newChecker(pass, insp, opts).find(insp)
}

// frame is a function or a loop around the calls that find reads.
type frame struct {
	cur   inspector.Cursor
	retry int8   // for a loop: 0 not yet asked, 1 a retry loop, -1 not one
	jumps *jumps // for a function: its jumps, once read
}

func (c *checker) find(insp *inspector.Inspector) []*Site {
	seen := map[ast.Node]bool{}
	retryNames := c.retryNames()
	var sites []*Site
	// the functions and loops around the current node, outermost first;
	// the whole path from the file is built only for a call that may be
	// an attempt
	var frames []frame
	for _, i := range c.scanned().finds {
		cur := insp.At(i)
		for len(frames) > 0 && !frames[len(frames)-1].cur.Contains(cur) {
			frames = frames[:len(frames)-1]
		}
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok {
			frames = append(frames, frame{cur: cur})
			continue
		}
		var fn *types.Func
		resolved := false
		if id := calleeIdent(call.Fun); id != nil && retryNames[id.Name] {
			fn, resolved = c.calleeFunc(call), true
			l := c.libRetryOf(fn)
			if l == nil {
				l = c.helperRetryOf(fn)
			}
			if l != nil {
				if s := c.librarySite(call, l); s != nil {
					sites = append(sites, s)
				}
			}
		}
		fnFrame := innermostFunc(frames)
		if fnFrame < 0 {
			continue
		}
		if !c.retryLoopIn(frames[fnFrame+1:]) {
			// no loop repeats the call: only a jump back can, and most
			// functions have none (their jumps are read once, before
			// any of their calls is asked whether it is an attempt)
			f := &frames[fnFrame]
			if f.jumps == nil {
				f.jumps = c.jumpsAt(f.cur)
			}
			if len(f.jumps.gotos) == 0 && len(f.jumps.selfCalls) == 0 {
				continue
			}
		}
		if !resolved {
			fn = c.calleeFunc(call)
		}
		kind, sure, ok := c.candidateAttempt(call, fn)
		if !ok {
			continue
		}
		stack := pathTo(cur)
		r := c.regionOf(stack, enclosingFuncIndex(stack))
		if r.loop == nil && !c.jumpsBack(r, call) {
			continue // nothing repeats the call
		}
		if r.loop != nil && c.requestFollowsCounter(r, call) {
			continue // each round sends another request: the next page or item
		}
		r.labels = c.labelsOf(r.fn)
		key := ast.Node(r.loop)
		if key == nil {
			key = r.fn
		}
		if seen[key] && c.errorVar(call, stack) == nil {
			// a further attempt in the same loop makes a site of its own
			// only when its failure is kept to be looked at: list, then
			// balance, either failure retried
			continue
		}
		if !sure {
			v := c.errorVar(call, stack)
			if v == nil {
				continue
			}
			found, speaks := c.classifiesError(r.body(), v, call)
			if !found {
				continue
			}
			kind.codes = speaks
		}
		seen[key] = true
		r.attempt, r.kind = call, kind
		sites = append(sites, c.evaluate(r))
	}
	sites = append(sites, c.retryableHTTPSites()...)
	return append(sites, c.restySites()...)
}

// innermostFunc returns the index of the innermost function among the
// frames, or -1.
func innermostFunc(frames []frame) int {
	for i := len(frames) - 1; i >= 0; i-- {
		switch frames[i].cur.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return i
		}
	}
	return -1
}

// retryLoopIn reports whether one of the frames is a loop that can retry,
// asking each loop once.
func (c *checker) retryLoopIn(frames []frame) bool {
	for i := range frames {
		f := &frames[i]
		if f.retry == 0 {
			f.retry = -1
			if s, ok := f.cur.Node().(ast.Stmt); ok && c.isRetryLoop(s) {
				f.retry = 1
			}
		}
		if f.retry > 0 {
			return true
		}
	}
	return false
}

// pathTo returns the nodes from the file down to the cursor's node, as
// ast.Inspect's stack would hold them.
func pathTo(cur inspector.Cursor) []ast.Node {
	var path []ast.Node
	for c := range cur.Enclosing() {
		path = append(path, c.Node())
	}
	slices.Reverse(path)
	return path
}

// enclosingFuncIndex returns the index in a stack of the innermost
// function declaration or literal, or -1.
func enclosingFuncIndex(stack []ast.Node) int {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return i
		}
	}
	return -1
}

// regionOf returns the region that may repeat a call whose stack holds its
// function at fnIdx: its innermost enclosing loop that can retry, or (with
// no loop) its function, which repeats the call only if it jumps back (see
// jumpsBack). Its labels are left for the caller to fill in.
func (c *checker) regionOf(stack []ast.Node, fnIdx int) *region {
	r := &region{fn: stack[fnIdx]}
	if fd, ok := r.fn.(*ast.FuncDecl); ok {
		r.fnObj, _ = c.info.Defs[fd.Name].(*types.Func)
	}
	for i := len(stack) - 1; i > fnIdx; i-- {
		loop, ok := stack[i].(ast.Stmt)
		if !ok || !c.isRetryLoop(loop) {
			continue
		}
		if r.loop == nil {
			r.loop = loop
			if ls, ok := stack[i-1].(*ast.LabeledStmt); ok {
				r.label = ls.Label.Name
			}
			r.block = precedingStmts(stack[i-1], loop)
			if ls, ok := stack[i-1].(*ast.LabeledStmt); ok && i >= 2 {
				r.block = precedingStmts(stack[i-2], ls)
			}
		} else {
			r.outer = append(r.outer, loop)
		}
	}
	return r
}

// isRetryLoop reports whether a statement is a loop that can retry: a for
// statement, a range over an integer, or a range over a schedule of
// pauses. A range over a slice, map, string, channel or function iterates
// over items and is not a retry, and neither is a for statement that
// counts up to the length of a list of items (see overItems).
func (c *checker) isRetryLoop(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ForStmt:
		return !c.overItems(s)
	case *ast.RangeStmt:
		t := c.typeOf(s.X)
		if t == nil {
			return false
		}
		if b, ok := t.Underlying().(*types.Basic); ok { // for attempt := range 5
			return b.Info()&types.IsInteger != 0
		}
		// for _, pause := range []time.Duration{...}
		return isDurationType(listElem(t))
	}
	return false
}

// listElem returns the element type of a slice or array type, or nil.
func listElem(t types.Type) types.Type {
	switch u := underlying(t).(type) {
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	}
	return nil
}

// overItems reports whether a for statement walks the indices of a list of
// items (for i := 0; i < len(urls); i++): its bound is the length of a
// slice, array or string whose elements are not numbers, so that the loop
// is not a schedule of pauses or of seconds (for i := 0; i <
// len(retryDelays); i++).
func (c *checker) overItems(l *ast.ForStmt) bool {
	b := c.forBound(l)
	if b == nil {
		return false
	}
	call, ok := ast.Unparen(b.term).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || c.builtinName(call) != "len" {
		return false
	}
	t := c.typeOf(call.Args[0])
	if elem := listElem(t); elem != nil {
		return !isNumeric(elem)
	}
	s, ok := underlying(t).(*types.Basic)
	return ok && s.Info()&types.IsString != 0
}

// precedingStmts returns the statements of parent's block before s.
func precedingStmts(parent ast.Node, s ast.Stmt) []ast.Stmt {
	var list []ast.Stmt
	switch p := parent.(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	}
	for i, x := range list {
		if x == s {
			return list[:i]
		}
	}
	return nil
}

// jumps is what lets a function run a call again without a loop: its
// labeled statements, its goto statements and its calls of itself (not
// looking into function literals). Computed once per function.
type jumps struct {
	labels    map[string]ast.Stmt
	gotos     []*ast.BranchStmt
	selfCalls []token.Pos
}

// note records a labeled statement or a goto of the function.
func (j *jumps) note(n ast.Node) {
	switch n := n.(type) {
	case *ast.LabeledStmt:
		if j.labels == nil {
			j.labels = map[string]ast.Stmt{}
		}
		j.labels[n.Label.Name] = n
	case *ast.BranchStmt:
		if n.Tok == token.GOTO && n.Label != nil {
			j.gotos = append(j.gotos, n)
		}
	}
}

// jumpNodes are the nodes jumpsOf reads.
var jumpNodes = []ast.Node{(*ast.FuncLit)(nil), (*ast.LabeledStmt)(nil), (*ast.BranchStmt)(nil), (*ast.CallExpr)(nil)}

// jumpsOf returns the jumps of a function (*ast.FuncDecl or *ast.FuncLit).
func (c *checker) jumpsOf(fn ast.Node) *jumps {
	if j, ok := c.jumpCache[fn]; ok {
		return j
	}
	cur, ok := c.cursorOf(fn)
	return c.readJumps(fn, cur, ok)
}

// jumpsAt is jumpsOf for the function at a cursor.
func (c *checker) jumpsAt(cur inspector.Cursor) *jumps {
	if j, ok := c.jumpCache[cur.Node()]; ok {
		return j
	}
	return c.readJumps(cur.Node(), cur, true)
}

// readJumps reads the jumps of a function, from the nodes indexed inside
// it when the inspector holds it (found says so), and keeps them.
func (c *checker) readJumps(fn ast.Node, cur inspector.Cursor, found bool) *jumps {
	j := &jumps{}
	var self *types.Func
	if fd, ok := fn.(*ast.FuncDecl); ok {
		self, _ = c.info.Defs[fd.Name].(*types.Func)
	}
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.LabeledStmt, *ast.BranchStmt:
			j.note(n)
		case *ast.CallExpr:
			if self == nil {
				break
			}
			if name := calleeName(n); (name == self.Name() || name == "") && c.calleeFunc(n) == self {
				j.selfCalls = append(j.selfCalls, n.Pos())
			}
		}
		return true
	}
	if found {
		c.visitIndexed(c.bodyNodesIn(cur), func(cur inspector.Cursor) bool { return visit(cur.Node()) })
	} else {
		c.inspect(fn, jumpNodes, visit)
	}
	c.jumpCache[fn] = j
	return j
}

// labelsOf returns the labeled statements of a function, not descending
// into function literals. The map is shared: callers only read it.
func (c *checker) labelsOf(fn ast.Node) map[string]ast.Stmt {
	return c.jumpsOf(fn).labels
}

// jumpsBack reports whether a function can run call again without a loop:
// a goto to a label before the call, or a call of the function itself.
func (c *checker) jumpsBack(r *region, call *ast.CallExpr) bool {
	j := c.jumpsOf(r.fn)
	for _, g := range j.gotos {
		if l, ok := j.labels[g.Label.Name]; ok && l.Pos() < call.Pos() && g.Pos() > call.Pos() {
			return true
		}
	}
	if r.fnObj == nil {
		return false
	}
	for _, p := range j.selfCalls {
		if p > call.Pos() {
			return true
		}
	}
	return false
}

// errorVar returns the variable a call's error result is assigned to.
func (c *checker) errorVar(call *ast.CallExpr, stack []ast.Node) types.Object {
	idx := c.errorResult(call)
	if idx < 0 || len(stack) < 2 {
		return nil
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && idx < len(p.Lhs) {
			return c.objOf(p.Lhs[idx])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && idx < len(p.Names) {
			return c.info.Defs[p.Names[idx]]
		}
	}
	return nil
}
