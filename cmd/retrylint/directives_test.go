package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// golangciModule is the testdata module the plugin tests use; its client
// package holds //retrylint:ignore directives of every kind.
var golangciModule = filepath.Join("..", "..", "testdata", "mod", "golangci")

// TestDirectivesBothDrivers runs the built command standalone and under go
// vet on the module: both honour //retrylint:ignore (GetSidecar's finding
// is gone) and report the stale, reasonless and misspelt directives.
func TestDirectivesBothDrivers(t *testing.T) {
	bin := tool(t)
	src, err := os.ReadFile(filepath.Join(golangciModule, "client", "blanket.go"))
	if err != nil {
		t.Fatal(err)
	}
	accepted := ""
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, "//retrylint:ignore backoff the sidecar restarts") {
			accepted = "blanket.go:" + strconv.Itoa(i+1) + ":"
		}
	}
	if accepted == "" {
		t.Fatal("no accepted finding in client/blanket.go")
	}
	standalone := run(t, golangciModule, bin, "./client")
	vet := run(t, golangciModule, "go", "vet", "-vettool="+bin, "./client")
	for name, r := range map[string]result{"standalone": standalone, "go vet": vet} {
		out := r.stdout + r.stderr
		checkNoCrash(t, out)
		for _, want := range []string{
			"retrylint:ignore backoff silences nothing here: remove the directive",
			"retrylint:ignore needs a reason after the rule",
			`retrylint:ignore names unknown rule "backof"`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output does not report %q\n%s", name, want, r)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, accepted) {
				t.Errorf("%s: the accepted finding in GetSidecar is reported: %s", name, line)
			}
		}
	}
}
