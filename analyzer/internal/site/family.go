package site

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// Many SDKs map statuses to error types of their own (NotFoundError for
// 404, RateLimitError for 429, AuthenticationError for 401 and 403),
// chosen in a switch on the status. Such a type carries no status field,
// but which statuses produce it is learnt, as sentinels are, by running the
// functions that construct it under each status; errors.As, a type switch
// or an assertion to it then resolves per scenario.

// ErrorFamily is the fact for an error type that a client returns for
// some statuses only.
type ErrorFamily struct {
	Statuses []int
}

// AFact marks ErrorFamily as an analysis fact.
func (*ErrorFamily) AFact() {}

func (f *ErrorFamily) String() string {
	parts := make([]string, len(f.Statuses))
	for i, s := range f.Statuses {
		parts[i] = strconv.Itoa(s)
	}
	return "error for " + strings.Join(parts, ", ")
}

// familyStatuses returns the statuses an error type stands for, from this
// package's mapping functions or another package's ErrorFamily fact.
func (c *checker) familyStatuses(t types.Type) ([]int, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || isStdPackage(n.Obj().Pkg().Path()) {
		return nil, false
	}
	tn := n.Obj()
	if tn.Pkg() == c.pass.Pkg {
		st, ok := c.familyMap()[tn]
		return st, ok
	}
	var f ErrorFamily
	if c.pass.ImportObjectFact(tn, &f) {
		return f.Statuses, true
	}
	return nil, false
}

// familyMap learns this package's error families once.
func (c *checker) familyMap() map[*types.TypeName][]int {
	if c.families != nil {
		return c.families
	}
	c.families = map[*types.TypeName][]int{}
	candidates := c.familyCandidates()
	if len(candidates) == 0 {
		return c.families
	}
	builds := c.scanned().constructs
	for fn, fd := range c.decls {
		if !builds[fd] {
			continue
		}
		sig := fn.Type().(*types.Signature)
		errIdx := c.errorIndex(sig)
		if errIdx < 0 {
			// a constructor of the concrete type: func newHTTPError(...)
			// *HTTPError
			errIdx = candidateResult(sig, candidates)
		}
		if errIdx < 0 {
			continue
		}
		r := &region{fn: fd, labels: c.labelsOf(fd)}
		withAttempt := c.findAttempt(r)
		for _, status := range c.pol.SortedStatuses() {
			sc := Scenario{Status: status}
			st := newState()
			if withAttempt {
				r.kind = attemptKind{resp: true}
			} else {
				bind, ok := c.bindByType(fd, sc)
				if !ok {
					break
				}
				st.attempted = true
				bind(c.params(fd), st)
			}
			in := &interp{c: c, r: r, scen: sc, pass: 1}
			for _, f := range in.exec(fd.Body, st) {
				ret, ok := f.node.(*ast.ReturnStmt)
				if f.ctl != cReturn || !ok || !f.st.attempted || errIdx >= len(ret.Results) {
					continue
				}
				if tn := c.familyOf(ret.Results[errIdx], candidates); tn != nil && !slices.Contains(c.families[tn], status) {
					c.families[tn] = append(c.families[tn], status)
				}
			}
		}
	}
	for _, st := range c.families {
		slices.Sort(st)
	}
	return c.families
}

// candidateResult returns the index of a result whose type is a candidate
// error type (or a pointer to one), or -1.
func candidateResult(sig *types.Signature, candidates map[*types.TypeName]bool) int {
	for i := 0; i < sig.Results().Len(); i++ {
		if tn := namedOf(sig.Results().At(i).Type()); tn != nil && candidates[tn] {
			return i
		}
	}
	return -1
}

// familyCandidates returns this package's named error types that carry no
// code or status of their own.
func (c *checker) familyCandidates() map[*types.TypeName]bool {
	if c.candidates != nil {
		return c.candidates
	}
	out := map[*types.TypeName]bool{}
	c.candidates = out
	errIface := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	// a type is an error by an Error method declared here, or one
	// promoted from an embedded field: only those are asked
	errorRecv := map[*types.TypeName]bool{}
	for fn := range c.decls {
		if fn.Name() == "Error" {
			if tn := recvTypeName(fn); tn != nil {
				errorRecv[tn] = true
			}
		}
	}
	for _, tn := range c.declared().types {
		if tn.IsAlias() {
			continue
		}
		t := tn.Type()
		if _, ok := t.Underlying().(*types.Interface); ok {
			continue
		}
		if !errorRecv[tn] && !embeds(t) {
			continue
		}
		if !types.Implements(t, errIface) && !types.Implements(types.NewPointer(t), errIface) {
			continue
		}
		if c.isAPIErrorType(t) {
			continue
		}
		out[tn] = true
	}
	return out
}

// familyOf returns the candidate type a returned expression has: a
// composite literal, its address, or a call whose result type is one.
func (c *checker) familyOf(e ast.Expr, candidates map[*types.TypeName]bool) *types.TypeName {
	if tn := namedOf(c.typeOf(e)); tn != nil && candidates[tn] {
		return tn
	}
	return nil
}

// namedOf returns the type name of a named type or a pointer to one.
func namedOf(t types.Type) *types.TypeName {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// familyMatch decides whether the attempt's error is of an error family
// type under the scenario.
func (in *interp) familyMatch(t types.Type, st *state) (value, bool) {
	statuses, ok := in.c.familyStatuses(t)
	if !ok {
		return value{}, false
	}
	if in.scenario().Transport || in.success() || in.scenario().Status == 0 {
		return boolValue(false, true), true
	}
	st.readStatus = true
	match := slices.Contains(statuses, in.scenario().Status)
	st.named = st.named || (match && len(statuses) == 1)
	return boolValue(match, true), true
}

// exportFamilies exports the families of this package's exported types.
func (c *checker) exportFamilies() {
	for tn, st := range c.familyMap() {
		if tn.Exported() && len(st) > 0 {
			c.pass.ExportObjectFact(tn, &ErrorFamily{Statuses: st})
		}
	}
}

// familyOrType resolves a match of the attempt's error against a type that
// is an error family, when the attempt's failures come back as errors.
func (in *interp) familyOrType(x value, t types.Type, api bool, st *state) (value, bool) {
	if api || x.kind != vErr || !in.r.kind.apiErr {
		return value{}, false
	}
	return in.familyMatch(t, st)
}

// recvTypeName returns the named type a method is declared on, or nil.
func recvTypeName(fn *types.Func) *types.TypeName {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	return namedOf(sig.Recv().Type())
}

// embeds reports whether a type is a struct with an embedded field.
func embeds(t types.Type) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Embedded() {
			return true
		}
	}
	return false
}
