// Package benchtools holds the baselines of the benchmark script
// (scripts/bench.sh): commands that run an analyzer which does nothing, in
// the same drivers as retrylint, so that the script can time the whole
// process of retrylint against the cost of the driver alone.
//
//   - noop requires inspect.Analyzer, like retrylint, and reports nothing.
//   - noopfacts does the same and declares one fact type, which makes the
//     standalone driver load every dependency from source.
//   - phase loads packages once and times the analysis phase alone,
//     retrylint against noopfacts (both defined in package baseline).
package benchtools
