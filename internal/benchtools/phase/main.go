// Command phase times the analysis phase alone: it loads the packages of
// its patterns once, with their tests and every dependency from source (as
// the standalone driver does for an analyzer with facts), then runs
// retrylint and the fact-declaring no-ops over them in turns (noopfacts,
// which requires the inspect pass, and barefacts, which requires nothing),
// and prints the median CPU and wall time of each and what retrylint adds
// to each. The whole
// process, loading included, is what scripts/bench.sh times; this is the
// part retrylint adds to it, without the noise of loading.
//
// Usage: phase [-runs N] [-dir DIR] PATTERN...
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/internal/benchtools/baseline"
)

func main() {
	runs := flag.Int("runs", 5, "timed runs of each analyzer")
	dir := flag.String("dir", ".", "directory to load the patterns in")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: phase [-runs N] [-dir DIR] PATTERN...")
		os.Exit(2)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: *dir, Tests: true}
	pkgs, err := packages.Load(cfg, flag.Args()...)
	if err != nil {
		log.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		log.Fatal("the packages do not load cleanly")
	}
	tools := []*analysis.Analyzer{analyzer.Analyzer, baseline.NoopFacts, baseline.BareFacts}
	cpu := map[string][]time.Duration{}
	wall := map[string][]time.Duration{}
	for i := 0; i <= *runs; i++ { // run 0 warms up and is not counted
		for _, a := range tools {
			c, w := timed(a, pkgs)
			if i > 0 {
				cpu[a.Name] = append(cpu[a.Name], c)
				wall[a.Name] = append(wall[a.Name], w)
			}
		}
	}
	fmt.Printf("%-19s  %9s  %9s\n", "analyzer", "cpu", "wall")
	for _, a := range tools {
		fmt.Printf("%-19s  %8.3fs  %8.3fs\n", a.Name, median(cpu[a.Name]).Seconds(), median(wall[a.Name]).Seconds())
	}
	r := tools[0].Name
	for _, b := range tools[1:] {
		fmt.Printf("%-19s  %8.3fs  %8.3fs\n", "added to "+b.Name, (median(cpu[r]) - median(cpu[b.Name])).Seconds(), (median(wall[r]) - median(wall[b.Name])).Seconds())
	}
	fmt.Printf("(medians of %d alternating runs of the analysis phase over %d packages)\n", *runs, len(pkgs))
}

// timed runs one analyzer over the packages and returns the process CPU
// time and the wall time it took, after a collection that keeps the
// previous run's garbage out of it.
func timed(a *analysis.Analyzer, pkgs []*packages.Package) (cpu, wall time.Duration) {
	runtime.GC()
	c0 := cpuTime()
	t0 := time.Now()
	if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
		log.Fatalf("%s: %v", a.Name, err)
	}
	return cpuTime() - c0, time.Since(t0)
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		log.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// median returns the median of durations.
func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
