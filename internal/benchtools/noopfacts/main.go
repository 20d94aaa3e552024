// Command noopfacts runs an analyzer that requires inspect.Analyzer,
// declares one fact type and does nothing else. Declaring a fact type makes
// the standalone driver load every dependency from source instead of export
// data, so this is the baseline for an analyzer that uses facts.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/retrylint/retrylint/internal/benchtools/baseline"
)

func main() { singlechecker.Main(baseline.NoopFacts) }
