#!/usr/bin/env bash
# End-to-end test of conclint's golangci-lint v2 module plugin, the way a
# user meets it:
#   1. build a custom golangci-lint with the real `golangci-lint custom`, from
#      this working tree, offline (recipe B of shared/golangci-offline.md: the
#      golangci-lint source comes from the Go module proxy, made into a local
#      git repository that git's insteadOf substitutes for GitHub);
#   2. check .golangci.example.yml with `golangci-lint config verify`;
#   3. run the custom binary with .golangci.example.yml on testdata/golangci
#      and check the exact findings (names, lines) against
#      testdata/golangci/expected.txt: the //nolint:NAME line must be silent;
#   4. run conclint itself on the same module: same findings, plus the
#      //nolint line that only golangci-lint honours.
# The stock and the custom binaries and the source mirror are cached under
# $CONCLINT_CI_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/conclint-ci);
# the custom binary is keyed by a hash of everything that goes into it.
set -euo pipefail
export LC_ALL=C # sort and comm agree on the order
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GCL_VERSION=v2.15.0
CACHE=${CONCLINT_CI_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/conclint-ci}
E2E=testdata/golangci
mkdir -p "$CACHE"
WORK=$(mktemp -d)
# The module's demo/ package is testdata/demo itself (one case per analyzer),
# copied in for the run so that the two never drift apart.
rm -rf "$E2E/demo"
mkdir -p "$E2E/demo"
cp testdata/demo/*.go "$E2E/demo/"
trap 'rm -rf "$WORK" "$ROOT/$E2E/demo"' EXIT
START=$(date +%s)

step() { # step NAME CMD...: run CMD, print its duration
	local name=$1 t0
	shift
	t0=$(date +%s)
	echo "--- golangci-e2e: $name"
	"$@"
	echo "--- golangci-e2e: $name: $(($(date +%s) - t0))s"
}

sha() { sha256sum | cut -c1-16; }

# 1a. A stock golangci-lint, to run `custom` and `config verify`.
STOCK="$CACHE/bin/golangci-lint-$GCL_VERSION"
stock() {
	if [ -x "$STOCK" ]; then
		echo "cached: $STOCK"
	else
		mkdir -p "$CACHE/bin"
		GOBIN="$WORK/gobin" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GCL_VERSION"
		mv "$WORK/gobin/golangci-lint" "$STOCK"
	fi
	"$STOCK" version
}
step "stock golangci-lint $GCL_VERSION" stock

# 1b. golangci-lint's source as a local git repository tagged $GCL_VERSION.
MIRROR="$CACHE/golangci-lint-$GCL_VERSION.git"
mirror() {
	if git -C "$MIRROR" rev-parse -q --verify "refs/tags/$GCL_VERSION" >/dev/null 2>&1; then
		echo "cached: $MIRROR"
		return
	fi
	local src tmp
	src=$(go mod download -json "github.com/golangci/golangci-lint/v2@$GCL_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	[ -d "$src" ] || { echo "no module source for golangci-lint $GCL_VERSION"; return 1; }
	tmp="$MIRROR.tmp.$$"
	rm -rf "$tmp"
	cp -R "$src" "$tmp"
	chmod -R u+w "$tmp"
	git -C "$tmp" init -q
	git -C "$tmp" add -A
	git -C "$tmp" -c user.name=offline -c user.email=offline@localhost commit -qm "golangci-lint $GCL_VERSION from the module proxy"
	git -C "$tmp" tag "$GCL_VERSION"
	rm -rf "$MIRROR"
	mv "$tmp" "$MIRROR"
	echo "built: $MIRROR"
}
step "golangci-lint source mirror" mirror

# 1c. The custom binary. Its key hashes what `custom` builds from this tree:
# the Go files (and embedded files) of the plugin's packages in this module,
# go.mod, go.sum, the Go version and the golangci-lint version.
plugin_inputs() {
	go list -deps -f '{{with .Module}}{{if eq .Path "github.com/conclint/conclint"}}{{range $.GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{range $.EmbedFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}{{end}}' ./analyzers/golangci | sed '/^$/d' | sort -u
	echo "$ROOT/go.mod"
	echo "$ROOT/go.sum"
}
KEY=$( { echo "$GCL_VERSION"; go version; plugin_inputs | while read -r f; do
	echo "${f#"$ROOT"/} $(sha256sum <"$f" | cut -c1-64)"
done; } | sha)
CUSTOM="$CACHE/custom-gcl-$GCL_VERSION-$KEY"
custom() {
	if [ -x "$CUSTOM" ]; then
		echo "cached: $CUSTOM ($(plugin_inputs | wc -l) inputs, key $KEY)"
	else
		mkdir -p "$WORK/build"
		cat >"$WORK/build/.custom-gcl.yml" <<-EOF
			version: $GCL_VERSION
			name: custom-gcl
			destination: $WORK/build/bin
			plugins:
			  - module: github.com/conclint/conclint
			    import: github.com/conclint/conclint/analyzers/golangci
			    path: $ROOT
		EOF
		local t0=$(date +%s)
		(cd "$WORK/build" &&
			GIT_CONFIG_COUNT=1 \
				GIT_CONFIG_KEY_0="url.file://$MIRROR.insteadOf" \
				GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git \
				"$STOCK" custom -v)
		echo "custom build: $(($(date +%s) - t0))s"
		rm -f "$CACHE"/custom-gcl-* # keep only the newest binary
		mv "$WORK/build/bin/custom-gcl" "$CUSTOM"
	fi
	echo "custom golangci-lint: $(du -h "$CUSTOM" | cut -f1) ($(stat -c %s "$CUSTOM") bytes)"
	"$CUSTOM" version
}
step "custom golangci-lint with the conclint plugin" custom

# 2. The example configuration is a valid golangci-lint v2 configuration.
step "config verify .golangci.example.yml" "$STOCK" config verify -c .golangci.example.yml

# The expected findings: FILE:LINE NAME, all of them (conclint) and those
# not marked nolint (golangci-lint).
grep -v '^#' "$E2E/expected.txt" | grep . | awk '{print $1, $2}' | sort >"$WORK/want-conclint.txt"
grep -v '^#' "$E2E/expected.txt" | grep . | awk '$3 != "nolint" {print $1, $2}' | sort >"$WORK/want-golangci.txt"

# 3. golangci-lint with the plugin, configured by .golangci.example.yml
# (only conclint's linters, no issue limits, absolute paths).
run_golangci() {
	local rc=0
	(cd "$E2E" && GOLANGCI_LINT_CACHE="$WORK/gcl-cache" "$CUSTOM" run \
		-c "$ROOT/.golangci.example.yml" --default=none \
		--max-issues-per-linter=0 --max-same-issues=0 --uniq-by-line=false \
		--path-mode=abs --show-stats=false \
		--output.tab.path="$WORK/golangci.out" --output.tab.colors=false ./...) || rc=$?
	cat "$WORK/golangci.out"
	# golangci-lint exits 1 when it reports issues.
	[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || { echo "golangci-lint exited $rc"; return 1; }
	# path:line:col<TAB>linter<TAB>message -> FILE:LINE NAME MESSAGE
	sed -n "s|^$ROOT/$E2E/\([^:]*\):\([0-9]*\):[0-9]*[[:space:]]\{1,\}\([a-z]*\)[[:space:]]\{1,\}\(.*\)\$|\1:\2 \3 \4|p" \
		"$WORK/golangci.out" | sort >"$WORK/got-golangci-full.txt"
	cut -d' ' -f1,2 "$WORK/got-golangci-full.txt" | sort >"$WORK/got-golangci.txt"
	diff -u "$WORK/want-golangci.txt" "$WORK/got-golangci.txt" ||
		{ echo "golangci-lint findings differ from $E2E/expected.txt (-want +got)"; return 1; }
	echo "golangci-lint: $(wc -l <"$WORK/got-golangci.txt") findings, as expected"
}
step "golangci-lint run on $E2E" run_golangci

# 3b. Each analyzer is a linter of its own, and settings are strict.
per_linter() {
	local name rc=0
	name=$(awk '{print $2}' "$WORK/want-golangci.txt" | head -1)
	(cd "$E2E" && GOLANGCI_LINT_CACHE="$WORK/gcl-cache" "$CUSTOM" run \
		-c "$ROOT/.golangci.example.yml" --enable-only="$name" \
		--max-issues-per-linter=0 --max-same-issues=0 --uniq-by-line=false \
		--path-mode=abs --show-stats=false \
		--output.tab.path="$WORK/only.out" --output.tab.colors=false ./...) || rc=$?
	[ "$rc" -le 1 ] || { cat "$WORK/only.out"; echo "golangci-lint exited $rc"; return 1; }
	diff <(awk -v n="$name" '$2 == n' "$WORK/want-golangci.txt") \
		<(sed -n "s|^$ROOT/$E2E/\([^:]*\):\([0-9]*\):[0-9]*[[:space:]]\{1,\}\([a-z]*\)[[:space:]].*|\1:\2 \3|p" "$WORK/only.out" | sort) ||
		{ echo "--enable-only=$name: want exactly the $name findings (-want +got)"; return 1; }
	echo "--enable-only=$name: exactly the $name findings"

	cat >"$WORK/strict.yml" <<-EOF
		version: "2"
		linters:
		  default: none
		  enable: [$name]
		  settings:
		    custom:
		      $name:
		        type: module
		        settings:
		          no-such-setting: 1
	EOF
	rc=0
	(cd "$E2E" && GOLANGCI_LINT_CACHE="$WORK/gcl-cache" "$CUSTOM" run -c "$WORK/strict.yml" ./...) >"$WORK/strict.out" 2>&1 || rc=$?
	cat "$WORK/strict.out"
	[ "$rc" -ne 0 ] && grep -q 'no-such-setting' "$WORK/strict.out" ||
		{ echo "an unknown setting must fail the run with an error naming it (exit $rc)"; return 1; }
	echo "unknown setting: golangci-lint exited $rc with an error naming it, as expected"
}
step "per-linter enable and strict settings" per_linter

# 4. conclint itself on the same module.
run_conclint() {
	local rc=0
	go build -o "$WORK/conclint" ./cmd/conclint
	(cd "$E2E" && "$WORK/conclint" -format=github ./... >"$WORK/conclint.out") || rc=$?
	cat "$WORK/conclint.out"
	[ "$rc" -eq 3 ] || { echo "conclint exited $rc, want 3"; return 1; }
	# ::warning file=F,line=L,col=C,title=NAME::MESSAGE -> FILE:LINE NAME MESSAGE
	sed -n 's|^::warning file=\([^,]*\),line=\([0-9]*\),col=[0-9]*,title=\([a-z]*\)::\(.*\)$|\1:\2 \3 \4|p' \
		"$WORK/conclint.out" | sed 's/%0D/\r/g; s/%0A/ /g; s/%25/%/g' | sort >"$WORK/got-conclint-full.txt"
	cut -d' ' -f1,2 "$WORK/got-conclint-full.txt" | sort >"$WORK/got-conclint.txt"
	diff -u "$WORK/want-conclint.txt" "$WORK/got-conclint.txt" ||
		{ echo "conclint findings differ from $E2E/expected.txt (-want +got)"; return 1; }
	echo "conclint: $(wc -l <"$WORK/got-conclint.txt") findings, as expected"
	# The two drivers must agree, messages included, except on nolint lines.
	comm -23 "$WORK/got-conclint-full.txt" "$WORK/got-golangci-full.txt" >"$WORK/only-conclint.txt"
	comm -13 "$WORK/got-conclint-full.txt" "$WORK/got-golangci-full.txt" >"$WORK/only-golangci.txt"
	echo "reported by conclint only (must be the nolint lines):"
	sed 's/^/  /' "$WORK/only-conclint.txt"
	echo "reported by golangci-lint only (must be none):"
	sed 's/^/  /' "$WORK/only-golangci.txt"
	[ ! -s "$WORK/only-golangci.txt" ] || return 1
	diff <(grep -v '^#' "$E2E/expected.txt" | grep . | awk '$3 == "nolint" {print $1, $2}' | sort) \
		<(cut -d' ' -f1,2 "$WORK/only-conclint.txt" | sort) ||
		{ echo "the findings only conclint reports are not the nolint lines (-want +got)"; return 1; }
}
step "conclint on $E2E (same findings)" run_conclint

# Analyzers that have no case in the e2e module yet.
"$WORK/conclint" help | sed -n '/^Registered analyzers:/,/^By default/s/^    \([a-z]\{1,\}\) .*/\1/p' | while read -r name; do
	grep -q " $name\( \|$\)" "$WORK/want-conclint.txt" || echo "note: no $name case in $E2E/expected.txt yet"
done

echo "--- golangci-e2e: passed in $(($(date +%s) - START))s"
