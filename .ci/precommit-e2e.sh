#!/usr/bin/env bash
# End-to-end test of the pre-commit hook (.pre-commit-hooks.yaml) with
# Debian's pre-commit, the way a user meets it: a temporary git repository
# whose .pre-commit-config.yaml points at a local clone of this repository,
# a committed Go file with a bug makes `pre-commit run --all-files` fail and
# show the finding; once the file is fixed it passes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)

step() { # step NAME CMD...: run CMD, print its duration
	local name=$1 t0
	shift
	t0=$(date +%s)
	echo "--- precommit-e2e: $name"
	"$@"
	echo "--- precommit-e2e: $name: $(($(date +%s) - t0))s"
}

commit() { git -c user.name=conclint-ci -c user.email=ci@localhost commit -qm "$1"; }

install() {
	if ! command -v pre-commit >/dev/null; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
	fi
	pre-commit --version
}
step "install pre-commit" install

# The hook repository: a clone of this repository at HEAD. A working tree
# with changes (a developer's, before committing) is snapshotted into a
# commit of its own, so that what is tested is what is on disk.
HOOKS="$WORK/conclint"
hook_repo() {
	if [ -z "$(git status --porcelain --untracked-files=normal)" ]; then
		git clone -q "$ROOT" "$HOOKS"
		echo "clone of $ROOT at $(git -C "$HOOKS" rev-parse --short HEAD)"
	else
		mkdir -p "$HOOKS"
		git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - | tar -xf - -C "$HOOKS"
		git -C "$HOOKS" init -q
		git -C "$HOOKS" add -A
		(cd "$HOOKS" && commit "snapshot of the working tree of $ROOT")
		echo "snapshot of the working tree of $ROOT (uncommitted changes)"
	fi
}
step "hook repository" hook_repo
REV=$(git -C "$HOOKS" rev-parse HEAD)

# The user's repository: one package with a defer in a loop, then fixed.
bad_go() {
	cat <<'GO'
package files

import "os"

// Sizes keeps every file open until it returns.
func Sizes(names []string) ([]int64, error) {
	var sizes []int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		sizes = append(sizes, st.Size())
	}
	return sizes, nil
}
GO
}

good_go() {
	cat <<'GO'
package files

import "os"

// Sizes no longer opens the files.
func Sizes(names []string) ([]int64, error) {
	var sizes []int64
	for _, name := range names {
		st, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		sizes = append(sizes, st.Size())
	}
	return sizes, nil
}
GO
}

USER_REPO="$WORK/user"
user_repo() (
	mkdir -p "$USER_REPO"
	cd "$USER_REPO"
	git init -q
	cat >go.mod <<-'GO'
		module example.com/precommite2e

		go 1.26
	GO
	bad_go >files.go
	cat >.pre-commit-config.yaml <<-YAML
		repos:
		  - repo: $HOOKS
		    rev: $REV
		    hooks:
		      - id: conclint
	YAML
	git add -A
	commit "a package with a defer in a loop"
	cat .pre-commit-config.yaml
)
step "user repository" user_repo

# pre-commit keeps its environments under PRE_COMMIT_HOME (a fresh one, so
# that the hook is really built) and sets GOPATH for the build: keep the
# shared module cache so that the build needs no download.
export PRE_COMMIT_HOME="$WORK/pre-commit-home"
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE

must_fail() {
	local rc=0
	(cd "$USER_REPO" && pre-commit run --all-files --color=never) >"$WORK/bad.out" 2>&1 || rc=$?
	cat "$WORK/bad.out"
	[ "$rc" -ne 0 ] || { echo "pre-commit passed on a file with a bug"; return 1; }
	grep -q 'files.go:13:3: defer f.Close() in loop runs only when Sizes returns' "$WORK/bad.out" ||
		{ echo "pre-commit output does not show the deferloop finding"; return 1; }
	grep -q '^conclint\.*Failed$' "$WORK/bad.out" || { echo "no 'conclint...Failed' line"; return 1; }
	echo "pre-commit failed (exit $rc) and showed the finding, as expected"
}
step "pre-commit run --all-files on the bug (must fail)" must_fail

must_pass() (
	cd "$USER_REPO"
	good_go >files.go
	git add -A
	commit "fix: no defer in the loop"
	local rc=0
	pre-commit run --all-files --color=never >"$WORK/good.out" 2>&1 || rc=$?
	cat "$WORK/good.out"
	[ "$rc" -eq 0 ] || { echo "pre-commit failed on the fixed file (exit $rc)"; return 1; }
	grep -q '^conclint\.*Passed$' "$WORK/good.out" || { echo "no 'conclint...Passed' line"; return 1; }
)
step "pre-commit run --all-files after the fix (must pass)" must_pass

echo "--- precommit-e2e: passed in $(($(date +%s) - START))s"
