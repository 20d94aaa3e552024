package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// otherAPIPolicy is the example policy for an API other than the default.
var otherAPIPolicy = filepath.Join("..", "examples", "policies", "other-api.yaml")

// policyExampleTestdata returns the GOPATH-mode testdata tree of the
// repository, as the absolute path that GOPATH must be.
func policyExampleTestdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOtherAPIPolicy runs retrylint on testdata/src/otherapi under the
// example policy of another API, against the package's want comments, and
// under the default policy, against its "default:" comments, so that the
// same code shows how the findings follow the policy.
func TestOtherAPIPolicy(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{Policy: otherAPIPolicy})
	if err != nil {
		t.Fatalf("the example policy does not load: %v", err)
	}
	analysistest.Run(t, policyExampleTestdata(t), a, "otherapi")
}

func TestOtherAPIPolicyAgainstDefault(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{})
	if err != nil {
		t.Fatal(err)
	}
	testdata := policyExampleTestdata(t)
	want := defaultExpectations(t, filepath.Join(testdata, "src", "otherapi"))
	if len(want) == 0 {
		t.Fatal("no default: comments in testdata/src/otherapi")
	}
	got := map[string][]string{}
	// The want comments are for the other policy: ignore them here.
	results := analysistest.Run(wantsIgnored{t}, testdata, a, "otherapi")
	if len(results) == 0 {
		t.Fatal("no analysis results")
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		fset := r.Action.Package.Fset
		for _, d := range r.Diagnostics {
			p := fset.Position(d.Pos)
			key := filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
			got[key] = append(got[key], d.Message)
		}
	}
	for key, res := range want {
		msgs := got[key]
		for _, re := range res {
			found := -1
			for i, m := range msgs {
				if re.MatchString(m) {
					found = i
					break
				}
			}
			if found < 0 {
				t.Errorf("%s: default policy: no finding matching %q (got %q)", key, re, msgs)
				continue
			}
			msgs = append(msgs[:found], msgs[found+1:]...)
		}
		got[key] = msgs
	}
	for key, msgs := range got {
		for _, m := range msgs {
			t.Errorf("%s: default policy: unexpected finding %q", key, m)
		}
	}
}

// defaultExpectations reads the "// default: want `re`" comments of the Go
// files in dir: each expects a finding matching re on the next line.
func defaultExpectations(t *testing.T, dir string) map[string][]*regexp.Regexp {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]*regexp.Regexp{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range f.Comments {
			for _, c := range g.List {
				text, ok := strings.CutPrefix(c.Text, "// default: want ")
				if !ok {
					continue
				}
				re := defaultWantPattern(t, fset, c, text)
				key := filepath.Base(name) + ":" + strconv.Itoa(fset.Position(c.Pos()).Line+1)
				want[key] = append(want[key], re)
			}
		}
	}
	return want
}

func defaultWantPattern(t *testing.T, fset *token.FileSet, c *ast.Comment, text string) *regexp.Regexp {
	t.Helper()
	pat, err := strconv.Unquote(strings.TrimSpace(text))
	if err != nil {
		t.Fatalf("%s: bad default: comment: %v", fset.Position(c.Pos()), err)
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		t.Fatalf("%s: %v", fset.Position(c.Pos()), err)
	}
	return re
}

// wantsIgnored is an analysistest.Testing that passes every error on to t
// except the mismatches between diagnostics and want comments.
type wantsIgnored struct{ t *testing.T }

func (w wantsIgnored) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, ": unexpected diagnostic: ") ||
		strings.Contains(msg, ": diagnostic ") && strings.Contains(msg, " does not match pattern ") ||
		strings.Contains(msg, ": no diagnostic was reported matching ") {
		return
	}
	w.t.Helper()
	w.t.Errorf("%s", msg)
}

// TestQuirkException runs testdata/src/quirk under examples/policies/
// quirk.yaml, whose exception accepts retries of a 400 under the code
// LOCK_CONTENTION: that retry is judged by the exception's class, and the
// retries of the other 400s are still reported.
func TestQuirkException(t *testing.T) {
	a, err := analyzer.New(analyzer.Config{Policy: filepath.Join("..", "examples", "policies", "quirk.yaml")})
	if err != nil {
		t.Fatalf("the quirk policy does not load: %v", err)
	}
	analysistest.Run(t, policyExampleTestdata(t), a, "quirk")
}

// TestEmbeddedPolicy gives the quirk policy as text, as a nogo wrapper
// that embeds it does: the findings are those of the file.
func TestEmbeddedPolicy(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "policies", "quirk.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyzer.New(analyzer.Config{PolicyData: data})
	if err != nil {
		t.Fatalf("the embedded policy does not load: %v", err)
	}
	analysistest.Run(t, policyExampleTestdata(t), a, "quirk")
	if _, err := analyzer.New(analyzer.Config{Policy: "tools/retry.yaml", PolicyData: []byte("codes: [")}); err == nil ||
		!strings.Contains(err.Error(), "policy: tools/retry.yaml") {
		t.Errorf("a malformed embedded policy: error %v, want one naming tools/retry.yaml", err)
	}
}

// TestPolicyEndpoints gives a policy whose orders are another API's
// endpoints, keyed by another header: those orders are judged, the
// default ones are not.
func TestPolicyEndpoints(t *testing.T) {
	policy := "idempotency-key-endpoints:\n" +
		"  - POST /v2/charges\n" +
		"  - \"POST /v2/refunds/{id}/retry\"\n" +
		"idempotency-key-header: X-Request-Key\n"
	a, err := analyzer.New(analyzer.Config{PolicyData: []byte(policy), Rules: []string{analyzer.RuleIdempotency}})
	if err != nil {
		t.Fatalf("the policy does not load: %v", err)
	}
	analysistest.Run(t, policyExampleTestdata(t), a, "ordersapi")
}
