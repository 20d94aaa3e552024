#!/usr/bin/env bash
# build-golangci.sh builds golangci-lint with the retrylint module plugin
# compiled in, from the Go module proxy (or the module cache) instead of the
# git clone that `golangci-lint custom` makes, and prints the binary's path.
#
# It makes the same binary as `golangci-lint custom` with .custom-gcl.yml:
# golangci-lint's own module, a blank import of
# github.com/retrylint/retrylint/plugin in its main package, and a replace
# directive that points our module at this checkout.
#
# Usage:
#   scripts/build-golangci.sh            # prints the path of the binary
#   "$(scripts/build-golangci.sh)" run ./...
#
# The binary is cached in ${RETRYLINT_CACHE:-$HOME/.cache/retrylint}, keyed
# by a hash of the inputs: the golangci-lint version, the Go toolchain, this
# script, our go.mod and go.sum, and every non-test file of our packages
# (testdata, examples and nested modules excluded). A cold build takes a few
# minutes; with the binary cached the script only hashes. Progress goes to
# standard error, the path alone to standard output.
#
# Offline use: the build needs golangci-lint and its dependencies in the Go
# module cache. Run the script once while the module proxy is reachable;
# later builds, after changes to our code too, fetch nothing (GOPROXY=off
# makes sure of that).
#
# Environment:
#   GOLANGCI_LINT_VERSION  golangci-lint version (default v2.15.0; it must
#                          require the x/tools and plugin-module-register
#                          versions that our go.mod requires)
#   RETRYLINT_CACHE        cache directory
set -euo pipefail

version=${GOLANGCI_LINT_VERSION:-v2.15.0}
module=github.com/golangci/golangci-lint/v2
ours=github.com/retrylint/retrylint

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cache=${RETRYLINT_CACHE:-${HOME:?HOME or RETRYLINT_CACHE must be set}/.cache/retrylint}
script="$root/scripts/build-golangci.sh"

log() { printf 'build-golangci: %s\n' "$*" >&2; }

# sha256 is GNU coreutils' sha256sum, or macOS's shasum.
if command -v sha256sum >/dev/null; then
	sha256=(sha256sum)
else
	sha256=(shasum -a 256)
fi

case "${1:-}" in
-h | --help)
	sed -n '2,/^set -euo/p' "$script" | sed '$d; s/^# \{0,1\}//'
	exit 0
	;;
"") ;;
*)
	log "unexpected argument $1 (try -h)"
	exit 2
	;;
esac

# sources lists, sorted, the files of our module whose content goes into the
# binary: go.mod, go.sum, and every file of our package directories except
# tests, testdata, examples and nested modules.
sources() {
	(
		cd "$root"
		nested=()
		while IFS= read -r m; do
			nested+=(-o -path "$(dirname "$m")")
		done < <(find . -mindepth 2 -name go.mod -not -path './.git/*')
		printf '%s\n' ./go.mod ./go.sum
		find . \( -path '*/.*' -o -name testdata -o -name examples -o -path ./scripts ${nested[@]+"${nested[@]}"} \) -prune -o \
			-type f -path './*/*' -not -name '*_test.go' -not -name '*.test' -not -name '*.out' -print
	) | LC_ALL=C sort
}

inputs_hash() {
	{
		printf 'golangci-lint %s\n' "$version"
		go env GOVERSION GOOS GOARCH
		"${sha256[@]}" <"$script"
		(cd "$root" && sources | tr '\n' '\0' | xargs -0 "${sha256[@]}")
	} | "${sha256[@]}" | cut -c1-16
}

hash=$(inputs_hash)
dir="$cache/golangci-$hash"
bin="$dir/golangci-lint"

if [ -x "$bin" ]; then
	touch "$dir"
	log "cached: $bin"
	printf '%s\n' "$bin"
	exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/retrylint-golangci.XXXXXX")
tmp=""
cleanup() {
	chmod -R u+w "$work" 2>/dev/null || true
	rm -rf "$work"
	if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT

export GOWORK=off

log "downloading $module@$version"
json=$(cd "$work" && go mod download -json "$module@$version")
src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$src" ] || [ ! -d "$src" ]; then
	printf '%s\n' "$json" >&2
	log "go mod download did not give the module's directory"
	exit 1
fi

tree="$work/golangci-lint"
cp -R "$src" "$tree"
chmod -R u+w "$tree"

cat >"$tree/cmd/golangci-lint/plugin_retrylint.go" <<EOF
package main

// The retrylint module plugin, as golangci-lint custom would add it.
import _ "$ours/plugin"
EOF

cd "$tree"
log "adding $ours (replaced by $root)"
go mod edit -require="$ours@v0.0.0" -replace="$ours=$root"
log "go mod tidy"
go mod tidy
log "go build (a cold build takes a few minutes)"
tmp="$dir.tmp.$$"
mkdir -p "$tmp"
go build -trimpath \
	-ldflags "-s -w -X 'main.version=${version#v}-retrylint' -X 'main.commit=$hash' -X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
	-o "$tmp/golangci-lint" ./cmd/golangci-lint
# A concurrent run may have finished the same build first; then ours goes.
if [ ! -e "$dir" ]; then
	mv "$tmp" "$dir"
fi

# Drop builds that have not been used for a month.
find "$cache" -mindepth 1 -maxdepth 1 -name 'golangci-*' -mtime +30 -exec rm -rf {} + 2>/dev/null || true

log "built: $bin"
printf '%s\n' "$bin"
