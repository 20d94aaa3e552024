// Package baseline holds the analyzers the benchmarks compare retrylint
// with: they do no work. Noop and NoopFacts require the inspect pass, as
// most analyzers do (golangci-lint and go vet's own passes share it);
// retrylint builds an inspector only for the packages its gate lets
// through, so BareFacts, which requires nothing, is the floor below both.
package baseline

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Noop requires inspect.Analyzer and does nothing else: the cost of the
// driver, the loading and the inspector, with no analysis.
var Noop = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "noop: an analyzer that does nothing, for benchmarks",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

// seen is a fact type that is declared and never exported.
type seen struct{ Unused bool }

// AFact marks seen as an analysis.Fact.
func (*seen) AFact() {}

func (*seen) String() string { return "seen" }

// NoopFacts is Noop that declares one fact type. Declaring a fact type
// makes the standalone driver load every dependency from source instead
// of export data, so this is the baseline for an analyzer that uses facts.
var NoopFacts = &analysis.Analyzer{
	Name:      "noopfacts",
	Doc:       "noopfacts: an analyzer that declares a fact type and does nothing, for benchmarks",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(seen)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

// BareFacts declares one fact type, like NoopFacts, and requires nothing:
// the cost of the driver and the loading alone.
var BareFacts = &analysis.Analyzer{
	Name:      "barefacts",
	Doc:       "barefacts: an analyzer that declares a fact type, requires nothing and does nothing, for benchmarks",
	FactTypes: []analysis.Fact{new(seen)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}
