package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// fuzzTimeBound is how long one analysis of one fuzzed file may take.
const fuzzTimeBound = 20 * time.Second

// FuzzEvaluate feeds the analyzer retry code from the testdata, mutated:
// each input is parsed and type-checked in memory (against the standard
// library's export data; imports of other packages fail and leave type
// errors, as a broken package does) and analysed with every rule. The
// analysis must not panic and must end within fuzzTimeBound. The seeds are
// the testdata's retry code and the corpus under testdata/fuzz.
//
//	go test -run '^$' -fuzz FuzzEvaluate -fuzztime 30s ./analyzer/
func FuzzEvaluate(f *testing.F) {
	for _, pkg := range []string{"nonretryable", "retryafter", "tokenrefresh", "backoff", "blanket", "precision", "shapes", "limitations", "unbounded", "message", "session", "idempotency", "idemfix", "ordersapi"} {
		files, err := filepath.Glob(filepath.Join(testdataDir(f), "src", pkg, "*.go"))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
		}
	}
	a := newRuleAnalyzer(f)
	imp := &stdImporter{imp: importer.Default(), done: map[string]*types.Package{}}
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "fuzz.go", src, parser.SkipObjectResolution)
		if err != nil {
			return // not Go: nothing to analyse
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			analyse(t, a, imp, fset, file)
		}()
		select {
		case <-done:
		case <-time.After(fuzzTimeBound):
			t.Fatalf("analysis ran past %v on:\n%s", fuzzTimeBound, src)
		}
	})
}

// analyse type-checks one file and runs the analyzer on it through a
// hand-built pass, the way a driver would, with no facts from elsewhere.
func analyse(t *testing.T, a *analysis.Analyzer, imp types.Importer, fset *token.FileSet, file *ast.File) {
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	pkg, _ := conf.Check(file.Name.Name, fset, []*ast.File{file}, info)
	if pkg == nil {
		return
	}
	files := []*ast.File{file}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              fset,
		Files:             files,
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        types.SizesFor("gc", "amd64"),
		ResultOf:          map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New(files)},
		Report:            func(analysis.Diagnostic) {},
		ReadFile:          os.ReadFile,
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	if _, err := a.Run(pass); err != nil && !strings.Contains(err.Error(), "policy") {
		t.Fatalf("analysis error: %v", err)
	}
}

// stdImporter imports the few standard packages retry code uses, once
// each, and refuses every other path at once: a mutated import path must
// not send the go command looking for a module.
type stdImporter struct {
	mu   sync.Mutex
	imp  types.Importer
	done map[string]*types.Package
}

var fuzzImports = map[string]bool{
	"context": true, "encoding/json": true, "errors": true, "fmt": true, "io": true,
	"log": true, "math": true, "math/rand": true, "net/http": true, "strconv": true,
	"strings": true, "sync": true, "time": true, "bytes": true, "os": true,
}

func (s *stdImporter) Import(path string) (*types.Package, error) {
	if !fuzzImports[path] {
		return nil, fmt.Errorf("fuzz: import %q not available", path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.done[path]; ok {
		return p, nil
	}
	p, err := s.imp.Import(path)
	if err == nil {
		s.done[path] = p
	}
	return p, err
}
