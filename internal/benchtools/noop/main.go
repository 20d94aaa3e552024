// Command noop runs an analyzer that requires inspect.Analyzer and does
// nothing else. It is the baseline of the benchmark script: the cost of the
// driver, the loading and the inspector, with no analysis.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// analyzer requires what retrylint requires and does no work.
var analyzer = &analysis.Analyzer{
	Name:     "noop",
	Doc:      "noop: an analyzer that does nothing, for benchmarks",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
