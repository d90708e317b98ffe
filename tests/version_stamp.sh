#!/usr/bin/env bash
# ctest: the build's commit stamp (cmake/version.cmake) names the commit the tree is at, adds
# "-dirty" when a tracked file has changed, follows a new commit, and leaves the header's
# bytes and time alone when nothing changed (so an unchanged tree rebuilds nothing).
set -euo pipefail
cmake=$1
script=$2
template=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
repo=$dir/repo
out=$dir/version.h
git init -q "$repo"
echo one > "$repo/file.txt"
git -C "$repo" add file.txt
git -C "$repo" -c user.name=test -c user.email=test@example.com commit -q -m one
stamp() { "$cmake" -DSOURCE_DIR="$repo" -DINPUT="$template" -DOUTPUT="$out" -DPROJECT_VERSION=9.9.9 -P "$script"; }
expect() {
  if ! grep -q "kGitCommit = \"$1\"" "$out"; then
    echo "expected commit $1, got: $(grep kGitCommit "$out")" >&2
    exit 1
  fi
}

stamp
first=$(git -C "$repo" rev-parse --short=12 HEAD)
expect "$first"
grep -q 'kVersion = "9.9.9"' "$out"
# Nothing changed: the same file, untouched.
before=$(stat -c %y "$out")
sleep 1.1
stamp
after=$(stat -c %y "$out")
[[ "$before" == "$after" ]] || { echo "the header was rewritten though nothing changed" >&2; exit 1; }
# An untracked file is not a change of the tree; an edit of a tracked one is.
echo scratch > "$repo/untracked.txt"
stamp
expect "$first"
echo two > "$repo/file.txt"
stamp
expect "$first-dirty"
# A new commit is picked up at the next build.
git -C "$repo" -c user.name=test -c user.email=test@example.com commit -q -am two
stamp
second=$(git -C "$repo" rev-parse --short=12 HEAD)
[[ "$second" != "$first" ]]
expect "$second"
# Outside a git checkout: "unknown".
mkdir "$dir/plain"
GIT_CEILING_DIRECTORIES=$dir "$cmake" -DSOURCE_DIR="$dir/plain" -DINPUT="$template" -DOUTPUT="$out" \
  -DPROJECT_VERSION=9.9.9 -P "$script"
expect unknown
echo "version stamp: ok"
