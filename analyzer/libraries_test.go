package analyzer_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// libraryPackages are the packages of the testdata module testdata/mod/libs,
// one per retry library, each with positives (// want) and near-miss
// negatives, plus the shared API client, which retries nothing: it must
// get no diagnostic, and its want comments pin the facts exported for its
// methods (attempts, the token refresh).
var libraryPackages = []struct {
	name string // the subtest: the library
	pkg  string // the package in the testdata module
	// closures: the library retries a function it is handed, so every
	// diagnostic's Related points at the attempt inside it. Otherwise
	// (go-retryablehttp) the library sends the request itself, and
	// Related points at the client's retry configuration.
	closures bool
}{
	{"backoff-v4", "libs/backoffv4", true},
	{"backoff-v5", "libs/backoffv5", true},
	{"retry-go", "libs/retrygo", true},
	{"go-retry", "libs/goretry", true},
	{"go-retryablehttp", "libs/retryablehttp", false},
	{"resty", "libs/resty", false},
	{"apiclient", "libs/apiclient", true},
	{"sessions", "libs/sessions", true},
	{"orders", "libs/orders", true},
}

// libsModuleDir returns the testdata module of the retry-library cases as
// an absolute path. analysistest runs in module mode there because the
// directory holds a go.mod: go list runs offline (GOPROXY=off), so the
// libraries come from the module cache, where go test put them for the
// imports of libraries_deps_test.go.
func libsModuleDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(testdataDir(t), "mod", "libs")
}

// runLibrary runs every rule, in module mode, on packages of the
// testdata module, and checks their // want comments through t.
func runLibrary(t analysistest.Testing, tb testing.TB, pkgs ...string) []*analysistest.Result {
	tb.Helper()
	a, err := analyzer.New(analyzer.Config{})
	if err != nil {
		tb.Fatalf("analyzer.New: %v", err)
	}
	return analysistest.Run(t, libsModuleDir(tb), a, pkgs...)
}

// TestLibraries checks the diagnostics of every rule on the retry
// libraries' cases, one subtest per library.
func TestLibraries(t *testing.T) {
	for _, l := range libraryPackages {
		t.Run(l.name, func(t *testing.T) {
			results := runLibrary(t, t, l.pkg)
			if len(results) == 0 {
				t.Fatalf("package %s did not load", l.pkg)
			}
		})
	}
}

// TestLibraryDiagnosticFields checks what // want cannot on the library
// cases: each diagnostic's Category is a rule ID, its URL the rule's
// README anchor, and its Related information points at the attempt in
// the retried function, or at the configuration of a client that retries
// by itself. One run covers every package; a subtest checks each.
func TestLibraryDiagnosticFields(t *testing.T) {
	var patterns []string
	for _, l := range libraryPackages {
		patterns = append(patterns, l.pkg)
	}
	byPkg := map[string]*analysistest.Result{}
	for _, res := range runLibrary(discardWants{}, t, patterns...) {
		if res.Pass != nil {
			byPkg[res.Pass.Pkg.Path()] = res
		}
	}
	for _, l := range libraryPackages {
		if l.pkg == "libs/apiclient" {
			continue // no diagnostics by design; TestLibraries checks that
		}
		t.Run(l.name, func(t *testing.T) {
			res := byPkg[l.pkg]
			if res == nil {
				t.Fatalf("package %s did not load", l.pkg)
			}
			if res.Err != nil {
				t.Fatalf("analysis of %s failed: %v", l.pkg, res.Err)
			}
			calls := callPositions(res.Pass)
			for _, d := range res.Diagnostics {
				if l.closures {
					checkFields(t, res.Pass, calls, analyzer.Rules, d)
				} else {
					checkConfigFields(t, res.Pass, d)
				}
			}
			if len(res.Diagnostics) == 0 {
				t.Errorf("no diagnostics in package %s", l.pkg)
			}
		})
	}
}

// checkConfigFields checks a diagnostic about a client's retry
// configuration: a rule ID as Category, the rule's URL, and Related
// information with a message at a position in the package's files.
func checkConfigFields(t *testing.T, pass *analysis.Pass, d analysis.Diagnostic) {
	t.Helper()
	posn := pass.Fset.Position(d.Pos)
	if !slices.Contains(analyzer.Rules, d.Category) {
		t.Errorf("%s: Category %q is not a rule ID (%q)", posn, d.Category, d.Message)
	}
	if want := "https://github.com/retrylint/retrylint#" + d.Category; d.URL != want {
		t.Errorf("%s: URL %q, want %q", posn, d.URL, want)
	}
	if len(d.Related) == 0 {
		t.Errorf("%s: no Related information (%q)", posn, d.Message)
		return
	}
	rel := d.Related[0]
	if strings.TrimSpace(rel.Message) == "" {
		t.Errorf("%s: Related[0] has no message", posn)
	}
	inFiles := false
	for _, f := range pass.Files {
		if f.FileStart <= rel.Pos && rel.Pos < f.FileEnd {
			inFiles = true
		}
	}
	if !inFiles {
		t.Errorf("%s: Related[0] at %s is not in the package's files (%q)", posn, pass.Fset.Position(rel.Pos), d.Message)
	}
}
