#!/usr/bin/env bash
# Prints the package paths of the benchmark corpus, one a line: every package
# of the modules that go.mod requires directly (the pinned five) that
# corpus.go imports, directly or not. Downloads the modules if needed.
set -euo pipefail
cd "$(dirname "$0")"
go list -deps -f '{{with .Module}}{{if and (not .Main) (not .Indirect)}}{{$.ImportPath}}{{end}}{{end}}' . | grep .
