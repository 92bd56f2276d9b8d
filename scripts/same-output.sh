#!/usr/bin/env bash
# Proves that a refactor did not change what scrutiny writes: builds the real archive, every fixture
# site and a 1,000-report generated archive with the binary of BASE (a git revision, default
# HEAD~1) and with the working tree's, and compares the two public/ trees byte for byte, and what
# `check` prints of each (human and GitHub formats). Prints one tree hash per site; exits 1 when
# anything differs, listing the files that do.
#
# Usage: bash scripts/same-output.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
base=${1:-HEAD~1}
target=${CARGO_TARGET_DIR:-$root/target}
work=$target/same-output
today=2025-06-01

rm -rf "$work" && mkdir -p "$work"
git worktree add --detach --force "$work/base-tree" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true' EXIT

echo "== building scrutiny at $base and at the working tree" >&2
CARGO_TARGET_DIR="$target/same-output-base" cargo build --release --quiet \
    --manifest-path "$work/base-tree/Cargo.toml" --bin scrutiny
cargo build --release --quiet --bin scrutiny
cargo build --release --quiet -p scrutiny-corpus 2>/dev/null || true
old=$target/same-output-base/release/scrutiny
new=$target/release/scrutiny

# The generated archive: the corpus tool of the working tree when it exists, else `scrutiny
# generate` (before the tools moved out of the product). Same seed, same bytes: compared too.
generated=$work/generated
if [ -x "$target/release/corpus" ]; then
    "$target/release/corpus" generate --seed 7 --reports 1000 --out "$generated" >/dev/null
else
    "$new" generate --seed 7 --reports 1000 --out "$generated" >/dev/null
fi
if "$old" generate --help >/dev/null 2>&1; then
    "$old" generate --seed 7 --reports 1000 --out "$work/generated-base" >/dev/null
    diff -r -q "$work/generated-base" "$generated" >&2 \
        || { echo "the generator's output changed" >&2; exit 1; }
fi

tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }

status=0
for site in "$root" "$root/tests/fixtures/minimal" "$root/tests/fixtures/deadlines" \
    "$root/tests/site/fixture" "$generated"; do
    name=${site#"$root"/}
    for flags in "" "--drafts"; do
        for binary in old new; do
            out=$work/out-$binary
            rm -rf "$out"
            "${!binary}" build --root "$site" --output "$out" --today "$today" $flags >/dev/null 2>&1 \
                || { echo "$name $flags: the $binary build failed" >&2; status=1; }
        done
        # What check says (every diagnostic, in both formats) must not change either.
        for format in human github; do
            for binary in old new; do
                "${!binary}" check --root "$site" --today "$today" --format "$format" $flags \
                    >"$work/check-$binary" 2>&1 || true
            done
            cmp -s "$work/check-old" "$work/check-new" \
                || { echo "$name $flags: check --format $format says something else" >&2; status=1; }
        done
        if diff -r -q "$work/out-old" "$work/out-new" >&2; then
            echo "same  $(tree_hash "$work/out-new")  $name $flags"
        else
            echo "DIFFERENT  $name $flags" >&2
            status=1
        fi
    done
done
exit $status
