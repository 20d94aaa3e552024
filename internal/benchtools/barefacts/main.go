// Command barefacts runs an analyzer that declares one fact type and
// requires nothing: not even the inspect pass that noopfacts asks for. It
// is the floor of an analyzer that uses facts, the driver and the loading
// alone.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/retrylint/retrylint/internal/benchtools/baseline"
)

func main() { singlechecker.Main(baseline.BareFacts) }
