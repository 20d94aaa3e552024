#!/usr/bin/env bash
# bench.sh times the whole retrylint process against analyzers that do
# nothing, run by the same driver over the same packages, and prints the
# ratio of the medians.
#
# Drivers:
#   standalone  the singlechecker command: retrylint PATTERN
#   vet         go vet -vettool=TOOL PATTERN, with a warm build cache but no
#               cached vet results: every timed run uses a tool binary with
#               a fresh build ID (linked with -X main.nonce=N), so go vet
#               reuses compiled dependencies and reruns every vet action.
#   phase       the analysis phase alone (internal/benchtools/phase): the
#               packages are loaded once, then retrylint, noopfacts and
#               barefacts run over them in turns; it prints CPU and wall
#               medians and what retrylint adds to each baseline. Far less
#               noisy than whole-process times, it says where a change
#               moves the cost; it is not the acceptance measure.
# Baselines (internal/benchtools):
#   noop        requires inspect.Analyzer, does nothing
#   noopfacts   the same, and declares one fact type (the standalone driver
#               then loads every dependency from source)
#   barefacts   declares one fact type and requires nothing, not even the
#               inspect pass (retrylint builds an inspector only for the
#               packages its gate lets through): the driver and the loading
# Targets:
#   std         the standard library
#   xtools      ./... of the golang.org/x/tools module at XTOOLS_VERSION,
#               fetched with go mod download
#   sdks        code dense in retries: the packages of published SDKs and
#               retry clients of the whole-module check (SDK_MODULES), in a
#               scratch module that requires them
#
# Settings (environment):
#   RUNS=5                       timed runs per tool; the tools alternate,
#                                in turned order every other round
#   TARGETS="std xtools"
#   DRIVERS="standalone vet"      (phase: the analysis phase alone)
#   BASELINES="noop noopfacts"   baselines of the standalone driver
#   VET_BASELINES="noop noopfacts"  baselines of the vet driver
#   XTOOLS_VERSION=v0.52.0
#
# Acceptance targets (the script only measures): every ratio against
# noopfacts <= 1.05; go vet against noop <= 1.10. Single runs spread by 10 %
# or more on a shared machine: RUNS=15 narrows the medians.
#
# The script exits non-zero only when a build or a run fails, never on a
# ratio.
set -euo pipefail

RUNS=${RUNS:-5}
TARGETS=${TARGETS:-std xtools}
DRIVERS=${DRIVERS:-standalone vet}
BASELINES=${BASELINES:-noop noopfacts}
VET_BASELINES=${VET_BASELINES:-noop noopfacts}
SDK_MODULES=${SDK_MODULES:-github.com/cloudflare/cloudflare-go@v0.119.0 github.com/slack-go/slack@v0.35.0 github.com/digitalocean/godo@v1.237.0 github.com/olivere/elastic/v7@v7.0.32 github.com/hashicorp/go-retryablehttp@v0.7.8 github.com/go-resty/resty/v2@v2.16.5 github.com/bwmarrin/discordgo@v0.29.0}
XTOOLS_VERSION=${XTOOLS_VERSION:-v0.52.0}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

die() {
	echo "bench.sh: $*" >&2
	exit 1
}

case $RUNS in
'' | *[!0-9]* | 0) die "RUNS must be a positive integer, not '$RUNS'" ;;
esac

# pkgdir prints the package directory of a tool.
pkgdir() {
	case $1 in
	retrylint) echo ./cmd/retrylint ;;
	noop | noopfacts | barefacts | phase) echo ./internal/benchtools/"$1" ;;
	*) die "unknown tool $1" ;;
	esac
}

# build TOOL OUT [NONCE] links TOOL into OUT; a nonce gives the binary a
# build ID of its own.
build() {
	local flags=()
	if [[ -n ${3:-} ]]; then
		flags=(-ldflags="-X main.nonce=$3")
	fi
	(cd "$root" && go build -buildvcs=false "${flags[@]}" -o "$2" "$(pkgdir "$1")") ||
		die "go build of $1 failed"
}

# target DIR PATTERN: where to run and what to analyze.
target() {
	case $1 in
	std)
		mkdir -p "$work/std"
		echo "$work/std std"
		;;
	xtools)
		local dir
		dir=$(cd "$work" && go mod download -json "golang.org/x/tools@$XTOOLS_VERSION" |
			sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
		[[ -n $dir && -d $dir ]] || die "go mod download golang.org/x/tools@$XTOOLS_VERSION printed no Dir"
		(cd "$dir" && GOWORK=off GOFLAGS=-mod=readonly go mod download) ||
			die "go mod download in x/tools failed"
		echo "$dir ./..."
		;;
	sdks)
		local dir=$work/sdks patterns=() m
		mkdir -p "$dir"
		(cd "$dir" && printf 'module benchsdks\n\ngo 1.26.0\n' >go.mod) || die "sdks: go.mod"
		for m in $SDK_MODULES; do
			# -t: the test variants' requirements too (go vet checks them)
			(cd "$dir" && GOWORK=off GOFLAGS=-mod=mod go get -t "${m%@*}/...@${m#*@}" >/dev/null 2>&1) ||
				die "sdks: go get -t $m failed"
			patterns+=("${m%@*}/...")
		done
		# the scratch module imports nothing: keep every requirement
		(cd "$dir" && GOWORK=off GOFLAGS=-mod=mod go list -test "${patterns[@]}" >/dev/null) || die "sdks: go list failed"
		echo "$dir ${patterns[*]}"
		;;
	*) die "unknown target $1 (want std, xtools or sdks)" ;;
	esac
}

# crashed LOG reports whether a log shows a panic or a failed analysis.
crashed() {
	grep -Eq 'panic: |fatal error: |^goroutine [0-9]+ \[|analysis skipped|internal error|^(retrylint|noop|noopfacts|barefacts): ' "$1"
}

# timed DRIVER TOOL BIN DIR PATTERN runs one analysis and prints its wall
# time in seconds. Findings are fine (retrylint may report), failures are
# not.
timed() {
	local driver=$1 tool=$2 bin=$3 dir=$4 pattern=$5
	local log="$work/log" start end rc=0
	start=$EPOCHREALTIME
	if [[ $driver == standalone ]]; then
		# shellcheck disable=SC2086 # the pattern is a word list
		(cd "$dir" && GOWORK=off "$bin" $pattern) >"$log" 2>&1 || rc=$?
	else
		# shellcheck disable=SC2086
		(cd "$dir" && GOWORK=off go vet -vettool="$bin" $pattern) >"$log" 2>&1 || rc=$?
	fi
	end=$EPOCHREALTIME
	# Exit codes: standalone 0 clean, 3 findings, 1 error; go vet 0 clean,
	# 1 findings or error. Only retrylint may report findings.
	local ok=0
	case $driver/$tool/$rc in
	*/*/0 | standalone/retrylint/3 | vet/retrylint/1) ok=1 ;;
	esac
	if ((!ok)) || crashed "$log"; then
		tail -n 50 "$log" >&2
		die "$driver run of $tool on $pattern in $dir failed (exit $rc)"
	fi
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}

# median prints the median of its arguments.
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]
		else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# tool_bin DRIVER TOOL ROUND prints the binary for one run: the one shared
# build for standalone, a freshly linked one for vet.
tool_bin() {
	if [[ $1 == standalone ]]; then
		echo "$work/bin/$2"
	else
		# A directory per run keeps the binary's name, which go vet and
		# the tool's log messages use.
		local out="$work/vetbin/$3/$2"
		build "$2" "$out" "$$-$3-$RANDOM"
		echo "$out"
	fi
}

echo "go: $(go version)" >&2
mkdir -p "$work/bin" "$work/vetbin"
for t in retrylint noop noopfacts barefacts phase; do
	build "$t" "$work/bin/$t"
done

rows=()
phases=()
for driver in $DRIVERS; do
	case $driver in
	standalone) baselines=$BASELINES ;;
	vet) baselines=$VET_BASELINES ;;
	phase)
		for tgt in $TARGETS; do
			spec=$(target "$tgt")
			read -r dir pattern <<<"$spec"
			# shellcheck disable=SC2086 # the pattern is a word list
			(cd "$dir" && GOWORK=off "$work/bin/phase" -runs "$RUNS" $pattern) >"$work/phase-$tgt" 2>&1 ||
				{ tail -n 50 "$work/phase-$tgt" >&2; die "phase run on $tgt failed"; }
			phases+=("$tgt")
		done
		continue
		;;
	*) die "unknown driver $driver (want standalone, vet or phase)" ;;
	esac
	tools=(retrylint $baselines)
	for tgt in $TARGETS; do
		spec=$(target "$tgt")
		read -r dir pattern <<<"$spec"
		# One untimed run per tool warms the build cache and the page cache.
		for t in "${tools[@]}"; do
			bin=$(tool_bin "$driver" "$t" warm)
			timed "$driver" "$t" "$bin" "$dir" "$pattern" >/dev/null
		done
		declare -A times=()
		for ((i = 1; i <= RUNS; i++)); do
			# the order turns every round (A B, B A, ...): a machine that
			# speeds up or slows down during the runs does not favour the
			# tool that runs first
			order=("${tools[@]}")
			if ((i % 2 == 0)); then
				order=()
				for ((k = ${#tools[@]} - 1; k >= 0; k--)); do
					order+=("${tools[k]}")
				done
			fi
			for t in "${order[@]}"; do
				bin=$(tool_bin "$driver" "$t" "$i")
				s=$(timed "$driver" "$t" "$bin" "$dir" "$pattern")
				times[$t]="${times[$t]:-} $s"
				echo "$driver $tgt run $i: $t ${s}s" >&2
			done
			rm -rf "${work:?}"/vetbin/*
		done
		# shellcheck disable=SC2086 # the times are a word list
		r=$(median ${times[retrylint]})
		for b in $baselines; do
			# shellcheck disable=SC2086
			n=$(median ${times[$b]})
			ratio=$(awk -v r="$r" -v n="$n" 'BEGIN { printf "%.2f", r / n }')
			# the median of the rounds' own ratios, beside the ratio of
			# the medians: one slow round moves it less
			# shellcheck disable=SC2086
			paired=$(median $(paste -d' ' <(printf '%s\n' ${times[retrylint]}) <(printf '%s\n' ${times[$b]}) |
				awk '{ printf "%.4f\n", $1 / $2 }'))
			rows+=("$driver $tgt $b $r $n $ratio $paired")
		done
		unset times
	done
done

if ((${#rows[@]})); then
	printf '\n%-10s  %-7s  %-9s  %9s  %9s  %5s  %6s\n' driver target baseline retrylint baseline ratio paired
	for row in "${rows[@]}"; do
		# shellcheck disable=SC2086 # the row is a word list
		printf '%-10s  %-7s  %-9s  %8ss  %8ss  %5s  %6s\n' $row
	done
	echo "(medians of $RUNS alternating runs, wall seconds of the whole process; ratio: of the"
	echo " medians; paired: the median of each round's retrylint time over its baseline time)"
fi
for tgt in "${phases[@]}"; do
	printf '\nanalysis phase, %s\n' "$tgt"
	cat "$work/phase-$tgt"
done
