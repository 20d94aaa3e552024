package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// gate decides cheaply what a package needs. relevant: it can hold a
// retry site, because it imports net/http, a configured client package or
// a retry library (directly, or net/http through a package it imports),
// or a package whose helpers have summaries. helpers: it may export
// helper summaries (delay helpers need only the time package).
func gate(pass *analysis.Pass, s *settings) (relevant, helpers bool) {
	direct := map[*types.Package]bool{}
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
		}
	}
	for _, f := range pass.AllObjectFacts() {
		if f.Object.Pkg() != nil && direct[f.Object.Pkg()] {
			return true, true
		}
	}
	return false, helpers || !isStd(pass.Pkg.Path())
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
