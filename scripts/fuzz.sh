#!/usr/bin/env bash
# Fuzzes scrutiny with cargo-fuzz (libFuzzer + AddressSanitizer) for a bounded time:
#   frontmatter  front-matter splitting, config.toml and themes.toml reading
#   document     bytes -> UTF-8 check -> report/response/page reading -> Markdown (both raw_html modes)
#   site         a whole site on disk: load, validate, index and render in memory
# Each target runs FUZZ_SECONDS seconds (default 30), from a seed corpus of every Markdown and
# TOML file of the fixture sites and content/, plus fuzz/seeds/, with fuzz/scrutiny.dict.
# Installs cargo-fuzz if missing. The first build compiles every dependency with the sanitizer
# (several minutes on 2 cores); later ones
# reuse FUZZ_TARGET_DIR (default ~/.cache/scrutiny/fuzz-target) and the corpus grows in
# FUZZ_CORPUS_DIR (default ~/.cache/scrutiny/fuzz-corpus).
#
#   bash scripts/fuzz.sh                 # all three targets, 30 s each
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh document
#
# A crash stops the script with a non-zero exit and the input in fuzz/artifacts/<target>/.
# Replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>` (inside fuzz/), then add it as
# a regression test in tests/cli/hostile/ or tests/cli/properties.rs before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=(frontmatter document site)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# cargo-fuzz passes nightly-only compiler flags (-Zsanitizer=address and the like). This machine
# has the stable toolchain only; RUSTC_BOOTSTRAP=1 lets it accept them. Stable ships the
# AddressSanitizer runtime, so nothing else is needed.
if ! rustc --version | grep -q nightly; then
  export RUSTC_BOOTSTRAP=1
fi

# Build output and the growing corpus are kept outside the clone: CI runs on this machine in a
# fresh clone, so a later run builds only scrutiny itself and starts from what earlier runs found.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/scrutiny"
target_dir="${FUZZ_TARGET_DIR:-$cache/fuzz-target}"
corpus_dir="${FUZZ_CORPUS_DIR:-$cache/fuzz-corpus}"
mkdir -p "$target_dir" "$corpus_dir"
# Absolute, since cargo fuzz runs inside fuzz/.
target_dir="$(cd "$target_dir" && pwd)"
corpus_dir="$(cd "$corpus_dir" && pwd)"

# The seed corpus, named by content so reruns add nothing twice.
for target in "${targets[@]}"; do
  corpus="$corpus_dir/$target"
  mkdir -p "$corpus"
  find tests/fixtures content tests/site/fixture fuzz/seeds -type f \( -name '*.md' -o -name '*.toml' \) 2>/dev/null |
    while IFS= read -r seed; do
      cp "$seed" "$corpus/seed-$(sha1sum "$seed" | cut -c1-16)"
    done
done

flags=(--release --debug-assertions --target-dir "$target_dir")
echo "== building the fuzz targets"
(cd fuzz && cargo fuzz build "${flags[@]}")

mkdir -p fuzz/artifacts
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  log="fuzz/artifacts/$target.log"
  status=0
  (
    cd fuzz
    cargo fuzz run "${flags[@]}" "$target" "$corpus_dir/$target" -- \
      -max_total_time="$seconds" \
      -max_len=16384 \
      -timeout=20 \
      -rss_limit_mb=3072 \
      -dict=scrutiny.dict \
      -print_final_stats=1
  ) >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 80 "$log" >&2
    echo "fuzzing $target failed (exit $status): the input is in fuzz/artifacts/$target/, the log in $log" >&2
    exit 1
  fi
done
echo "== fuzzing found no crash (${#targets[@]} targets, ${seconds}s each)"
