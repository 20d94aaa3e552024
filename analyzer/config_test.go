package analyzer_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/retrylint/retrylint/analyzer"
)

// configCase is one bad configuration. Exactly one of policy (the text of a
// policy file), policyPath (a path, for files that cannot be written as
// text), rules and clients is set.
type configCase struct {
	name       string
	policy     string
	policyPath string
	rules      []string
	clients    []string
	// explainSite is an -explain-site value
	explainSite string
	// want are regular expressions that the error must match; FILE stands
	// for the policy file's path, quoted.
	want []string
}

var badConfigs = []configCase{
	{
		name:   "exception without a reason",
		policy: "exceptions:\n  - status: 400\n    code: LOCK_CONTENTION\n",
		want:   []string{`^policy: FILE:2: `, `the exception for LOCK_CONTENTION has no reason`},
	},
	{
		name:   "exception without a code",
		policy: "exceptions:\n  - status: 400\n    reason: the API says so\n",
		want:   []string{`^policy: FILE:2: `, `the exception for status 400 has no code`},
	},
	{
		name:   "exception with an unknown key",
		policy: "exceptions:\n  - status: 400\n    code: X\n    when: always\n    reason: r\n",
		want:   []string{`^policy: FILE:4: `, `unknown key "when" in an exception`},
	},
	{
		name:        "explain-site not a site",
		policy:      "",
		explainSite: "client.go:x",
		want:        []string{`explain-site: "client.go:x": want file.go:LINE or a function name`},
	},
	{
		name:   "unknown class",
		policy: "codes:\n  - code: QUOTA_EXCEEDED\n    status: 429\n    class: sometimes\n",
		want:   []string{`^policy: FILE:4: `, `unknown class "sometimes"`, `never`},
	},
	{
		name:   "status 42",
		policy: "statuses:\n  - status: 42\n    class: never\n",
		want:   []string{`^policy: FILE:2: `, `status 42 is outside 100-599`},
	},
	{
		name:   "status 700",
		policy: "codes:\n  - code: TEAPOT\n    status: 700\n    class: never\n",
		want:   []string{`^policy: FILE:3: `, `status 700 is outside 100-599`},
	},
	{
		name:   "status not a number",
		policy: "statuses:\n  - status: often\n    class: wait\n",
		want:   []string{`^policy: FILE:2: `, `status "often" is not a number`},
	},
	{
		name: "code listed twice",
		policy: "codes:\n" +
			"  - code: QUOTA_EXCEEDED\n    status: 429\n    class: wait\n" +
			"  - code: QUOTA_EXCEEDED\n    status: 403\n    class: never\n",
		want: []string{`^policy: FILE:5: `, `code QUOTA_EXCEEDED is listed twice \(first on line 2\)`},
	},
	{
		name: "status listed twice",
		policy: "statuses:\n" +
			"  - status: 503\n    class: wait\n" +
			"  - status: 503\n    class: backoff\n",
		want: []string{`^policy: FILE:4: `, `status 503 is listed twice \(first on line 2\)`},
	},
	{
		name:   "unknown top-level key",
		policy: "codes:\n  - code: X\n    status: 400\n    class: never\nretry-after: Retry-After\n",
		want:   []string{`^policy: FILE:5: `, `unknown key "retry-after"`, `retry-after-header`},
	},
	{
		name:   "endpoint without a method",
		policy: "new-session-endpoints:\n  - /v1/sessions\n",
		want:   []string{`^policy: FILE:2: `, `new-session-endpoints: endpoint "/v1/sessions" must read like "POST /v1/sessions/\{id\}/renew"`},
	},
	{
		name:   "endpoint with a lower-case method",
		policy: "idempotency-key-endpoints:\n  - POST /v1/orders\n  - post /v1/refunds\n",
		want:   []string{`^policy: FILE:3: `, `idempotency-key-endpoints: endpoint "post /v1/refunds"`},
	},
	{
		name:   "endpoints not a list",
		policy: "terminate-endpoints: POST /v1/sessions/x/terminate\n",
		want:   []string{`^policy: FILE:1: `, `terminate-endpoints`},
	},
	{
		name:   "unknown key in a code entry",
		policy: "codes:\n  - code: X\n    status: 400\n    class: never\n    remedy_text: fix it\n",
		want:   []string{`^policy: FILE:5: `, `unknown key "remedy_text" in a code entry`},
	},
	{
		name:   "unknown key in a status entry",
		policy: "statuses:\n  - status: 400\n    class: never\n    code: X\n",
		want:   []string{`^policy: FILE:4: `, `unknown key "code" in a status entry`},
	},
	{
		name:   "code entry without a class",
		policy: "codes:\n  - code: X\n    status: 400\n",
		want:   []string{`^policy: FILE:2: `, `code X has no class`},
	},
	{
		name:   "malformed YAML",
		policy: "codes:\n  - code: X\n    status: [400\n",
		want:   []string{`^policy: FILE: `, `malformed policy`, `line \d`},
	},
	{
		name:   "codes not a list",
		policy: "codes:\n  code: X\n  status: 400\n  class: never\n",
		want:   []string{`^policy: FILE:2: `, `codes must be a list`},
	},
	{
		name:   "entry not a mapping",
		policy: "statuses:\n  - 429\n",
		want:   []string{`^policy: FILE:2: `, `each entry of statuses must be a mapping`},
	},
	{
		name:   "replace not a boolean",
		policy: "replace: sometimes\nstatuses:\n  - status: 429\n    class: wait\n",
		want:   []string{`^policy: FILE:1: `, `replace must be true or false, not "sometimes"`},
	},
	{
		name:   "not a mapping",
		policy: "- code: X\n",
		want:   []string{`^policy: FILE:1: `, `a policy must be a mapping`},
	},
	{
		name:   "nothing left after replace",
		policy: "replace: true\n",
		want:   []string{`^policy: FILE: `, `names no codes and no statuses`},
	},
	{
		name:   "JSON with an unknown class",
		policy: `{"statuses": [{"status": 429, "class": "later"}]}`,
		want:   []string{`^policy: FILE:1: `, `unknown class "later"`},
	},
	{
		name:   "empty file",
		policy: "",
		want:   []string{`^policy: FILE: `, `empty policy file`},
	},
	{
		name:   "only comments",
		policy: "# nothing yet\n",
		want:   []string{`^policy: FILE: `, `empty policy file`},
	},
	{
		name:       "missing file",
		policyPath: filepath.Join("no", "such", "policy.yaml"),
		want:       []string{`^policy: FILE: `, `cannot read policy file`},
	},
	{
		name:       "a directory",
		policyPath: ".",
		want:       []string{`^policy: FILE: `, `cannot read policy file`},
	},
	{
		name:  "unknown rule",
		rules: []string{"nosuchrule"},
		want:  []string{`^rules: `, `unknown rule "nosuchrule"`, `nonretryable, retryafter, tokenrefresh, backoff`},
	},
	{
		name:  "unknown rule left out",
		rules: []string{"backoff", "-retry-after"},
		want:  []string{`^rules: `, `unknown rule "retry-after"`},
	},
	{
		name:  "rule ID in upper case",
		rules: []string{"BACKOFF"},
		want:  []string{`^rules: `, `unknown rule "BACKOFF"`},
	},
	{
		name:    "client package with a space",
		clients: []string{"example.com/api client"},
		want:    []string{`^client-packages: `, `"example.com/api client" is not an import path`},
	},
	{
		name:    "client packages in one string",
		clients: []string{"example.com/a,example.com/b"},
		want:    []string{`^client-packages: `, `"example.com/a,example.com/b" is not an import path`},
	},
	{
		name:    "empty client package",
		clients: []string{""},
		want:    []string{`^client-packages: `, `"" is not an import path`},
	},
}

// configCasePolicy writes the case's policy file, if any, and returns its
// path.
func configCasePolicy(t *testing.T, c configCase) string {
	t.Helper()
	if c.policyPath != "" {
		return c.policyPath
	}
	if c.rules != nil || c.clients != nil || c.explainSite != "" {
		return ""
	}
	ext := ".yaml"
	if strings.HasPrefix(c.policy, "{") {
		ext = ".json"
	}
	path := filepath.Join(t.TempDir(), "policy"+ext)
	if err := os.WriteFile(path, []byte(c.policy), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkConfigError checks that err names the setting, the file and the
// problem as the case wants.
func checkConfigError(t *testing.T, c configCase, policy string, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, w := range c.want {
		pat := strings.ReplaceAll(w, "FILE", regexp.QuoteMeta(policy))
		if !regexp.MustCompile(pat).MatchString(msg) {
			t.Errorf("error %q does not match %q", msg, pat)
		}
	}
}

// noPanic runs f and turns a panic into a test failure.
func noPanic(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("panic: %v", r)
		}
	}()
	f()
}

func TestConfigErrors(t *testing.T) {
	if len(badConfigs) < 10 {
		t.Fatalf("only %d bad configurations", len(badConfigs))
	}
	for _, c := range badConfigs {
		t.Run(c.name, func(t *testing.T) {
			policy := configCasePolicy(t, c)
			noPanic(t, func() {
				a, err := analyzer.New(analyzer.Config{Policy: policy, Rules: c.rules, ClientPackages: c.clients, ExplainSite: c.explainSite})
				if a != nil {
					t.Errorf("New returned an analyzer with the error %v", err)
				}
				checkConfigError(t, c, policy, err)
			})
		})
	}
}

// flagSetOfAnalyzer returns a fresh flag set holding the flags of
// analyzer.Analyzer. The values are the analyzer's own, so the set checks
// values exactly as the command line does; their values are restored when
// the test ends.
func flagSetOfAnalyzer(t *testing.T) *flag.FlagSet {
	t.Helper()
	fs := flag.NewFlagSet("retrylint", flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, f.Name, f.Usage)
		saved := f.Value.String()
		t.Cleanup(func() {
			if err := f.Value.Set(saved); err != nil {
				t.Errorf("restoring -%s: %v", f.Name, err)
			}
		})
	})
	return fs
}

func TestConfigFlagErrors(t *testing.T) {
	for _, c := range badConfigs {
		t.Run(c.name, func(t *testing.T) {
			policy := configCasePolicy(t, c)
			var name, value string
			switch {
			case c.explainSite != "":
				name, value = "explain-site", c.explainSite
			case c.rules != nil:
				name, value = "rules", strings.Join(c.rules, ",")
			case c.clients != nil:
				if len(c.clients) == 1 && (c.clients[0] == "" || strings.Contains(c.clients[0], ",")) {
					t.Skip("a comma-separated flag cannot hold this value")
				}
				name, value = "client-packages", strings.Join(c.clients, ",")
			default:
				name, value = "policy", policy
			}
			fs := flagSetOfAnalyzer(t)
			noPanic(t, func() {
				err := fs.Parse([]string{"-" + name + "=" + value})
				if err == nil {
					t.Fatalf("-%s=%s: no error", name, value)
				}
				// The flag package names the flag and the value; the
				// analyzer's error follows.
				prefix := fmt.Sprintf("invalid value %q for flag -%s: ", value, name)
				msg, ok := strings.CutPrefix(err.Error(), prefix)
				if !ok {
					t.Fatalf("error %q does not start with %q", err, prefix)
				}
				if name == "policy" {
					// A policy error names the file; the flag names the setting.
					msg = "policy: " + msg
				}
				checkConfigError(t, c, policy, fmt.Errorf("%s", msg))
			})
			if got := analyzer.Analyzer.Flags.Lookup(name).Value.String(); got == value && value != "" {
				t.Errorf("-%s kept the bad value %q", name, got)
			}
		})
	}
}

// TestConfigFlags checks good flag values, through the same fresh flag set.
func TestConfigFlags(t *testing.T) {
	policy := filepath.Join("..", "examples", "policies", "other-api.yaml")
	fs := flagSetOfAnalyzer(t)
	args := []string{
		"-policy=" + policy,
		"-rules=-backoff, -tokenrefresh",
		"-client-packages=example.com/api, example.com/sdk/...",
	}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"policy":          policy,
		"rules":           "-backoff,-tokenrefresh",
		"client-packages": "example.com/api,example.com/sdk/...",
	} {
		if got := analyzer.Analyzer.Flags.Lookup(name).Value.String(); got != want {
			t.Errorf("-%s = %q, want %q", name, got, want)
		}
	}
}

// TestConfigGood checks configurations that must be accepted.
func TestConfigGood(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []analyzer.Config{
		{},
		{Rules: []string{}},
		{Rules: []string{"backoff"}},
		{Rules: []string{"-backoff", "-nonretryable"}},
		{Rules: analyzer.Rules},
		{ClientPackages: []string{"example.com/api", "example.com/sdk/..."}},
		{Policy: filepath.Join("..", "examples", "policies", "other-api.yaml")},
		// A file that adds a code to the default policy.
		{Policy: write("add.yaml", "codes:\n  - code: QUOTA_EXCEEDED\n    status: 429\n    class: wait\n")},
		// A file that changes the class of a default status.
		{Policy: write("change.yaml", "statuses:\n  - status: 500\n    class: backoff\n")},
		// JSON is YAML.
		{Policy: write("policy.json", `{"replace": true, "statuses": [{"status": 503, "class": "wait"}]}`)},
	} {
		if _, err := analyzer.New(c); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
}
