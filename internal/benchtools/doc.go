// Package benchtools holds the baselines of the benchmark script
// (scripts/bench.sh): commands that run an analyzer which does nothing, in
// the same drivers as retrylint, so that the script can time the whole
// process of retrylint against the cost of the driver alone.
//
//   - noop requires inspect.Analyzer, as most analyzers do, and reports
//     nothing.
//   - noopfacts does the same and declares one fact type, which makes the
//     standalone driver load every dependency from source.
//   - barefacts declares one fact type and requires nothing: the floor of
//     the driver and the loading (retrylint builds an inspector only for
//     the packages that can hold a finding).
//   - phase loads packages once and times the analysis phase alone,
//     retrylint against noopfacts (both defined in package baseline).
package benchtools
