// Package analyzer provides retrylint, an analysis.Analyzer that finds retry
// bugs in clients of an HTTP API: retries of errors that must not be
// retried, and retries without the wait, token refresh or backoff that the
// API's error contract asks for. See doc.go for the manual.
package analyzer

import (
	"flag"
	"fmt"
	"os"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// URL is the README, whose rule sections are anchored by rule ID.
const URL = "https://github.com/retrylint/retrylint#readme"

// ruleURL returns the absolute README anchor of a rule.
func ruleURL(rule string) string {
	return "https://github.com/retrylint/retrylint#" + rule
}

// Analyzer is retrylint with its configuration bound to command-line flags.
var Analyzer = newFlagAnalyzer()

// New returns an independent analyzer with the given configuration, or an
// error naming the setting that is wrong.
func New(c Config) (*analysis.Analyzer, error) {
	s, err := resolve(c)
	if err != nil {
		return nil, err
	}
	return build(func() (*settings, error) { return s, nil }, nil), nil
}

func newFlagAnalyzer() *analysis.Analyzer {
	var c Config
	var fs flag.FlagSet
	c.bindFlags(&fs)
	get := sync.OnceValues(func() (*settings, error) { return resolve(c) })
	return build(get, &fs)
}

func build(get func() (*settings, error), fs *flag.FlagSet) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "retrylint",
		Doc:  manual(),
		URL:  URL,
		FactTypes: []analysis.Fact{
			new(site.FuncSummary), new(site.MethodSummaries), new(site.Sentinel), new(site.ErrorFamily), new(site.StatusField),
		},
		Run: func(pass *analysis.Pass) (any, error) {
			if idleStd(pass) {
				return nil, nil // before the settings: go vet runs the tool once per package
			}
			s, err := get()
			if err != nil {
				return nil, err
			}
			return nil, run(pass, s)
		},
	}
	if fs != nil {
		a.Flags = *fs
	}
	return a
}

// run is the per-package pipeline: gate, find sites, check rules, report.
func run(pass *analysis.Pass, s *settings) error {
	inspectorOnce := sync.OnceValue(func() *inspector.Inspector { return inspectorOf(pass) })
	relevant, helpers := gate(pass, s, inspectorOnce)
	if !relevant && (!helpers || isStd(pass.Pkg.Path())) {
		return nil // the standard library exports no summaries
	}
	insp := inspectorOnce()
	opts := site.Options{Policy: s.policy, ClientPackages: s.clients}
	out := newOutput(pass, s)
	defer out.flush()
	pass = out.pass()
	sites := site.Analyze(pass, insp, opts, relevant)
	if s.explain != nil {
		s.explain.explain(pass, s, sites)
	}
	for _, st := range sites {
		if debugTables {
			fmt.Fprintf(os.Stderr, "%s\n%s\n", pass.Fset.Position(st.Pos), st)
		}
		for _, r := range rules {
			if s.isEnabled(r.id) {
				r.check(pass, s, st)
			}
		}
	}
	return nil
}

// inspectorOf returns the package's inspector: the shared one when the
// driver runs the inspect pass for this analyzer (the golangci-lint plugin
// asks for it, as other linters share it there), else one built for this
// package alone, which only a package the gate lets through needs.
func inspectorOf(pass *analysis.Pass) *inspector.Inspector {
	if insp, ok := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector); ok {
		return insp
	}
	return inspector.New(pass.Files)
}

// debugTables prints outcome tables (RETRYLINT_DEBUG=1), read once.
var debugTables = os.Getenv("RETRYLINT_DEBUG") != ""

// rules are the checks, one file each, in report order.
var rules = []struct {
	id    string
	check func(*analysis.Pass, *settings, *site.Site)
}{
	{RuleNonretryable, checkNonretryable},
	{RuleRetryAfter, checkRetryAfter},
	{RuleTokenRefresh, checkTokenRefresh},
	{RuleBackoff, checkBackoff},
	{RuleSession, checkSession},
	{RuleIdempotency, checkIdempotency},
	{RuleMessage, checkMessage},
	{RuleUnbounded, checkUnbounded},
}
