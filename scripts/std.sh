#!/usr/bin/env bash
# std.sh runs retrylint standalone over the standard library and fails if
# the run panics or an analysis fails. Findings are allowed: exit status 3
# means retrylint reported something, and the findings are printed.
#
# Usage: scripts/std.sh [retrylint flags...]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && go build -buildvcs=false -o "$work/retrylint" ./cmd/retrylint)

rc=0
# Run outside any module so that only the standard library is loaded.
(cd "$work" && GOWORK=off ./retrylint "$@" std) >"$work/out" 2>&1 || rc=$?

fail=0
if grep -Eq 'panic: |fatal error: |^goroutine [0-9]+ \[' "$work/out"; then
	echo "std.sh: retrylint panicked" >&2
	fail=1
fi
# An analysis error is printed as "retrylint: <error>"; the checker also
# names skipped packages and internal errors.
if grep -Eq '^retrylint: |analysis skipped|internal error|^error: ' "$work/out"; then
	echo "std.sh: an analysis failed" >&2
	fail=1
fi
case $rc in
0 | 3) ;;
*)
	echo "std.sh: retrylint exited $rc (want 0, or 3 for findings)" >&2
	fail=1
	;;
esac

findings=$(grep -Ec '^[^[:space:]].*:[0-9]+:[0-9]+: [^[:space:]]' "$work/out" || true)
if ((fail)); then
	cat "$work/out" >&2
	exit 1
fi
cat "$work/out"
echo "std.sh: retrylint std: exit $rc, $findings finding(s), no panic, no analysis error"
