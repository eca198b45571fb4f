#!/usr/bin/env bash
# bench/triage/run.sh [-update] [-check]: run conclint on the corpus module
# (bench/corpus) with -json, and compare its findings with the triage files
# bench/triage/NAME.md: prints NEW (not triaged), GONE (no longer reported)
# and CHANGED (message differs) findings and each analyzer's precision.
#
#	-update  rewrite the triage files: new findings are added as "todo" rows
#	         to classify by hand, gone ones are dropped; refresh SUMMARY.md
#	-check   exit 1 when anything is new, gone, changed or still todo
#	-only NAME,...  compare and update only these analyzers
#
# The raw JSON and conclint's stderr are kept in bench/out/triage/.
set -euo pipefail
triage=$(cd "$(dirname "$0")" && pwd)
bench=$(dirname "$triage")
root=$(dirname "$bench")
out=$bench/out/triage
mkdir -p "$out" "$bench/out/bin"

(cd "$root" && go build -o "$bench/out/bin/conclint" ./cmd/conclint)
(cd "$bench" && go build -o "$bench/out/bin/triage" ./cmd/triage)
(cd "$bench/corpus" && go mod download)
mapfile -t pkgs < <("$bench/corpus/packages.sh")

echo "triage: conclint -json on ${#pkgs[@]} corpus packages" >&2
set +e
(cd "$bench/corpus" && "$bench/out/bin/conclint" -json "${pkgs[@]}" >"$out/findings.json" 2>"$out/stderr.txt")
rc=$?
set -e
if [[ $rc != 0 ]] || grep -qE '^panic: |internal error' "$out/stderr.txt"; then
	echo "triage: conclint exited $rc; see bench/out/triage/stderr.txt:" >&2
	head -20 "$out/stderr.txt" >&2
	exit 1
fi
# conclint -json omits analyzers without findings: name them all.
names=$("$bench/out/bin/conclint" help 2>&1 | awk '/^Registered analyzers:/{on=1; next} on && /^    [a-z]/{print $1} on && /^[^ ]/{on=0}' | paste -sd, -)
"$bench/out/bin/triage" -json "$out/findings.json" -dir "$triage" -modcache "$(go env GOMODCACHE)" -analyzers "$names" "$@"
