// Command noopfacts runs an analyzer that requires inspect.Analyzer,
// declares one fact type and does nothing else. Declaring a fact type makes
// the standalone driver load every dependency from source instead of export
// data, so this is the baseline for an analyzer that uses facts.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// seen is a fact type that is declared and never exported.
type seen struct{ Unused bool }

// AFact marks seen as an analysis.Fact.
func (*seen) AFact() {}

func (*seen) String() string { return "seen" }

// analyzer requires what retrylint requires, declares a fact type and does
// no work.
var analyzer = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts: an analyzer that declares a fact type and does nothing, for benchmarks",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(seen)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
