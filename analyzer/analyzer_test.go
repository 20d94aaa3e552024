package analyzer_test

import (
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/retrylint/retrylint/analyzer"
)

// suites pairs each rule with its testdata package. Each package holds
// positives (// want) and near-miss negatives for that rule, by site shape.
var suites = []struct {
	rule, pkg string
}{
	{analyzer.RuleNonretryable, "nonretryable"},
	{analyzer.RuleRetryAfter, "retryafter"},
	{analyzer.RuleTokenRefresh, "tokenrefresh"},
	{analyzer.RuleBackoff, "backoff"},
}

// runSuite runs one rule alone on its package, so a blanket retry there
// needs only that rule's want.
func runSuite(t *testing.T, rule string, pkgs ...string) {
	t.Helper()
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t, rule), pkgs...)
}

func TestNonretryable(t *testing.T) {
	runSuite(t, analyzer.RuleNonretryable, "nonretryable")
}

func TestRetryAfter(t *testing.T) {
	runSuite(t, analyzer.RuleRetryAfter, "retryafter")
}

func TestTokenRefresh(t *testing.T) {
	runSuite(t, analyzer.RuleTokenRefresh, "tokenrefresh")
}

func TestBackoff(t *testing.T) {
	runSuite(t, analyzer.RuleBackoff, "backoff")
}

// TestAllRules runs every rule on blanket retries: one site that retries
// every failure breaks all four rules, each reported once on one line.
func TestAllRules(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "blanket")
}

// TestFixes applies the suggested fixes of the unit and operator bugs and
// compares each edited file with its .golden file. A golden file is read
// only for files that got edits, so the test also requires a fixed
// diagnostic in every file that has a golden file, and a fix on every
// diagnostic of the package.
func TestFixes(t *testing.T) {
	dir := testdataDir(t)
	// the rules that offer fixes
	results := analysistest.RunWithSuggestedFixes(t, dir, newRuleAnalyzer(t, analyzer.RuleRetryAfter, analyzer.RuleBackoff), "fixes")
	fixed := map[string]int{}
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			posn := r.Pass.Fset.Position(d.Pos)
			if len(d.SuggestedFixes) == 0 {
				t.Errorf("%s: diagnostic %q has no suggested fix", posn, d.Message)
				continue
			}
			fixed[filepath.Base(posn.Filename)]++
		}
	}
	if n == 0 {
		t.Fatal("no diagnostics in package fixes")
	}
	goldens, err := filepath.Glob(filepath.Join(dir, "src", "fixes", "*.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) == 0 {
		t.Fatal("no golden files in package fixes")
	}
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".golden")
		if fixed[name] == 0 {
			t.Errorf("%s has a golden file but got no fixed diagnostic", name)
		}
	}
	// Every file that expects a diagnostic is a fix scenario and needs a
	// golden file.
	files, err := filepath.Glob(filepath.Join(dir, "src", "fixes", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "// want ") {
			continue
		}
		if _, err := os.Stat(f + ".golden"); err != nil {
			t.Errorf("%s expects diagnostics but has no golden file", filepath.Base(f))
		}
	}
}

// TestDiagnosticFields checks what // want cannot: every diagnostic's
// Category is the rule of its suite, its URL is the rule's absolute README
// anchor, and its Related information points at the attempt, a call.
func TestDiagnosticFields(t *testing.T) {
	type run struct {
		name  string
		rules []string // enabled rules; the allowed categories
		pkg   string
	}
	var runs []run
	for _, s := range suites {
		runs = append(runs, run{s.rule, []string{s.rule}, s.pkg})
	}
	runs = append(runs,
		run{"blanket", analyzer.Rules, "blanket"},
		run{"fixes", analyzer.Rules, "fixes"})
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			a := newRuleAnalyzer(t)
			if len(r.rules) == 1 {
				a = newRuleAnalyzer(t, r.rules...)
			}
			results := analysistest.Run(discardWants{}, testdataDir(t), a, r.pkg)
			if len(results) == 0 {
				t.Fatalf("package %s did not load", r.pkg)
			}
			n := 0
			for _, res := range results {
				if res.Err != nil || res.Pass == nil {
					t.Fatalf("analysis of %s failed: %v", r.pkg, res.Err)
				}
				calls := callPositions(res.Pass)
				for _, d := range res.Diagnostics {
					n++
					checkFields(t, res.Pass, calls, r.rules, d)
				}
			}
			if n == 0 {
				t.Errorf("no diagnostics in package %s", r.pkg)
			}
		})
	}
}

// checkFields checks the Category, URL and Related of one diagnostic.
func checkFields(t *testing.T, pass *analysis.Pass, calls map[fileOffset]bool, rules []string, d analysis.Diagnostic) {
	t.Helper()
	posn := pass.Fset.Position(d.Pos)
	if !slices.Contains(analyzer.Rules, d.Category) {
		t.Errorf("%s: Category %q is not a rule ID (%q)", posn, d.Category, d.Message)
	} else if !slices.Contains(rules, d.Category) {
		t.Errorf("%s: Category %q, want one of %v (%q)", posn, d.Category, rules, d.Message)
	}
	if want := "https://github.com/retrylint/retrylint#" + d.Category; d.URL != want {
		t.Errorf("%s: URL %q, want %q", posn, d.URL, want)
	}
	if len(d.Related) == 0 {
		t.Errorf("%s: no Related information (%q)", posn, d.Message)
		return
	}
	rel := pass.Fset.Position(d.Related[0].Pos)
	if !calls[fileOffset{rel.Filename, rel.Offset}] {
		t.Errorf("%s: Related[0] at %s is not the start of a call expression (%q)", posn, rel, d.Message)
	}
	if strings.TrimSpace(d.Related[0].Message) == "" {
		t.Errorf("%s: Related[0] has no message", posn)
	}
}

// fileOffset is a position as file name and byte offset.
type fileOffset struct {
	file   string
	offset int
}

// callPositions returns the start of every call expression of the package.
func callPositions(pass *analysis.Pass) map[fileOffset]bool {
	calls := map[fileOffset]bool{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				p := pass.Fset.Position(c.Pos())
				calls[fileOffset{p.Filename, p.Offset}] = true
			}
			return true
		})
	}
	return calls
}

// TestPrecision runs every rule on clients of other APIs in the shapes of
// published modules: no code of the policy is reported where none can
// come back, error types that carry the response carry its status, and a
// cap on a growing delay keeps it growing; a code mapped to a sentinel by
// a function of the package resolves per code.
func TestPrecision(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "precision", "sentinelmap")
}

// TestShapes runs every rule on retry code written as production clients
// write it: HTTP behind interfaces and transports, and its near misses.
func TestShapes(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "shapes")
}

// TestSharedInspector runs every rule with the inspect pass shared, as
// golangci-lint runs it (the plugin asks for that pass), over the shapes
// and the blanket retries: the findings must not depend on whose inspector
// the analysis walks. The command's analyzer does not ask for the pass, so
// go vet and the standalone driver build an inspector only for a package
// the gate lets through.
func TestSharedInspector(t *testing.T) {
	if len(analyzer.Analyzer.Requires) != 0 {
		t.Errorf("the command's analyzer requires %v: go vet and the standalone driver would run them on every package, the ones that cannot hold a finding too", analyzer.Analyzer.Requires)
	}
	a := newRuleAnalyzer(t)
	a.Requires = []*analysis.Analyzer{inspect.Analyzer}
	analysistest.Run(t, testdataDir(t), a, "shapes", "blanket")
}

// TestFamilies runs every rule on callers of an SDK in another package
// that maps statuses to error types of its own, with the ErrorFamily facts
// the SDK exports.
func TestFamilies(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "families/api", "families/use")
}

// TestStatusFields runs every rule on an SDK whose error types carry the
// status in fields not named for it (Code set from the response's
// StatusCode), read in another package through their facts.
func TestStatusFields(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "statusfield/sdk", "statusfield/use")
}

// TestIndirectClients checks that a client's methods are attempts in a
// package that reaches them through another package's struct without
// importing the client's package (their summaries travel as a fact on the
// client type), and pins the limitation two imports away.
func TestIndirectClients(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "indirect/use", "indirect/far")
}

// TestCauseRelated checks that a finding decided by a helper predicate of
// the package keeps its place at the loop and names the helper's deciding
// return in Related, after the failing attempt.
func TestCauseRelated(t *testing.T) {
	results := analysistest.Run(discardWants{}, testdataDir(t), newRuleAnalyzer(t, analyzer.RuleNonretryable), "shapes")
	found := false
	for _, res := range results {
		for _, d := range res.Diagnostics {
			posn := res.Pass.Fset.Position(d.Pos)
			if filepath.Base(posn.Filename) != "decision.go" {
				continue
			}
			found = true
			if len(d.Related) != 2 {
				t.Fatalf("%s: %d Related, want the attempt and the deciding line: %+v", posn, len(d.Related), d.Related)
			}
			rel := res.Pass.Fset.Position(d.Related[1].Pos)
			if want := "isRetryable returns true for 404 here"; d.Related[1].Message != want {
				t.Errorf("%s: Related[1] %q, want %q", posn, d.Related[1].Message, want)
			}
			line := strings.TrimSpace(fileLine(t, rel.Filename, rel.Line))
			if !strings.HasPrefix(line, "return true") {
				t.Errorf("%s: Related[1] at %s is %q, want the deciding return", posn, rel, line)
			}
		}
	}
	if !found {
		t.Fatal("no finding in shapes/decision.go")
	}
}

// fileLine returns line n (1-based) of a file.
func fileLine(t *testing.T, file string, n int) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("%s has no line %d", file, n)
	}
	return lines[n-1]
}

// TestMessage runs the message rule alone on its testdata.
func TestMessage(t *testing.T) {
	runSuite(t, analyzer.RuleMessage, "message", "messageraw")
}

// TestUnbounded runs the unbounded rule alone on its testdata.
func TestUnbounded(t *testing.T) {
	runSuite(t, analyzer.RuleUnbounded, "unbounded")
}

func TestSession(t *testing.T) {
	runSuite(t, analyzer.RuleSession, "session")
}

func TestIdempotency(t *testing.T) {
	runSuite(t, analyzer.RuleIdempotency, "idempotency", "orders")
}

// TestIdempotencyFix checks the fix that moves a key made per attempt
// before the retries, against its golden file.
func TestIdempotencyFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdataDir(t), newRuleAnalyzer(t, analyzer.RuleIdempotency), "idemfix")
}
