package analyzer

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// output is what stands between the rules and the driver for one package:
// it reports each diagnostic once (a decision function wired into several
// clients is one finding per rule, not one per client), drops those a
// //retrylint:ignore directive accepts, reports the directives that are
// wrong or stale, and for golangci-lint folds each finding to one issue.
type output struct {
	orig  *analysis.Pass
	s     *settings
	ds    *directives
	seen  map[diagKey]bool
	held  []analysis.Diagnostic // with fold: reported at flush
	wrapd analysis.Pass
}

type diagKey struct {
	pos      int
	category string
	message  string
}

func newOutput(pass *analysis.Pass, s *settings) *output {
	o := &output{orig: pass, s: s, ds: parseDirectives(pass), seen: map[diagKey]bool{}}
	o.wrapd = *pass
	o.wrapd.Report = o.report
	return o
}

// pass returns the pass the rules report through.
func (o *output) pass() *analysis.Pass { return &o.wrapd }

func (o *output) report(d analysis.Diagnostic) {
	k := diagKey{int(d.Pos), d.Category, d.Message}
	if o.seen[k] || o.ds.silences(d) {
		return
	}
	o.seen[k] = true
	if o.s.fold {
		o.held = append(o.held, d)
		return
	}
	o.orig.Report(d)
}

// flush reports the directives' findings and, with fold, the held
// findings merged one per line.
func (o *output) flush() {
	o.ds.reportDirectives(o.emit, o.s.isEnabled)
	if !o.s.fold {
		return
	}
	type lineKey struct {
		file string
		line int
	}
	var order []lineKey
	byLine := map[lineKey]*analysis.Diagnostic{}
	for _, d := range o.held {
		p := o.orig.Fset.Position(d.Pos)
		k := lineKey{p.Filename, p.Line}
		msg := d.Message + o.relatedText(d)
		if m, ok := byLine[k]; ok {
			m.Message += "; also " + msg
			continue
		}
		d.Message, d.Related = msg, nil
		byLine[k] = &d
		order = append(order, k)
	}
	for _, k := range order {
		o.orig.Report(*byLine[k])
	}
}

// emit reports a diagnostic of the directives, held with the rest under
// fold so that it keeps its own line.
func (o *output) emit(d analysis.Diagnostic) {
	if o.s.fold {
		o.held = append(o.held, d)
		return
	}
	o.orig.Report(d)
}

// relatedText renders Related as text for a driver that shows each
// Related position as an issue of its own:
// " (the failing attempt: client.go:40)".
func (o *output) relatedText(d analysis.Diagnostic) string {
	if len(d.Related) == 0 {
		return ""
	}
	var parts []string
	for _, r := range d.Related {
		p := o.orig.Fset.Position(r.Pos)
		parts = append(parts, fmt.Sprintf("%s: %s:%d", r.Message, filepath.Base(p.Filename), p.Line))
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
