package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests build the retrylint command and run it the way users do: as
// a vet tool under the real go vet, and standalone. They need the go
// command and take a while (the std run most of all), so -short skips them.

// binDir holds the retrylint binary built by tool; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "retrylint-e2e-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "retrylint")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	// The test runs in this package's directory, so "." is cmd/retrylint.
	// VCS stamping is off: it is not tested, and git may refuse a checkout
	// owned by another user. A nonce in the link gives the binary a build
	// ID of its own, so go vet runs it instead of replaying what an earlier
	// test process's identical binary printed (the replay leaves out the
	// -explain tables).
	nonce := fmt.Sprintf("-ldflags=-X main.nonce=%d-%d", os.Getpid(), time.Now().UnixNano())
	cmd := exec.Command("go", "build", "-buildvcs=false", nonce, "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// tool returns the path of the retrylint binary, building it on first use.
func tool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the retrylint command; skipped under -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("go command not found: %v", err)
	}
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// vetdemo is the testdata module with one retry of a 402.
var vetdemo = filepath.Join("..", "..", "testdata", "mod", "vetdemo")

// result is what a finished command left behind.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs name with args in dir, with workspaces off so that a go.work
// around the checkout cannot change which module is loaded. A command that
// could not start, or was killed by a signal, fails the test.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		r.code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, r)
	}
	return r
}

// wantNonretryable is the finding the vetdemo module must produce: its loop
// reads only the status, so the diagnostic names the status.
const wantNonretryable = "retry of 402, which is never retryable"

// TestVet runs retrylint as a vet tool under the real go vet.
func TestVet(t *testing.T) {
	bin := tool(t)
	r := run(t, vetdemo, "go", "vet", "-vettool="+bin, "./...")
	if r.code == 0 {
		t.Errorf("go vet exited 0; want non-zero for a finding\n%s", r)
	}
	out := r.stdout + r.stderr
	if !strings.Contains(out, "billing.go:") || !strings.Contains(out, wantNonretryable) {
		t.Errorf("go vet output does not report %q in billing.go\n%s", wantNonretryable, r)
	}
	checkNoCrash(t, out)
}

// TestStandalone runs retrylint standalone on the vetdemo module: plain
// output exits 3 on findings, -json prints the findings with their rule.
func TestStandalone(t *testing.T) {
	bin := tool(t)

	t.Run("plain", func(t *testing.T) {
		r := run(t, vetdemo, bin, "./...")
		if r.code != 3 {
			t.Errorf("exit status %d; want 3 (findings)\n%s", r.code, r)
		}
		if !strings.Contains(r.stderr, wantNonretryable) {
			t.Errorf("output does not report %q\n%s", wantNonretryable, r)
		}
		checkNoCrash(t, r.stdout+r.stderr)
	})

	t.Run("json", func(t *testing.T) {
		r := run(t, vetdemo, bin, "-json", "./...")
		if r.code != 0 {
			t.Errorf("exit status %d; want 0 (-json always exits 0 unless loading fails)\n%s", r.code, r)
		}
		diags := parseJSON(t, r.stdout)
		found := false
		for _, d := range diags {
			if d.Category == "nonretryable" && strings.Contains(d.Message, wantNonretryable) &&
				strings.Contains(d.Posn, "billing.go:") {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic with \"category\": \"nonretryable\" and message %q in billing.go\n%s", wantNonretryable, r)
		}
	})
}

// jsonDiag is the part of the -json diagnostic format that the tests read.
type jsonDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

// parseJSON decodes -json output: package ID -> analyzer name -> a list of
// diagnostics or an {"error": ...} object. An error fails the test.
func parseJSON(t *testing.T, out string) []jsonDiag {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, out)
	}
	var all []jsonDiag
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var failed struct {
				Error string `json:"error"`
			}
			if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
				t.Errorf("%s: analyzer %s failed: %s", pkg, name, failed.Error)
				continue
			}
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: analyzer %s: unexpected JSON: %v\n%s", pkg, name, err, raw)
			}
			all = append(all, diags...)
		}
	}
	return all
}

// analysisFailure matches what the drivers print when an analysis fails
// rather than reports: an analyzer error ("retrylint: ..." at the start of
// a line), a skipped package, an internal error.
var analysisFailure = regexp.MustCompile(`(?m)^retrylint: |analysis skipped|internal error`)

// crash matches a Go panic or fatal error and its goroutine trace.
var crash = regexp.MustCompile(`panic: |fatal error: |(?m)^goroutine \d+ \[`)

// checkNoCrash fails the test if out shows a panic or a failed analysis.
func checkNoCrash(t *testing.T, out string) {
	t.Helper()
	if crash.MatchString(out) {
		t.Errorf("output shows a panic:\n%s", out)
	}
	if m := analysisFailure.FindString(out); m != "" {
		t.Errorf("output shows a failed analysis (%q):\n%s", m, out)
	}
}

// stdPatterns are the standard library packages the std runs analyse: by
// default the HTTP stack and what it is built on (net/http, its clients,
// transports and tests, with their dependencies loaded too), which keeps a
// first run on a fresh machine within go test's time limit; with
// RETRYLINT_STD=all, the whole standard library, as CI runs it.
func stdPatterns() []string {
	if os.Getenv("RETRYLINT_STD") == "all" {
		return []string{"std"}
	}
	return []string{"net/http/...", "net/rpc/...", "expvar"}
}

// TestStd runs retrylint standalone on the standard library: it must finish
// without a panic or an analysis error. Findings (exit 3) are allowed here;
// whether they are right is the analyzer tests' business.
func TestStd(t *testing.T) {
	bin := tool(t)
	r := run(t, t.TempDir(), bin, stdPatterns()...)
	if r.code != 0 && r.code != 3 {
		t.Errorf("exit status %d; want 0 or 3\n%s", r.code, r)
	}
	checkNoCrash(t, r.stdout+r.stderr)
}

// TestVetStd runs retrylint as a vet tool on the standard library. The vet
// driver runs the analyzer on each package and test variant in a process of
// its own, with facts from dependencies, so it can fail where the
// standalone run does not. go vet exits 1 on findings, so 1 is allowed as
// long as nothing crashed or failed.
func TestVetStd(t *testing.T) {
	bin := tool(t)
	r := run(t, t.TempDir(), "go", append([]string{"vet", "-vettool=" + bin}, stdPatterns()...)...)
	if r.code != 0 && r.code != 1 {
		t.Errorf("go vet exited %d; want 0, or 1 for findings\n%s", r.code, r)
	}
	checkNoCrash(t, r.stdout+r.stderr)
}

// TestTypeError runs retrylint on a package that does not type-check: it
// must exit 1 with the compiler's error, naming the file, and not panic.
func TestTypeError(t *testing.T) {
	bin := tool(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module broken\n\ngo 1.26.0\n")
	// A retry loop that would pass the gate, with a type error inside.
	writeFile(t, filepath.Join(dir, "bad.go"), `package broken

import (
	"net/http"
	"time"
)

func Get(url string) int {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return 0
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			time.Sleep(time.Second)
			continue
		}
		return resp.Status
	}
	return 0
}
`)
	r := run(t, dir, bin, "./...")
	if r.code != 1 {
		t.Errorf("exit status %d; want 1 (error)\n%s", r.code, r)
	}
	out := r.stdout + r.stderr
	if !regexp.MustCompile(`bad\.go:18:\d+: .*resp\.Status`).MatchString(out) {
		t.Errorf("output does not name bad.go:18 and the type error\n%s", r)
	}
	if crash.MatchString(out) {
		t.Errorf("output shows a panic:\n%s", r)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}
