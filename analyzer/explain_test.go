package analyzer_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

var update = flag.Bool("update", false, "rewrite the -explain golden files")

// explainCases are the golden tests of -explain: one package or one site
// each, in text and in JSON.
var explainCases = []struct {
	name    string
	dir     func(testing.TB) string // the testdata root
	pkg     string
	site    string // -explain-site, or "" for every site
	jsonOut bool
}{
	{"kinds", testdataDir, "explain", "", false},
	{"kinds-json", testdataDir, "explain", "", true},
	{"one-line", testdataDir, "explain", "explain.go:62", false},
	{"one-func", testdataDir, "explain", "recurse", false},
	{"backoffv4", libsModuleDir, "libs/backoffv4", "", false},
	{"backoffv5", libsModuleDir, "libs/backoffv5", "", false},
	{"retrygo", libsModuleDir, "libs/retrygo", "", false},
	{"goretry", libsModuleDir, "libs/goretry", "", false},
	{"retryablehttp", libsModuleDir, "libs/retryablehttp", "", false},
	{"resty", libsModuleDir, "libs/resty", "", false},
	{"resty-json", libsModuleDir, "libs/resty", "newServerErrorClient", true},
}

// TestExplain compares the -explain output with golden files under
// testdata/explain (go test -run TestExplain -update rewrites them).
func TestExplain(t *testing.T) {
	for _, tc := range explainCases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			a, err := analyzer.New(analyzer.Config{Explain: true, ExplainSite: tc.site, ExplainTo: &buf, ExplainJSON: tc.jsonOut})
			if err != nil {
				t.Fatal(err)
			}
			analysistest.Run(discardWants{}, tc.dir(t), a, tc.pkg)
			golden := filepath.Join(testdataDir(t), "explain", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if buf.Len() == 0 {
				t.Fatal("-explain printed nothing")
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("-explain output differs from %s\ngot:\n%s\nwant:\n%s", golden, buf.Bytes(), want)
			}
		})
	}
}
