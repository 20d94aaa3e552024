// Command retrylint runs the retrylint analyzer standalone
// (retrylint ./...) or as a vet tool (go vet -vettool=$(which retrylint)).
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/retrylint/retrylint/analyzer"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
