package analyzer

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/retrylint/retrylint/analyzer/internal/policy"
)

// Rule IDs. Each is a diagnostic Category and a README section.
const (
	RuleNonretryable = "nonretryable"
	RuleRetryAfter   = "retryafter"
	RuleTokenRefresh = "tokenrefresh"
	RuleBackoff      = "backoff"
	RuleMessage      = "message"
	RuleUnbounded    = "unbounded"
	RuleSession      = "session"
	RuleIdempotency  = "idempotency"
)

// Rules lists every rule ID in a fixed order.
var Rules = []string{RuleNonretryable, RuleRetryAfter, RuleTokenRefresh, RuleBackoff, RuleSession, RuleIdempotency, RuleUnbounded, RuleMessage}

// Config is the analyzer's configuration. Each field is one command-line
// flag and one golangci-lint setting with the same name (the json tag).
type Config struct {
	// Policy is the path of a policy file (YAML or JSON) that adds to or
	// replaces the default policy. Empty means the default policy.
	Policy string `json:"policy"`
	// Rules selects rules: rule IDs to run, or IDs prefixed with "-" to
	// leave out of the default set. Empty means every rule.
	Rules []string `json:"rules"`
	// ClientPackages are import paths (a trailing "/..." matches the tree
	// below) whose calls are API attempts returning API errors.
	ClientPackages []string `json:"client-packages"`

	// PolicyData is the text of a policy file, for builds that embed it
	// rather than read it at run time (a nogo wrapper in a sandboxed
	// action). When set it is used instead of reading Policy, which then
	// only names it in error messages.
	PolicyData []byte `json:"-"`

	// Explain prints every retry site's outcome table: where it is, what
	// kind of site it is, the attempt, and per scenario of the policy the
	// outcome (with why it is unknown), the delay, the refresh and the
	// rules the row breaks. Text, or JSON lines with the driver's -json.
	Explain bool `json:"explain"`
	// ExplainSite narrows Explain to the sites a file.go:LINE falls in,
	// or the sites of a function (Name, Type.Name or (*Type).Name). It
	// implies Explain.
	ExplainSite string `json:"explain-site"`
	// ExplainTo is where Explain writes; nil means standard output.
	ExplainTo io.Writer `json:"-"`
	// ExplainJSON writes JSON lines instead of text; the command's -json
	// flag sets it too.
	ExplainJSON bool `json:"-"`

	// FoldRelated is set by the golangci-lint plugin, not by users: each
	// finding's Related positions are written into its message, and the
	// findings of one line become one diagnostic, since golangci-lint
	// turns each Related position into an issue of its own and keeps one
	// issue per line.
	FoldRelated bool `json:"-"`
}

// settings is a Config validated and resolved once, at start-up.
type settings struct {
	policy  *policy.Policy
	enabled map[string]bool
	clients []string
	fold    bool       // see Config.FoldRelated
	explain *explainer // nil unless Config.Explain or ExplainSite
}

func (s *settings) isEnabled(rule string) bool { return s.enabled[rule] }

// resolve validates a Config. Errors name the setting and the problem.
func resolve(c Config) (*settings, error) {
	s := &settings{policy: policy.Default(), clients: c.ClientPackages, fold: c.FoldRelated}
	if c.Explain || c.ExplainSite != "" {
		x, err := newExplainer(c)
		if err != nil {
			return nil, err
		}
		s.explain = x
	}
	switch {
	case len(c.PolicyData) > 0:
		name := c.Policy
		if name == "" {
			name = "embedded policy"
		}
		p, err := policy.Parse(name, c.PolicyData, policy.Default())
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		s.policy = p
	case c.Policy != "":
		p, err := policy.Load(c.Policy)
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		s.policy = p
	}
	enabled, err := parseRules(c.Rules)
	if err != nil {
		return nil, err
	}
	s.enabled = enabled
	if err := checkClientPackages(c.ClientPackages); err != nil {
		return nil, err
	}
	return s, nil
}

// checkClientPackages validates a client-packages list.
func checkClientPackages(list []string) error {
	for _, p := range list {
		if strings.TrimSpace(p) == "" || strings.ContainsAny(p, " \t,") {
			return fmt.Errorf("client-packages: %q is not an import path", p)
		}
	}
	return nil
}

// parseRules turns a rules setting into the set of enabled rules.
func parseRules(list []string) (map[string]bool, error) {
	enabled := map[string]bool{}
	positive := false
	for _, r := range list {
		if !strings.HasPrefix(r, "-") {
			positive = true
		}
	}
	if !positive {
		for _, r := range Rules {
			enabled[r] = true
		}
	}
	for _, r := range list {
		id, off := strings.CutPrefix(strings.TrimSpace(r), "-")
		if !isRule(id) {
			return nil, fmt.Errorf("rules: unknown rule %q (want %s)", id, strings.Join(Rules, ", "))
		}
		enabled[id] = !off
	}
	return enabled, nil
}

func isRule(id string) bool {
	for _, r := range Rules {
		if r == id {
			return true
		}
	}
	return false
}

// listFlag is a comma-separated list flag.
type listFlag struct {
	target *[]string
	check  func([]string) error
}

func (f listFlag) String() string {
	if f.target == nil {
		return ""
	}
	return strings.Join(*f.target, ",")
}

func (f listFlag) Set(v string) error {
	var items []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	if f.check != nil {
		if err := f.check(items); err != nil {
			return err
		}
	}
	*f.target = items
	return nil
}

// policyFlag checks a policy file as soon as the flag is set.
type policyFlag struct{ target *string }

func (f policyFlag) String() string {
	if f.target == nil {
		return ""
	}
	return *f.target
}

func (f policyFlag) Set(v string) error {
	if v != "" {
		if _, err := policy.Load(v); err != nil {
			return err
		}
	}
	*f.target = v
	return nil
}

// bindFlags registers c's fields on fs.
func (c *Config) bindFlags(fs *flag.FlagSet) {
	fs.Var(policyFlag{&c.Policy}, "policy", "policy file (YAML or JSON) that adds to or replaces the default policy")
	fs.Var(listFlag{&c.Rules, func(l []string) error { _, err := parseRules(l); return err }}, "rules",
		"comma-separated rule IDs to run, or -ID to leave one out (rules: "+strings.Join(sortedRules(), ", ")+")")
	fs.Var(listFlag{&c.ClientPackages, checkClientPackages}, "client-packages",
		"comma-separated import paths whose calls are API attempts (path/... for a tree)")
	fs.BoolVar(&c.Explain, "explain", false, "print every retry site's outcome table (JSON lines with -json)")
	fs.Var(explainSiteFlag{&c.ExplainSite}, "explain-site", "print the outcome tables of the sites at file.go:LINE or in a function (Name, Type.Name)")
}

// explainSiteFlag is the -explain-site flag, validated when set.
type explainSiteFlag struct{ p *string }

func (f explainSiteFlag) String() string {
	if f.p == nil {
		return ""
	}
	return *f.p
}

func (f explainSiteFlag) Set(v string) error {
	if _, err := parseSiteFilter(v); err != nil {
		return err
	}
	*f.p = v
	return nil
}

func sortedRules() []string {
	r := append([]string(nil), Rules...)
	sort.Strings(r)
	return r
}
