package analyzer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// The helper suite: testdata/src/helpers holds the pieces of a retry that
// real clients keep in other packages (an SDK whose methods send the
// request, predicates, sentinels and the error type, delay helpers,
// refreshers); testdata/src/callers holds, per rule, the core suite's
// positives and near-miss negatives written with those helpers. The
// helpers' // want Name:`...` comments are the facts they export; the
// callers' // want comments are the findings.

// helperPackages are the helper packages, named in every Run so that
// their facts are checked along with the callers' findings.
const helperPackages = "helpers/..."

// analysisDeadline bounds one analysis run of a suite. The runs take a few
// seconds; a run that takes longer than this is taken to loop.
const analysisDeadline = 2 * time.Minute

// runCallers runs one rule alone, like the core suite, on the helpers and
// on the callers of that rule.
func runCallers(t *testing.T, rule string) {
	t.Helper()
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t, rule), helperPackages, "callers/"+rule)
}

func TestCallersNonretryable(t *testing.T) { runCallers(t, analyzer.RuleNonretryable) }

func TestCallersRetryAfter(t *testing.T) { runCallers(t, analyzer.RuleRetryAfter) }

func TestCallersTokenRefresh(t *testing.T) { runCallers(t, analyzer.RuleTokenRefresh) }

func TestCallersBackoff(t *testing.T) { runCallers(t, analyzer.RuleBackoff) }

// forward is an analysistest.Testing that reports to t from any
// goroutine. It is not a testing.TB, so analysistest never calls Skip or
// Log on it off the test goroutine.
type forward struct{ t *testing.T }

func (f forward) Errorf(format string, args ...any) { f.t.Errorf(format, args...) }

// runWithDeadline runs analysistest.Run on another goroutine and fails the
// test if it does not return within analysisDeadline. A panic in the
// analyzer still crashes the test binary, which fails the run too.
func runWithDeadline(t *testing.T, tt analysistest.Testing, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	done := make(chan []*analysistest.Result, 1)
	go func() { done <- analysistest.Run(tt, testdataDir(t), a, patterns...) }()
	select {
	case res := <-done:
		return res
	case <-time.After(analysisDeadline):
		t.Fatalf("analysis of %v did not finish within %s", patterns, analysisDeadline)
		return nil
	}
}

// TestRecursiveHelpers runs every rule on helpers that call themselves and
// each other: a predicate that walks an error chain by calling itself,
// pairs of predicates, delay helpers, refreshers and attempt makers that
// call each other, a mapping function that calls itself, helpers of one
// package that call the summaries of another and call each other, a
// predicate the other package points back at through a function value,
// and a caller with its own pair of predicates. The run must end, and
// the facts and findings its want comments name must come out.
func TestRecursiveHelpers(t *testing.T) {
	runWithDeadline(t, forward{t}, newRuleAnalyzer(t), "recursive/...")
}

// TestTestFunctions checks which functions of a test file are summarised:
// not the Test, Benchmark, Fuzz and Example functions the go tool runs,
// which no package calls; yes an exported helper, which an external test
// package may call, and a function whose name only starts with "Test".
func TestTestFunctions(t *testing.T) {
	analysistest.Run(t, testdataDir(t), newRuleAnalyzer(t), "testfuncs")
}

// TestBrokenPackages runs every rule, despite the errors, on a package
// that does not type-check and on a well-typed package that imports it.
// The drivers skip such packages (analysis.Analyzer.RunDespiteErrors is
// false); this run makes the analyzer see the ill-typed syntax and
// incomplete type information anyway. It must end without a panic or an
// error, say nothing about the broken code, and still summarise and check
// the well-typed parts.
func TestBrokenPackages(t *testing.T) {
	a := *newRuleAnalyzer(t)
	a.RunDespiteErrors = true
	results := runWithDeadline(t, discardWants{}, &a, "broken/...")
	byPkg := map[string]*analysistest.Result{}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("analysis of %s: %v", r.Action, r.Err)
			continue
		}
		byPkg[r.Pass.Pkg.Path()] = r
	}
	broken, importer := byPkg["broken/typeerr"], byPkg["broken/importer"]
	if broken == nil || importer == nil {
		t.Fatalf("analysed packages %v, want broken/typeerr and broken/importer", keys(byPkg))
	}
	if len(broken.Pass.TypeErrors) == 0 {
		t.Fatal("broken/typeerr type-checks: the test needs a package with type errors")
	}
	for _, d := range broken.Diagnostics {
		t.Errorf("%s: diagnostic on the broken package: %s", broken.Pass.Fset.Position(d.Pos), d.Message)
	}
	// The well-typed predicate keeps its summary; the ill-typed ones get
	// none.
	facts := funcFacts(broken)
	if got, want := facts["IsRetryable"], "true for BACKEND_ERROR, BACKEND_TIMEOUT"; got != want {
		t.Errorf("fact of typeerr.IsRetryable = %q, want %q", got, want)
	}
	if got, want := facts["Fetch"], "attempt(response)"; got != want {
		t.Errorf("fact of typeerr.Fetch = %q, want %q", got, want)
	}
	for _, name := range []string{"IsBroken", "IsMistyped", "Ping", "Pong"} {
		if f, ok := facts[name]; ok {
			t.Errorf("ill-typed typeerr.%s has the fact %q, want none", name, f)
		}
	}
	// The importer's own retry of a 502 with no delay is still found.
	const want = "retry of 502 with no delay: grow the delay exponentially per attempt"
	found := false
	for _, d := range importer.Diagnostics {
		if d.Message == want && strings.Contains(lineOf(t, importer, d.Pos), "continue") {
			found = true
		}
	}
	if !found {
		t.Errorf("broken/importer: no diagnostic %q on fetchNoDelay's continue", want)
	}
}

// funcFacts returns the facts of a result's package-level objects by name.
func funcFacts(r *analysistest.Result) map[string]string {
	out := map[string]string{}
	for o, fs := range r.Facts {
		if o.Pkg() != r.Pass.Pkg {
			continue
		}
		if _, isFunc := o.(*types.Func); !isFunc {
			if _, isVar := o.(*types.Var); !isVar {
				continue
			}
		}
		for _, f := range fs {
			out[o.Name()] = fmt.Sprint(f)
		}
	}
	return out
}

// lineOf returns the source line of a position of a result's package.
func lineOf(t *testing.T, r *analysistest.Result, pos token.Pos) string {
	t.Helper()
	p := r.Pass.Fset.Position(pos)
	src, err := os.ReadFile(p.Filename)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return ""
	}
	return lines[p.Line-1]
}

func keys(m map[string]*analysistest.Result) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBrokenPackageCommand runs the built retrylint command, the way
// users run it standalone, on the package that does not type-check and
// its importer. The driver must print the type errors with their file
// and stop with exit status 1, without a panic and in bounded time.
func TestBrokenPackageCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the retrylint command; skipped under -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("go command not found: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "retrylint")
	build := exec.Command("go", "build", "-buildvcs=false", "-o", bin, "../cmd/retrylint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), analysisDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "broken/...")
	cmd.Dir = filepath.Join(testdataDir(t), "src")
	// GOPATH mode over the testdata tree, as analysistest loads it.
	cmd.Env = append(os.Environ(), "GOPATH="+testdataDir(t), "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := stdout.String() + stderr.String()
	if ctx.Err() != nil {
		t.Fatalf("retrylint broken/... did not finish within %s\n%s", analysisDeadline, out)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("retrylint broken/...: %v, want exit status 1\n%s", err, out)
	}
	if !regexp.MustCompile(`typeerr\.go:\d+:\d+: undefined: newAPIError`).MatchString(out) {
		t.Errorf("output does not name the type error in typeerr.go:\n%s", out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Errorf("retrylint panicked:\n%s", out)
	}
}
