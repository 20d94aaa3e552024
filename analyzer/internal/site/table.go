package site

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"strings"
)

// String prints the outcome table, one scenario a line:
//
//	INSUFFICIENT_BALANCE (402): next attempt, constant delay
//	SESSION_NOT_FOUND (404): exit
func (s *Site) String() string {
	var b strings.Builder
	for _, row := range s.Rows {
		b.WriteString(row.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// String prints one row of an outcome table.
func (r Row) String() string {
	name := r.Scenario.Name()
	if r.Scenario.Code != "" {
		name = fmt.Sprintf("%s (%d)", r.Scenario.Code, r.Scenario.Status)
	}
	if r.Outcome != Next {
		return name + ": " + r.Outcome.String()
	}
	var parts []string
	for _, p := range r.Paths {
		desc := p.Mechanism.String() + ", " + p.Delay().Kind.String()
		if p.Refreshed {
			desc += ", token refreshed"
			if p.StaleAuth {
				desc += " but old header sent"
			}
		}
		parts = append(parts, desc)
	}
	return name + ": next attempt (" + strings.Join(dedupe(parts), "; ") + ")"
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// render prints an expression as source.
func render(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	if err := format.Node(&b, fset, e); err != nil {
		return ""
	}
	return b.String()
}
