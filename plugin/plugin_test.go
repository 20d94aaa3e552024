package plugin_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/plugin"
)

// golangciModule is the testdata module that the plugin tests lint.
var golangciModule = filepath.Join("..", "testdata", "mod", "golangci")

// build makes the analyzer the way golangci-lint does: it finds the plugin
// by name, hands it the settings and asks for its analyzers.
func build(settings any) ([]*analysis.Analyzer, string, error) {
	newPlugin, err := register.GetPlugin("retrylint")
	if err != nil {
		return nil, "", err
	}
	p, err := newPlugin(settings)
	if err != nil {
		return nil, "", err
	}
	as, err := p.BuildAnalyzers()
	return as, p.GetLoadMode(), err
}

func TestRegistered(t *testing.T) {
	for _, settings := range []any{
		nil,
		map[string]any{},
		map[string]any{"policy": "", "rules": []any{}, "client-packages": []any{}},
		map[string]any{"rules": []any{"-backoff"}, "client-packages": []any{"example.com/sdk/..."}},
		map[string]any{"policy": filepath.Join("..", "examples", "policies", "other-api.yaml")},
	} {
		as, mode, err := build(settings)
		if err != nil {
			t.Errorf("settings %v: %v", settings, err)
			continue
		}
		if len(as) != 1 || as[0].Name != plugin.Name {
			t.Errorf("settings %v: analyzers %v, want one named %s", settings, as, plugin.Name)
		}
		if mode != register.LoadModeTypesInfo {
			t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
		}
		if err := analysis.Validate(as); err != nil {
			t.Errorf("settings %v: %v", settings, err)
		}
		if len(as) == 1 && !slices.Contains(as[0].Requires, inspect.Analyzer) {
			t.Errorf("settings %v: the analyzer does not ask for the inspect pass, which golangci-lint shares among its linters", settings)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     []string // each must appear in the error
	}{
		{"unknown key", map[string]any{"polcy": "p.yaml"}, []string{`unknown field "polcy"`}},
		{"flag-style key", map[string]any{"client_packages": []any{"x"}}, []string{`unknown field "client_packages"`}},
		{"rules not a list", map[string]any{"rules": "backoff"}, []string{"rules", "[]string"}},
		{"policy not a string", map[string]any{"policy": []any{"a.yaml"}}, []string{"policy"}},
		{"unknown rule", map[string]any{"rules": []any{"nosuchrule"}}, []string{"rules", `"nosuchrule"`}},
		{"unknown rule to drop", map[string]any{"rules": []any{"-nosuchrule"}}, []string{"rules", `"nosuchrule"`}},
		{"missing policy file", map[string]any{"policy": "no-such-policy.yaml"}, []string{"policy", "no-such-policy.yaml"}},
		{"bad client package", map[string]any{"client-packages": []any{"a b"}}, []string{"client-packages", `"a b"`}},
		{"empty client package", map[string]any{"client-packages": []any{""}}, []string{"client-packages"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := build(tc.settings)
			if err == nil {
				t.Fatalf("settings %v: no error", tc.settings)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestAnalysis runs the analyzer the plugin builds on the testdata module
// that the golangci-lint integration test lints, against its want comments.
func TestAnalysis(t *testing.T) {
	as, _, err := build(nil)
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, golangciModule, as[0], "./client")
}

// TestRulesSetting checks that a rules setting given to the plugin leaves a
// rule out, as the same list on the command line does.
func TestRulesSetting(t *testing.T) {
	categories := func(settings any) map[string]int {
		as, _, err := build(settings)
		if err != nil {
			t.Fatal(err)
		}
		// The want comments expect every rule; with a rule left out the
		// missing findings are expected, so the comparison is done here.
		n := map[string]int{}
		results := analysistest.Run(wantsIgnored{t}, golangciModule, as[0], "./client")
		if len(results) == 0 {
			t.Fatal("no analysis results")
		}
		for _, r := range results {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			for _, d := range r.Diagnostics {
				// the plugin merges a line's findings into one message
				for _, part := range strings.Split(d.Message, "; also ") {
					if rule := ruleOf(part); rule != analyzer.CategoryDirective {
						n[rule]++
					}
				}
			}
		}
		return n
	}
	all := categories(nil)
	noBackoff := categories(map[string]any{"rules": []any{"-backoff"}})
	onlyBackoff := categories(map[string]any{"rules": []any{analyzer.RuleBackoff}})
	if all[analyzer.RuleBackoff] == 0 || len(all) < 2 {
		t.Fatalf("with every rule: findings by rule %v, want backoff and others", all)
	}
	for rule, n := range all {
		want := n
		if rule == analyzer.RuleBackoff {
			want = 0
		}
		if noBackoff[rule] != want {
			t.Errorf("rules [-backoff]: %d %s findings, want %d", noBackoff[rule], rule, want)
		}
		want = 0
		if rule == analyzer.RuleBackoff {
			want = n
		}
		if onlyBackoff[rule] != want {
			t.Errorf("rules [backoff]: %d %s findings, want %d", onlyBackoff[rule], rule, want)
		}
	}
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

// ruleOf tells the rule of one finding's message, as the plugin merges the
// findings of a line into one diagnostic of the first one's category.
func ruleOf(msg string) string {
	switch {
	case strings.HasPrefix(msg, "retrylint:ignore"):
		return analyzer.CategoryDirective
	case strings.Contains(msg, "message text"):
		return analyzer.RuleMessage
	case strings.Contains(msg, "without a bound") || strings.Contains(msg, "recur forever") || strings.Contains(msg, "without end"):
		return analyzer.RuleUnbounded
	case strings.Contains(msg, "Idempotency-Key") || strings.Contains(msg, "IDEMPOTENCY_CONFLICT"):
		return analyzer.RuleIdempotency
	case strings.Contains(msg, "session"):
		return analyzer.RuleSession
	case strings.Contains(msg, "never retryable"):
		return analyzer.RuleNonretryable
	case strings.Contains(msg, "Retry-After") || strings.Contains(msg, "X-RateLimit-Reset"):
		return analyzer.RuleRetryAfter
	case strings.Contains(msg, "token"):
		return analyzer.RuleTokenRefresh
	}
	return analyzer.RuleBackoff
}
