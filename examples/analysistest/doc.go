// Package mylinttests shows how to check retrylint's findings on your own
// code with analysistest: retrylint_test.go runs the analyzer on the package
// testdata/src/client and compares its findings with the `// want`
// comments there.
//
// This directory is a module of its own. In your project, require
// github.com/retrylint/retrylint instead of the replace directive in go.mod.
package mylinttests
