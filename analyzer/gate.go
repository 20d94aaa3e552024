package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// gate decides cheaply what a package needs. relevant: it can hold a
// retry site, because it imports net/http, a configured client package or
// a retry library (directly, or net/http through a package it imports),
// a package whose helpers have summaries, or a client type with
// summarised methods in a package its imports import. helpers: it may export
// helper summaries (delay helpers need only the time package).
func gate(pass *analysis.Pass, s *settings, insp func() *inspector.Inspector) (relevant, helpers bool) {
	// direct: the imported packages; second: the packages they import
	direct, second := map[*types.Package]bool{}, map[*types.Package]bool{}
	for _, imp := range pass.Pkg.Imports() {
		path := imp.Path()
		direct[imp] = true
		switch {
		case path == "time":
			helpers = true
		case path == "net/http", isClientPackage(path, s.clients), isRetryLibrary(path):
			return true, true
		}
		if isStd(pass.Pkg.Path()) {
			continue // the standard library has no SDKs to call through
		}
		for _, imp2 := range imp.Imports() {
			if imp2.Path() == "net/http" || isClientPackage(imp2.Path(), s.clients) {
				return true, true
			}
			second[imp2] = true
		}
	}
	for _, f := range pass.AllObjectFacts() {
		pkg := f.Object.Pkg()
		if pkg != nil && direct[pkg] {
			return true, true
		}
		// a client type of a package an import imports: its methods
		// are called through the import's types (a service struct that
		// holds the client); farther packages are not looked at
		if _, ok := f.Fact.(*site.MethodSummaries); ok && second[pkg] {
			return true, true
		}
	}
	if helpers || isStd(pass.Pkg.Path()) {
		return false, helpers
	}
	// a package without time, HTTP or summarised imports can still hold
	// predicates and sentinels of the API: they name its codes or statuses
	return false, namesPolicyValues(insp(), s)
}

// idleStd reports whether a package of the standard library can hold
// nothing retrylint looks for: it exports no summaries (the tables know
// the standard library), and only net/http can make it a retry site.
func idleStd(pass *analysis.Pass) bool {
	if !isStd(pass.Pkg.Path()) {
		return false
	}
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == "net/http" {
			return false
		}
	}
	return true
}

// namesPolicyValues reports whether a package's source holds a string
// literal that is a code of the policy or an integer literal that is one
// of its statuses.
func namesPolicyValues(insp *inspector.Inspector, s *settings) bool {
	for cur := range insp.Root().Preorder((*ast.BasicLit)(nil)) {
		lit := cur.Node().(*ast.BasicLit)
		switch lit.Kind {
		case token.STRING:
			if v, err := strconv.Unquote(lit.Value); err == nil {
				if _, ok := s.policy.LookupCode(v); ok {
					return true
				}
			}
		case token.INT:
			if len(lit.Value) != 3 {
				continue // statuses have three digits (and 0x1f is none)
			}
			if n, err := strconv.Atoi(lit.Value); err == nil && n >= 100 && n <= 599 {
				if _, ok := s.policy.LookupStatus(n); ok {
					return true
				}
			}
		}
	}
	return false
}

// isStd reports whether a package belongs to the standard library.
func isStd(path string) bool { return site.IsStdPackage(path) }

// isRetryLibrary reports whether path is a retry library retrylint knows.
func isRetryLibrary(path string) bool {
	return site.IsRetryLibrary(path)
}

// isClientPackage reports whether path is one of the configured client
// packages; an entry ending in "/..." matches its tree.
func isClientPackage(path string, clients []string) bool {
	return site.IsClientPackage(path, clients)
}
