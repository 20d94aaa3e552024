package analyzer

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// mayHoldSite reports whether a package can hold a finding at all: it must
// import net/http or a configured client package, directly or through a
// package it imports. Packages that import neither cannot make an API call
// that retrylint recognises, so they are skipped before any traversal.
func mayHoldSite(pass *analysis.Pass, s *settings) bool {
	for _, imp := range pass.Pkg.Imports() {
		path := imp.Path()
		if path == "net/http" || isClientPackage(path, s.clients) {
			return true
		}
		for _, imp2 := range imp.Imports() {
			if imp2.Path() == "net/http" || isClientPackage(imp2.Path(), s.clients) {
				return true
			}
		}
	}
	return false
}

// isClientPackage reports whether path is one of the configured client
// packages; an entry ending in "/..." matches its tree.
func isClientPackage(path string, clients []string) bool {
	for _, c := range clients {
		if tree, ok := strings.CutSuffix(c, "/..."); ok {
			if path == tree || strings.HasPrefix(path, tree+"/") {
				return true
			}
		} else if path == c {
			return true
		}
	}
	return false
}
