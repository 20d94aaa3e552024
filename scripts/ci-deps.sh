#!/usr/bin/env bash
# ci-deps.sh fetches what the tests need beyond our own go.mod, so that
# `go test ./...` runs without waiting on downloads or builds:
#
#   - the modules of examples/analysistest, a module of its own whose test
#     (analyzer/example_module_test.go) runs `go test` inside it;
#   - golangci-lint with the retrylint plugin, which the plugin integration
#     test builds with scripts/build-golangci.sh and which is cached under
#     ${RETRYLINT_CACHE:-$HOME/.cache/retrylint}; a cold build takes a few
#     minutes, so doing it here keeps it out of go test's time limit.
#
# Run from anywhere; it works on the checkout that holds it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
export GOWORK=off

log() { printf 'ci-deps: %s\n' "$*" >&2; }

log "go mod download (main module)"
(cd "$root" && go mod download)

log "go mod download (examples/analysistest)"
(cd "$root/examples/analysistest" && go mod download)

log "golangci-lint with the plugin"
"$root/scripts/build-golangci.sh" >/dev/null
