package analyzer

import (
	"encoding/json"
	"flag"
	"fmt"
	gobuild "go/build"
	"go/format"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// explainer prints outcome tables for -explain and -explain-site. Packages
// are analysed concurrently, so each package's tables are written as one
// block.
type explainer struct {
	mu     sync.Mutex
	w      io.Writer
	json   bool
	filter siteFilter
}

// siteFilter is what -explain-site selects: a file and line, or a
// function name; zero selects every site.
type siteFilter struct {
	file string
	line int
	fn   string
}

func parseSiteFilter(v string) (siteFilter, error) {
	if v == "" {
		return siteFilter{}, nil
	}
	if file, line, ok := strings.Cut(v, ":"); ok && strings.HasSuffix(file, ".go") {
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 {
			return siteFilter{}, fmt.Errorf("explain-site: %q: want file.go:LINE or a function name", v)
		}
		return siteFilter{file: filepath.Base(file), line: n}, nil
	}
	if strings.ContainsAny(v, " \t/:") {
		return siteFilter{}, fmt.Errorf("explain-site: %q: want file.go:LINE or a function name", v)
	}
	return siteFilter{fn: v}, nil
}

func newExplainer(c Config) (*explainer, error) {
	f, err := parseSiteFilter(c.ExplainSite)
	if err != nil {
		return nil, err
	}
	x := &explainer{w: c.ExplainTo, json: c.ExplainJSON, filter: f}
	switch {
	case x.w != nil:
	case underGoVet():
		// go vet reads the tool's standard output as its findings: the
		// tables go to standard error, as text
		x.w = os.Stderr
		return x, nil
	default:
		x.w = os.Stdout
	}
	if fl := flag.Lookup("json"); fl != nil && fl.Value.String() == "true" {
		x.json = true // the command's -json
	}
	return x, nil
}

// underGoVet reports whether the command runs as go vet's tool: go vet
// hands it one package at a time in a .cfg file.
func underGoVet() bool {
	return len(os.Args) > 1 && strings.HasSuffix(os.Args[len(os.Args)-1], ".cfg")
}

// selects reports whether the filter selects a site.
func (f siteFilter) selects(fset *token.FileSet, st *site.Site) bool {
	switch {
	case f.file != "":
		start, end := fset.Position(st.Pos), fset.Position(st.End)
		return filepath.Base(start.Filename) == f.file && start.Line <= f.line && f.line <= end.Line
	case f.fn != "":
		name := strings.TrimSuffix(st.Func, " (func literal)")
		plain := strings.NewReplacer("(", "", ")", "", "*", "").Replace(name)
		short := plain[strings.LastIndex(plain, ".")+1:]
		return f.fn == name || f.fn == plain || f.fn == short
	}
	return true
}

// explainedSite is one site as -explain -json prints it.
type explainedSite struct {
	Posn    string         `json:"posn"`
	Func    string         `json:"func"`
	Kind    string         `json:"kind"`
	Attempt string         `json:"attempt"`
	Rows    []explainedRow `json:"rows"`
}

// explainedRow is one scenario of a site's table.
type explainedRow struct {
	Scenario string   `json:"scenario"`
	Code     string   `json:"code,omitempty"`
	Status   int      `json:"status,omitempty"`
	Outcome  string   `json:"outcome"`
	Why      string   `json:"why,omitempty"`
	Delay    string   `json:"delay,omitempty"`
	Refresh  string   `json:"refresh,omitempty"`
	Breaks   []string `json:"breaks,omitempty"`
}

// explain prints the tables of a package's selected sites. Packages of the
// module cache and the standard library, which drivers analyse only for
// their facts, are not explained.
func (x *explainer) explain(pass *analysis.Pass, s *settings, sites []*site.Site) {
	if len(sites) == 0 || isDependency(pass) {
		return
	}
	var out []explainedSite
	for _, st := range sites {
		if !x.filter.selects(pass.Fset, st) {
			continue
		}
		out = append(out, describe(pass, s, st))
	}
	if len(out) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.json {
		enc := json.NewEncoder(x.w)
		for _, e := range out {
			enc.Encode(struct {
				Explain explainedSite `json:"explain"`
			}{e})
		}
		return
	}
	for _, e := range out {
		fmt.Fprintf(x.w, "%s: %s in %s\n", e.Posn, e.Kind, e.Func)
		if e.Attempt != "" {
			fmt.Fprintf(x.w, "  attempt: %s\n", e.Attempt)
		}
		tw := tabwriter.NewWriter(x.w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  scenario\toutcome\tdelay\trefresh\tbreaks")
		for _, r := range e.Rows {
			outcome := r.Outcome
			if r.Why != "" {
				outcome += " (" + r.Why + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", r.Scenario, outcome, dash(r.Delay), dash(r.Refresh), dash(strings.Join(r.Breaks, ", ")))
		}
		tw.Flush()
		fmt.Fprintln(x.w)
	}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// describe turns a site into its printed form. The rules a row breaks
// are found by running the rules on that row alone, so the table says what
// the rules say.
func describe(pass *analysis.Pass, s *settings, st *site.Site) explainedSite {
	posn := pass.Fset.Position(st.Pos)
	e := explainedSite{
		Posn: fmt.Sprintf("%s:%d:%d", filepath.Base(posn.Filename), posn.Line, posn.Column),
		Func: st.Func,
		Kind: st.Kind,
	}
	if st.Attempt != nil {
		ap := pass.Fset.Position(st.Attempt.Pos())
		e.Attempt = fmt.Sprintf("%s at %s:%d", callText(pass, st), filepath.Base(ap.Filename), ap.Line)
	}
	for i := range st.Rows {
		row := st.Rows[i]
		r := explainedRow{Scenario: row.String(), Outcome: row.Outcome.String(), Why: row.Why}
		if i := strings.Index(r.Scenario, ":"); i >= 0 {
			r.Scenario = r.Scenario[:i]
		}
		if !row.Scenario.Transport && !row.Scenario.Success {
			r.Code, r.Status = row.Scenario.Code, row.Scenario.Status
		}
		if row.Outcome == site.Next {
			var delays, refresh []string
			for _, p := range row.Paths {
				d := p.Delay()
				delays = append(delays, d.Kind.String())
				switch {
				case p.Refreshed && p.StaleAuth:
					refresh = append(refresh, "refreshed, old header sent")
				case p.Refreshed:
					refresh = append(refresh, "refreshed")
				default:
					refresh = append(refresh, "no")
				}
			}
			r.Delay = strings.Join(slices.Compact(delays), "; ")
			r.Refresh = strings.Join(slices.Compact(refresh), "; ")
			r.Breaks = rowBreaks(pass, s, st, row)
		}
		e.Rows = append(e.Rows, r)
	}
	return e
}

// rowBreaks runs the enabled rules on a site that has only this row and
// returns the rules that report.
func rowBreaks(pass *analysis.Pass, s *settings, st *site.Site, row site.Row) []string {
	one := *st
	one.Rows = []site.Row{row}
	var broken []string
	p := *pass
	p.Report = func(d analysis.Diagnostic) {
		if !slices.Contains(broken, d.Category) {
			broken = append(broken, d.Category)
		}
	}
	for _, r := range rules {
		if s.isEnabled(r.id) {
			r.check(&p, s, &one)
		}
	}
	return broken
}

// callText is the attempt call as source, cut to its function.
func callText(pass *analysis.Pass, st *site.Site) string {
	var b strings.Builder
	if err := format.Node(&b, pass.Fset, st.Attempt.Fun); err != nil {
		return "call"
	}
	return b.String() + "(...)"
}

// isDependency reports whether a package lies in the module cache or in
// GOROOT: a dependency that drivers analyse only for its facts.
func isDependency(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	for _, root := range dependencyRoots() {
		if root != "" && strings.HasPrefix(name, root+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// dependencyRoots are the module cache and GOROOT.
var dependencyRoots = sync.OnceValue(func() []string {
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" {
		if gopath := filepath.SplitList(gobuild.Default.GOPATH); len(gopath) > 0 {
			modcache = filepath.Join(gopath[0], "pkg", "mod")
		}
	}
	return []string{filepath.Clean(modcache), filepath.Clean(gobuild.Default.GOROOT)}
})
