package plugin_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestGolangciLint builds golangci-lint with the plugin compiled in
// (scripts/build-golangci.sh, cached between runs), runs it with
// .golangci.example.yml on testdata/mod/golangci, and checks its findings
// against the standalone command's on the same module.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint with the plugin (minutes unless cached)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	gcl := buildGolangci(t, root)
	retrylint := buildStandalone(t, root)
	mod := copyModule(t, filepath.Join(root, "testdata", "mod", "golangci"))
	example, err := os.ReadFile(filepath.Join(root, ".golangci.example.yml"))
	if err != nil {
		t.Fatal(err)
	}
	withSetting := func(t *testing.T, from, to string) string {
		t.Helper()
		if strings.Count(string(example), from) != 1 {
			t.Fatalf(".golangci.example.yml does not have one %q line", from)
		}
		return strings.Replace(string(example), from, to, 1)
	}
	nolint := nolintLines(t, mod)
	if len(nolint) == 0 {
		t.Fatal("no //nolint:retrylint line in the testdata module")
	}

	standalone := runStandalone(t, retrylint, mod)
	if len(standalone.main()) == 0 {
		t.Fatal("the standalone command found nothing in the testdata module")
	}

	t.Run("findings", func(t *testing.T) {
		sarif := filepath.Join(t.TempDir(), "out.sarif")
		got := runGolangci(t, gcl, mod, string(example), "--output.sarif.path", sarif)
		if len(got.main()) == 0 {
			t.Fatal("golangci-lint reported no retrylint issue")
		}
		want := standalone.without(nolint).folded()
		if !slices.Equal(got.keys(), want.keys()) {
			t.Errorf("golangci-lint and the standalone command disagree\ngolangci-lint:\n%s\nstandalone, less the //nolint lines:\n%s",
				got, want)
		}
		checkWants(t, mod, "client", got)

		t.Run("nolint", func(t *testing.T) {
			if len(standalone.only(nolint)) == 0 {
				t.Fatalf("the standalone command reports nothing on the //nolint:retrylint lines %v, so they test nothing", nolint)
			}
			if on := got.only(nolint); len(on) > 0 {
				t.Errorf("issues on //nolint:retrylint lines:\n%s", on)
			}
		})

		t.Run("sarif", func(t *testing.T) {
			s := readSARIF(t, sarif)
			if !slices.Equal(s.keys(), got.keys()) {
				t.Errorf("SARIF results differ from the JSON issues\nSARIF:\n%s\nJSON:\n%s", s, got)
			}
		})
	})

	t.Run("default settings", func(t *testing.T) {
		// golangci-lint keeps one issue per line by default: every
		// finding must still reach the user, one issue per line.
		got := runGolangciDefault(t, gcl, mod, string(example))
		want := standalone.without(nolint).folded()
		if !slices.Equal(got.keys(), want.keys()) {
			t.Errorf("under golangci-lint's default settings some findings are lost or split\ngolangci-lint:\n%s\nwant:\n%s", got, want)
		}
		merged := 0
		for _, f := range got {
			merged += strings.Count(f.text, "; also ")
			if strings.Contains(f.text, "related information") {
				t.Errorf("an issue of its own for related information: %s", f)
			}
		}
		if merged == 0 {
			t.Error("no line with two findings in the testdata module, so merging is not tested")
		}
	})

	t.Run("rules setting", func(t *testing.T) {
		backoff := standalone.category("backoff").main()
		if len(backoff) == 0 {
			t.Fatal("the standalone command reports no backoff finding, so leaving the rule out tests nothing")
		}
		cfg := withSetting(t, "rules: []", `rules: ["-backoff"]`)
		got := runGolangci(t, gcl, mod, cfg)
		for _, f := range got {
			if slices.ContainsFunc(backoff, func(b finding) bool { return strings.Contains(f.text, b.text) }) {
				t.Errorf("rules [-backoff] still reports %s", f)
			}
		}
		want := runStandalone(t, retrylint, mod, "-rules=-backoff").without(nolint).folded()
		if !slices.Equal(got.keys(), want.keys()) {
			t.Errorf("with rules [-backoff], golangci-lint and retrylint -rules=-backoff disagree\ngolangci-lint:\n%s\nstandalone:\n%s",
				got, want)
		}
	})

	t.Run("bad settings", func(t *testing.T) {
		badPolicy := filepath.Join(t.TempDir(), "bad-policy.yaml")
		if err := os.WriteFile(badPolicy, []byte("statuses:\n  - status: 42\n    class: never\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, from, to string
			want           []string
		}{
			{"unknown rule", "rules: []", `rules: ["nosuchrule"]`, []string{`rules: unknown rule "nosuchrule"`}},
			{"unknown key", `policy: ""`, `polcy: ""`, []string{`unknown field "polcy"`}},
			{"rules not a list", "rules: []", `rules: "backoff"`, []string{"rules"}},
			{"missing policy", `policy: ""`, `policy: "no-such-policy.yaml"`, []string{"policy:", "no-such-policy.yaml"}},
			{"bad policy", `policy: ""`, "policy: " + strconv.Quote(badPolicy),
				[]string{"policy:", badPolicy + ":2:", "status 42 is outside 100-599"}},
			{"bad client package", "client-packages: []", `client-packages: ["a b"]`, []string{`client-packages: "a b"`}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				stdout, stderr, code := golangci(t, gcl, mod, withSetting(t, tc.from, tc.to))
				out := stdout + stderr
				if code == 0 || code == 1 {
					t.Fatalf("golangci-lint exited %d, want a failure\n%s", code, out)
				}
				for _, w := range tc.want {
					if !strings.Contains(out, w) {
						t.Errorf("output does not contain %q:\n%s", w, out)
					}
				}
			})
		}
	})
}

// buildGolangci runs scripts/build-golangci.sh and returns the binary.
func buildGolangci(t *testing.T, root string) string {
	t.Helper()
	start := time.Now()
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "build-golangci.sh"))
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/build-golangci.sh: %v\n%s", err, lastLines(stderr.String(), 40))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	bin := lines[len(lines)-1]
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("scripts/build-golangci.sh printed %q: %v", bin, err)
	}
	t.Logf("golangci-lint: %s (%s)", bin, time.Since(start).Round(time.Second))
	return bin
}

// buildStandalone builds cmd/retrylint.
func buildStandalone(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "retrylint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/retrylint")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/retrylint: %v\n%s", err, out)
	}
	return bin
}

// copyModule copies a testdata module to a scratch directory, where the
// tests write configuration files and golangci-lint may write its cache.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Resolve symbolic links (a temporary directory may be behind one), so
	// that the paths the tools print relate to this one.
	dst, err = filepath.EvalSymlinks(dst)
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// golangci runs golangci-lint on ./... of mod with the given configuration
// and returns its standard output, its standard error and its exit code.
func golangci(t *testing.T, bin, mod, config string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return golangciWith(t, bin, mod, config, true, args...)
}

// golangciWith is golangci with or without the flags that lift
// golangci-lint's issue limits and its one-issue-per-line rule.
func golangciWith(t *testing.T, bin, mod, config string, unlimited bool, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cfg := filepath.Join(mod, ".golangci.yml")
	if err := os.WriteFile(cfg, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"run", "--config", cfg,
		"--default=none", // retrylint alone, as the configuration enables it
		"--allow-parallel-runners",
	}
	if unlimited {
		base = append(base, "--max-issues-per-linter=0", "--max-same-issues=0", "--uniq-by-line=false")
	}
	args = append(base, args...)
	cmd := exec.Command(bin, append(args, "./...")...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("golangci-lint: %v", err)
		}
		code = ee.ExitCode()
	}
	return out.String(), errOut.String(), code
}

// runGolangci runs golangci-lint with JSON output and returns its retrylint
// issues. It fails the test if golangci-lint fails.
func runGolangci(t *testing.T, bin, mod, config string, args ...string) findings {
	t.Helper()
	args = append([]string{"--output.json.path", "stdout", "--show-stats=false"}, args...)
	out, stderr, code := golangci(t, bin, mod, config, args...)
	return parseGolangci(t, out, stderr, code, args)
}

// runGolangciDefault is runGolangci with golangci-lint's default issue
// settings (one issue per line, limits per linter and per text).
func runGolangciDefault(t *testing.T, bin, mod, config string) findings {
	t.Helper()
	args := []string{"--output.json.path", "stdout", "--show-stats=false"}
	out, stderr, code := golangciWith(t, bin, mod, config, false, args...)
	return parseGolangci(t, out, stderr, code, args)
}

// parseGolangci reads golangci-lint's JSON output.
func parseGolangci(t *testing.T, out, stderr string, code int, args []string) findings {
	t.Helper()
	// Exit code 1 means that issues were found.
	if code != 0 && code != 1 {
		t.Fatalf("golangci-lint %s: exit code %d\n%s\n%s", strings.Join(args, " "), code, out, stderr)
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("golangci-lint JSON output: %v\n%s", err, out)
	}
	var list findings
	for _, is := range report.Issues {
		if is.FromLinter != "retrylint" {
			t.Errorf("issue from linter %q: %s: %s", is.FromLinter, is.Pos.Filename, is.Text)
			continue
		}
		list = append(list, finding{file: filepath.ToSlash(is.Pos.Filename), line: is.Pos.Line, text: is.Text})
	}
	return list.sorted()
}

// runStandalone runs the standalone command with -json on ./... of mod and
// returns its diagnostics, each with its related information rendered as
// the plugin writes it into the message (see findings.folded).
func runStandalone(t *testing.T, bin, mod string, flags ...string) findings {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{"-json"}, flags...), "./...")...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("retrylint -json %s: %v\n%s", strings.Join(flags, " "), err, stderr.String())
	}
	type related struct{ Posn, Message string }
	type diagnostic struct {
		Category, Posn, Message string
		Related                 []related
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("retrylint -json output: %v\n%s", err, out)
	}
	var list findings
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []diagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("retrylint -json: %s: %s: %s", pkg, name, raw)
			}
			for _, d := range diags {
				file, line := position(t, mod, d.Posn)
				var parts []string
				for _, r := range d.Related {
					rfile, rline := position(t, mod, r.Posn)
					parts = append(parts, fmt.Sprintf("%s: %s:%d", r.Message, path.Base(rfile), rline))
				}
				suffix := ""
				if len(parts) > 0 {
					suffix = " (" + strings.Join(parts, "; ") + ")"
				}
				list = append(list, finding{file: file, line: line, text: d.Message, category: d.Category, suffix: suffix})
			}
		}
	}
	return list.sorted()
}

// position splits "file:line:col" and makes file relative to mod.
func position(t *testing.T, mod, posn string) (string, int) {
	t.Helper()
	m := regexp.MustCompile(`^(.*):(\d+):(\d+)$`).FindStringSubmatch(posn)
	if m == nil {
		t.Fatalf("bad position %q", posn)
	}
	file := m[1]
	if abs, err := filepath.EvalSymlinks(file); err == nil {
		file = abs
	}
	rel, err := filepath.Rel(mod, file)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := strconv.Atoi(m[2])
	return filepath.ToSlash(rel), line
}

// readSARIF returns the retrylint results of a SARIF log.
func readSARIF(t *testing.T, path string) findings {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string
				}
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string
						}
						Region struct {
							StartLine int
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	var list findings
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "retrylint" || len(r.Locations) != 1 {
			t.Errorf("SARIF result of rule %q with %d locations: %s", r.RuleID, len(r.Locations), r.Message.Text)
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		list = append(list, finding{file: loc.ArtifactLocation.URI, line: loc.Region.StartLine, text: r.Message.Text})
	}
	return list.sorted()
}

// nolintLines returns "file:line" of the lines of mod that a
// //nolint:retrylint directive covers: the line that it ends, or, when it
// stands on a line of its own, every line of the syntax node that starts
// on the next line.
func nolintLines(t *testing.T, mod string) map[string]bool {
	t.Helper()
	lines := map[string]bool{}
	err := filepath.WalkDir(mod, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mod, path)
		mark := func(from, to int) {
			for l := from; l <= to; l++ {
				lines[filepath.ToSlash(rel)+":"+strconv.Itoa(l)] = true
			}
		}
		for _, g := range f.Comments {
			for _, c := range g.List {
				if !strings.HasPrefix(c.Text, "//nolint:retrylint") {
					continue
				}
				line := fset.Position(c.Pos()).Line
				var node ast.Node
				ast.Inspect(f, func(n ast.Node) bool {
					if n == nil || node != nil {
						return false
					}
					if _, ok := n.(*ast.File); !ok && fset.Position(n.Pos()).Line == line+1 {
						node = n
						return false
					}
					return true
				})
				if node != nil && standsAlone(fset, f, c) {
					mark(line+1, fset.Position(node.End()).Line)
				} else {
					mark(line, line)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// standsAlone reports whether comment c is the only thing on its line.
func standsAlone(fset *token.FileSet, f *ast.File, c *ast.Comment) bool {
	line := fset.Position(c.Pos()).Line
	alone := true
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || !alone {
			return false
		}
		switch n.(type) {
		case *ast.File, *ast.CommentGroup, *ast.Comment:
			return true
		}
		if fset.Position(n.End()).Line == line && n.End() <= c.Pos() {
			alone = false
		}
		return true
	})
	return alone
}

// checkWants checks the issues in the Go files of mod/dir against their
// want comments (analysistest's form, one backquoted pattern per comment):
// each want is met by an issue on its line, and each issue other than
// related information is wanted.
func checkWants(t *testing.T, mod, dir string, got findings) {
	t.Helper()
	want := map[string][]*regexp.Regexp{}
	files, _ := filepath.Glob(filepath.Join(mod, dir, "*.go"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(mod, name)
		for i, l := range strings.Split(string(data), "\n") {
			_, pat, ok := strings.Cut(l, "// want `")
			if !ok {
				continue
			}
			pat = strings.TrimSuffix(strings.TrimSpace(pat), "`")
			key := filepath.ToSlash(rel) + ":" + strconv.Itoa(i+1)
			want[key] = append(want[key], regexp.MustCompile(pat))
		}
	}
	if len(want) == 0 {
		t.Fatalf("no want comments in %s", dir)
	}
	seen := map[string]bool{}
	for _, f := range got.main() {
		if !strings.HasPrefix(f.file, dir+"/") {
			continue
		}
		key := f.file + ":" + strconv.Itoa(f.line)
		if !slices.ContainsFunc(want[key], func(re *regexp.Regexp) bool { return re.MatchString(f.text) }) {
			t.Errorf("unexpected issue %s", f)
		}
		seen[key] = true
	}
	for key, res := range want {
		if !seen[key] {
			t.Errorf("%s: no issue matching %s", key, res[0])
		}
	}
}

// finding is one issue: golangci-lint's, or the standalone command's in
// golangci-lint's form.
type finding struct {
	file     string
	line     int
	text     string
	category string // standalone only
	suffix   string // standalone only: the related information as the plugin folds it
}

// key identifies a finding; the parts of a line's merged message are
// sorted, since the order in which the rules report is not part of it.
func (f finding) key() string {
	parts := strings.Split(f.text, "; also ")
	slices.Sort(parts)
	return fmt.Sprintf("%s:%d: %s", f.file, f.line, strings.Join(parts, "; also "))
}

// folded returns the standalone findings as the golangci-lint plugin
// reports them: the related information in the message, and the findings
// of one line merged into one issue.
func (l findings) folded() findings {
	var out findings
	at := map[string]int{}
	for _, f := range l {
		k := fmt.Sprintf("%s:%d", f.file, f.line)
		text := f.text + f.suffix
		if i, ok := at[k]; ok {
			out[i].text += "; also " + text
			continue
		}
		at[k] = len(out)
		out = append(out, finding{file: f.file, line: f.line, text: text, category: f.category})
	}
	return out.sorted()
}

func (f finding) String() string { return f.key() }

func (f finding) related() bool { return strings.Contains(f.text, "(related information): ") }

type findings []finding

func (l findings) sorted() findings {
	slices.SortFunc(l, func(a, b finding) int { return strings.Compare(a.key(), b.key()) })
	return l
}

func (l findings) keys() []string {
	var ks []string
	for _, f := range l {
		ks = append(ks, f.key())
	}
	return ks
}

func (l findings) String() string {
	if len(l) == 0 {
		return "\t(none)"
	}
	return "\t" + strings.Join(l.keys(), "\n\t")
}

// main returns the findings other than related information.
func (l findings) main() findings {
	return slices.DeleteFunc(slices.Clone(l), finding.related)
}

// without returns the findings not on the given "file:line" lines.
func (l findings) without(lines map[string]bool) findings {
	return slices.DeleteFunc(slices.Clone(l), func(f finding) bool { return lines[f.file+":"+strconv.Itoa(f.line)] })
}

// only returns the findings on the given "file:line" lines.
func (l findings) only(lines map[string]bool) findings {
	return slices.DeleteFunc(slices.Clone(l), func(f finding) bool { return !lines[f.file+":"+strconv.Itoa(f.line)] })
}

// category returns the findings of a rule, related information included.
func (l findings) category(rule string) findings {
	return slices.DeleteFunc(slices.Clone(l), func(f finding) bool { return f.category != rule })
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
