package site

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyze exports the summaries of this package's exported helpers and
// sentinels (the standard library, known from tables, gets none) and, when
// find is set, returns its retry sites, computing each helper summary once
// for both.
func Analyze(pass *analysis.Pass, insp *inspector.Inspector, opts Options, find bool) []*Site {
	c := newChecker(pass, insp, opts)
	c.exportFacts()
	if !find {
		return nil
	}
	return c.find(insp)
}

func (c *checker) exportFacts() {
	pass := c.pass
	if isStdPackage(pass.Pkg.Path()) {
		return
	}
	methods := methodSummaries{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !isExportedFunc(fd) || c.isTestFunc(fd) {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			s := c.summary(fn, fd)
			switch tn := receiverName(fn); {
			case s == nil:
			case tn != nil:
				methods.add(tn, fn.Name(), s)
			default:
				pass.ExportObjectFact(fn, s)
			}
		}
	}
	for tn, m := range methods {
		pass.ExportObjectFact(tn, m)
	}
	c.exportFamilies()
	c.exportStatusFields()
	for v, codes := range c.sentinelMap() {
		if v.Exported() {
			pass.ExportObjectFact(v, &Sentinel{Codes: codes})
		}
	}
}

// isTestFunc reports whether a function is one the go tool runs and no
// package calls: a Test, Benchmark, Fuzz or Example function of a _test.go
// file.
func (c *checker) isTestFunc(fd *ast.FuncDecl) bool {
	if fd.Recv != nil || !strings.HasSuffix(c.pass.Fset.Position(fd.Pos()).Filename, "_test.go") {
		return false
	}
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if rest, ok := strings.CutPrefix(fd.Name.Name, prefix); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLower(r) {
				return true
			}
		}
	}
	return false
}

// isExportedFunc reports whether other packages can call a function: an
// exported function, or an exported method of an exported type.
func isExportedFunc(fd *ast.FuncDecl) bool {
	if !fd.Name.IsExported() {
		return false
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return true
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.IsExported()
		}
		return false
	}
}

// summary is the fact for a function, or nil when it takes no part in
// retries.
func (c *checker) summary(fn *types.Func, fd *ast.FuncDecl) *FuncSummary {
	h := c.helperOf(fn)
	if h == nil {
		return nil
	}
	s := &FuncSummary{
		Attempt:      h.attempt,
		APIErrors:    h.attempt && h.kind.apiErr && h.kind.codes,
		Errors:       h.attempt && h.kind.apiErr && !h.kind.codes,
		Response:     h.attempt && h.kind.resp,
		StatusResult: -1,
		Refresh:      h.refresh,
		NewSession:   h.newSession,
		Terminate:    h.terminate,
		Waits:        h.waits && !h.attempt,
		WaitParam:    -1,
		WaitKind:     UnknownDelay,
		Returns:      UnknownDelay,
	}
	if h.attempt {
		s.StatusResult = h.statusResult
		if o := h.order; o != nil {
			s.Order, s.OrderKey, s.OrderKeyParam, s.OrderKeyField = o.endpoint, o.key, o.keyParam, o.keyField
		}
	}
	if h.waits && !h.attempt { // an attempt maker's own waits are not a caller's
		s.WaitParam = h.waitParam
		if h.waitParam < 0 {
			s.WaitKind = toKind(h.waitKind)
		}
	}
	if k := toKind(h.returns); k != UnknownDelay && k != NoDelay && (k != Constant || isWaitName(fn.Name())) {
		s.Returns, s.ReturnsParam = k, h.returnsParam
	}
	s.RetryParam = h.retryParam
	if h.retryParam >= 0 {
		s.Retries = h.retries
	}
	if h.verdict >= 0 {
		s.HasVerdict, s.Verdict, s.VerdictWait, s.VerdictDelay = true, h.verdict, h.verdictWait, h.verdictDelay
	}
	if pred, reads := c.predicateTable(fd, fn); discriminates(pred) {
		s.Pred, s.PredReads = pred, reads
	}
	if !s.Attempt && !s.Refresh && !s.NewSession && !s.Terminate && !s.Waits && s.Returns == UnknownDelay && len(s.Pred) == 0 && s.RetryParam < 0 {
		return nil
	}
	return s
}

// discriminates reports whether a predicate table has both answers.
func discriminates(pred []PredResult) bool {
	t, f := false, false
	for _, p := range pred {
		if p.Result == 1 {
			t = true
		} else {
			f = true
		}
	}
	return t && f
}
