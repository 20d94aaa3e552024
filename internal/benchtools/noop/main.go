// Command noop runs an analyzer that requires inspect.Analyzer and does
// nothing else. It is the baseline of the benchmark script: the cost of the
// driver, the loading and the inspector, with no analysis.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/retrylint/retrylint/internal/benchtools/baseline"
)

func main() { singlechecker.Main(baseline.Noop) }
