#!/usr/bin/env bash
# Runs conclint over the bench corpus (five pinned concurrency-heavy modules,
# analysed by package path from bench/corpus): it must exit 0 or 3, with no
# panic and no internal error. Modules come from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${CONCLINT_BIN:-$ROOT/conclint}
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/conclint
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cd bench/corpus
t0=$(date +%s)
go mod download
mapfile -t PKGS < <(bash packages.sh)
echo "corpus: ${#PKGS[@]} packages (modules downloaded in $(( $(date +%s) - t0 ))s)"
set +e
"$BIN" "${PKGS[@]}" >"$OUT/corpus.txt" 2>&1
rc=$?
set -e
echo "conclint on the corpus: exit $rc, $(grep -c '^/.*\.go:[0-9]*:[0-9]*: [^	]' "$OUT/corpus.txt" || true) findings"
if grep -n -E 'panic:|internal error|goroutine [0-9]+ \[running\]' "$OUT/corpus.txt"; then
	echo "conclint crashed on the corpus"; exit 1
fi
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { tail -40 "$OUT/corpus.txt"; exit 1; }
