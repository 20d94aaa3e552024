#!/usr/bin/env bash
# realcode.sh is the whole-module check: it builds retrylint and runs it
# over ./... (or the listed patterns) of the published modules in
# testdata/realcode/modules.txt, fetched from the module proxy at their
# pinned versions, and fails on any finding that is not judged there, or
# on an expected finding that is no longer reported.
#
#   scripts/realcode.sh                 every module of the list
#   scripts/realcode.sh -only MODULE    one module
#
# The first run downloads the modules and their requirements (a few GiB
# for the largest); later runs reuse the module cache.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
cd "$root"
go build -o "$bin/retrylint" ./cmd/retrylint
go run ./internal/realcode -tool "$bin/retrylint" -list testdata/realcode/modules.txt "$@"
