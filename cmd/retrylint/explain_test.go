package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestExplainDrivers runs -explain standalone and under go vet on the
// vetdemo module: both print the same tables (standalone on standard
// output; go vet reads its tool's standard output as findings, so there
// they go to standard error).
func TestExplainDrivers(t *testing.T) {
	bin := tool(t)
	standalone := run(t, vetdemo, bin, "-explain", "./...")
	vet := run(t, vetdemo, "go", "vet", "-vettool="+bin, "-explain", "./...")
	checkNoCrash(t, standalone.stdout+standalone.stderr)
	checkNoCrash(t, vet.stdout+vet.stderr)
	got, want := tables(vet.stderr), tables(standalone.stdout)
	if len(want) == 0 {
		t.Fatalf("standalone -explain printed no table\n%s", standalone)
	}
	if !slices.Equal(got, want) {
		t.Errorf("go vet -explain and standalone -explain differ\ngo vet:\n%s\nstandalone:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// -json: standalone prints each table as a JSON line before its
	// findings' document
	js := run(t, vetdemo, bin, "-explain", "-json", "./...")
	if !strings.HasPrefix(js.stdout, `{"explain":{"posn":`) {
		t.Errorf("-explain -json does not start with a JSON table\n%s", js)
	}
}

// tableStart is the first line of a table: "file.go:L:C: KIND in FUNC".
var tableStart = regexp.MustCompile(`^\S+\.go:\d+:\d+: .+ in .+$`)

// tables cuts the -explain tables out of an output, sorted.
func tables(out string) []string {
	var list []string
	var cur []string
	for _, line := range strings.Split(out, "\n") {
		switch {
		case tableStart.MatchString(line) && !strings.Contains(line, "retry of"):
			cur = []string{line}
		case cur != nil && line == "":
			list = append(list, strings.Join(cur, "\n"))
			cur = nil
		case cur != nil:
			cur = append(cur, line)
		}
	}
	slices.Sort(list)
	return list
}
