#!/usr/bin/env bash
# bench/run.sh: measure conclint against its floors, staticcheck and go vet on
# one corpus, side by side, and print a markdown table. See bench/README.md.
#
#	bench/run.sh [-n RUNS] [-s SECTIONS] [-S SIZES] [-p PATTERNS] std|corpus
#
#	-n RUNS      runs per row; the table shows the median, min and max (default 3)
#	-s SECTIONS  comma-separated subset of main,analyzers,scale
#	             (default: main,analyzers,scale for std; main,analyzers for corpus)
#	-S SIZES     package counts of the std subsets of the scale section
#	             (default "25 50 100 200"; the whole of std comes from main)
#	-p PATTERNS  analyse these package patterns instead of the whole corpus,
#	             e.g. -p "sync/... net/http" std (quick smoke runs)
#
# Environment: BENCH_TMP (default ${TMPDIR:-/tmp}/conclint-bench) holds the
# build caches, several GiB for std; results go to bench/out/<corpus>-<time>/.
# The script asserts nothing about time: it measures and prints.
set -euo pipefail

runs=3 sections="" sizes="25 50 100 200" patterns=""
while getopts "n:s:S:p:h" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	s) sections=$OPTARG ;;
	S) sizes=$OPTARG ;;
	p) patterns=$OPTARG ;;
	*) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
corpus=${1:-}
case $corpus in
std) sections=${sections:-main,analyzers,scale} ;;
corpus) sections=${sections:-main,analyzers} ;;
*) echo "usage: bench/run.sh [-n RUNS] [-s SECTIONS] [-S SIZES] [-p PATTERNS] std|corpus" >&2; exit 2 ;;
esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: -n wants a positive count" >&2; exit 2; }

bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$bench/out/$1-$stamp
bin=$bench/out/bin
tmp=${BENCH_TMP:-${TMPDIR:-/tmp}/conclint-bench}
mkdir -p "$out/logs" "$bin" "$tmp"
log() { printf 'bench: %s\n' "$*" >&2; }
has() { [[ ,$sections, == *,$1,* ]]; }

# --- tools -----------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		log "installing GNU time"
		apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
	fi
	[[ -x /usr/bin/time ]] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
fi

log "building conclint, floor-types, floor-ssa, benchtable; staticcheck v0.8.2"
(cd "$root" && go build -o "$bin/conclint" ./cmd/conclint)
(cd "$bench" && go build -o "$bin/floor-types" ./floor/types &&
	go build -o "$bin/floor-ssa" ./floor/ssa &&
	go build -o "$bin/benchtable" ./cmd/benchtable)
if ! "$bin/staticcheck" -version 2>/dev/null | grep -q '(0\.8\.2)'; then
	GOBIN=$bin go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi

# --- corpus ----------------------------------------------------------------
if [[ $corpus == std ]]; then
	work=$root
	mapfile -t pkgs < <(cd "$work" && go list std)
	args=(std)
else
	work=$bench/corpus
	(cd "$work" && go mod download)
	mapfile -t pkgs < <("$work/packages.sh")
	args=("${pkgs[@]}")
fi
if [[ -n $patterns ]]; then
	read -r -a args <<<"$patterns"
	mapfile -t pkgs < <(cd "$work" && go list "${args[@]}")
	corpus="$corpus subset: $patterns"
fi

# size PKG...: prints "packages files lines" of the packages, test files included.
# shellcheck disable=SC2016 # a go list template, not a shell expansion
size() {
	(cd "$work" && go list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .CgoFiles}}{{$d}}/{{.}}
{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}
{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}
{{end}}' "$@") | grep . | { mapfile -t files; printf '%d %d %d\n' "$#" "${#files[@]}" "$(cat "${files[@]}" | wc -l)"; } 
}
read -r npkgs nfiles nlines < <(size "${pkgs[@]}")
log "corpus $corpus: $npkgs packages, $nfiles files, $nlines lines"

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit="$commit (uncommitted changes)"
cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || true)
cat >"$out/meta.tsv" <<EOF
corpus	$corpus
packages	$npkgs
files	$nfiles
lines	$nlines
runs	$runs
date	$(date -u '+%Y-%m-%d %H:%M UTC')
commit	$commit
go	$(go version | cut -d' ' -f3-)
machine	$(nproc) cores, $mem, ${cpu:-unknown CPU}, $(uname -sr)
load	$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
EOF

# --- caches ----------------------------------------------------------------
# Every "cold" run starts from a copy of one warm build cache: the export data
# of every package (and test variant) is compiled, no analysis result is. So
# no tool pays for compiling dependencies, and no tool finds its own results.
# It is keyed by Go version and package list, and rebuilt after 3 days: the go
# command trims cache entries unused for 5 days, which would make a cold run
# recompile what the trim removed.
warm=$tmp/gocache-warm-$({ go version; printf '%s ' "${args[@]}"; } | cksum | cut -d' ' -f1)
if [[ ! -f $warm/.complete || -n $(find "$warm/.complete" -mtime +3 2>/dev/null) ]]; then
	log "warming the build cache in $warm (once per corpus; not timed)"
	rm -rf "$warm"
	(cd "$work" && GOCACHE=$warm go list -export -deps -test "${args[@]}" >/dev/null)
	touch "$warm/.complete"
fi
gocache=$tmp/gocache-run scache=$tmp/staticcheck-run
fresh() {
	rm -rf "$gocache" "$scache"
	cp -a "$warm" "$gocache"
	mkdir -p "$scache"
}

# --- measuring -------------------------------------------------------------
printf 'section\tlabel\tparam\tround\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' >"$out/raw.tsv"
: >"$out/notes.txt"

# measure SECTION LABEL PARAM ROUND CMD...: one timed run in $work with the
# current caches; appends a row to raw.tsv, keeps the output in logs/.
measure() {
	local section=$1 label=$2 param=$3 round=$4
	shift 4
	local name rc
	name=$(printf '%s-%s-%s-%s' "$section" "$label" "$param" "$round" | tr -c 'A-Za-z0-9._-' '_')
	set +e
	(cd "$work" && GOCACHE=$gocache STATICCHECK_CACHE=$scache \
		/usr/bin/time -f '%e %U %S %M' -o "$out/logs/$name.time" "$@" >"$out/logs/$name.log" 2>&1)
	rc=$?
	set -e
	local t
	t=$(tail -n1 "$out/logs/$name.time")
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$label" "$param" "$round" "${t// /$'\t'}" "$rc" >>"$out/raw.tsv"
	if grep -qE '^panic: |internal error|fatal error: ' "$out/logs/$name.log"; then
		echo "$label ($param, run $round): panic or internal error, see logs/$name.log" >>"$out/notes.txt"
	fi
	case $label:$rc in
	conclint*:0 | conclint*:3 | floor*:0 | floor*:3 | *vet*:0 | *vet*:1 | staticcheck*:0 | staticcheck*:1) ;;
	*) echo "$label ($param, run $round): exit $rc, see logs/$name.log" >>"$out/notes.txt" ;;
	esac
	log "$(printf '%-40s run %d: %6ss wall, %s KiB, exit %s' "$label${param:+ @$param}" "$round" "${t%% *}" "${t##* }" "$rc")"
}

C=$bin/conclint FT=$bin/floor-types FS=$bin/floor-ssa SC=$bin/staticcheck

if has main; then
	for ((r = 1; r <= runs; r++)); do
		fresh; measure main "floor-types" "" "$r" "$FT" "${args[@]}"
		fresh; measure main "floor-ssa" "" "$r" "$FS" "${args[@]}"
		fresh; measure main "conclint" "" "$r" "$C" "${args[@]}"
		fresh; measure main "staticcheck (cold)" "" "$r" "$SC" "${args[@]}"
		fresh; measure main "go vet (cold)" "" "$r" go vet "${args[@]}"
		measure main "go vet (cached)" "" "$r" go vet "${args[@]}"
		fresh; measure main "go vet -vettool=floor-ssa (cold)" "" "$r" go vet -vettool="$FS" "${args[@]}"
		measure main "go vet -vettool=floor-ssa (cached)" "" "$r" go vet -vettool="$FS" "${args[@]}"
		fresh; measure main "go vet -vettool=conclint (cold)" "" "$r" go vet -vettool="$C" "${args[@]}"
		measure main "go vet -vettool=conclint (cached)" "" "$r" go vet -vettool="$C" "${args[@]}"
	done
fi

if has analyzers; then
	mapfile -t names < <("$C" help 2>&1 | awk '/^Registered analyzers:/{on=1; next} on && /^    [a-z]/{print $1} on && /^[^ ]/ && !/^$/{on=0}')
	[[ ${#names[@]} -gt 0 ]] || { echo "bench: cannot list conclint's analyzers from 'conclint help'" >&2; exit 1; }
	for ((r = 1; r <= runs; r++)); do
		has main || { fresh; measure main "floor-ssa" "" "$r" "$FS" "${args[@]}"; }
		for n in "${names[@]}"; do
			fresh; measure analyzers "conclint -$n" "" "$r" "$C" "-$n" "${args[@]}"
		done
	done
fi

if has scale && [[ $corpus == std* ]]; then
	# Deterministic std subsets of growing size: the packages ordered by a
	# hash of their path, so every subset mixes small and large packages,
	# and each subset contains the smaller ones.
	mapfile -t shuffled < <(printf '%s\n' "${pkgs[@]}" | while read -r p; do printf '%s %s\n' "$(printf %s "$p" | cksum | cut -d' ' -f1)" "$p"; done | sort -n | cut -d' ' -f2)
	: >"$out/scale.tsv"
	for k in $sizes; do
		((k < ${#shuffled[@]})) || continue
		read -r sp sf sl < <(size "${shuffled[@]:0:k}")
		printf '%s\t%s\t%s\n' "$sp" "$sf" "$sl" >>"$out/scale.tsv"
	done
	for ((r = 1; r <= runs; r++)); do
		for k in $sizes; do
			((k < ${#shuffled[@]})) || continue
			fresh; measure scale "floor-ssa" "$k" "$r" "$FS" "${shuffled[@]:0:k}"
			fresh; measure scale "conclint" "$k" "$r" "$C" "${shuffled[@]:0:k}"
		done
	done
fi

rm -rf "$gocache" "$scache"
printf 'load_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >>"$out/meta.tsv"
"$bin/benchtable" -dir "$out" | tee "$out/table.md"
log "results in ${out#"$root"/}/ (table.md, raw.tsv, logs/)"
